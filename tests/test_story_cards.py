"""What a story card loads of its claims: their clubs, as rows (#16, #19)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rumours.models import Article
from rumours.templatetags.rumours_tags import story_card

from .factories import ArticleFactory, ClubFactory, TransferClaimFactory

pytestmark = pytest.mark.django_db


def test_cards_load_the_clubs_their_claims_name_in_one_query():
    milan, inter = ClubFactory(), ClubFactory()
    first, second = ArticleFactory(), ArticleFactory()
    TransferClaimFactory(article=first, from_club=milan, to_club=inter)
    TransferClaimFactory(article=second, from_club=None, to_club=milan)

    with CaptureQueriesContext(connection) as queries:
        cards = {
            card.pk: card
            for card in Article.objects.for_cards(with_clubs=True).filter(
                pk__in=[first.pk, second.pk]
            )
        }

    assert len(queries) == 3  # the stories, their clubs, their claims' clubs
    assert [
        (row.from_club_id, row.to_club_id) for row in cards[first.pk].claim_sides
    ] == [(milan.pk, inter.pk)]
    assert [
        (row.from_club_id, row.to_club_id) for row in cards[second.pk].claim_sides
    ] == [(None, milan.pk)]


def test_a_story_without_claims_has_no_sides():
    story = ArticleFactory()

    (card,) = Article.objects.for_cards(with_clubs=True).filter(pk=story.pk)

    assert card.claim_sides == []


def test_a_card_names_first_the_club_its_claims_name_most():
    rovers = ClubFactory(short_name="Rovers")
    athletic = ClubFactory(short_name="Athletic")
    story = ArticleFactory()
    story.clubs.add(rovers, athletic)
    TransferClaimFactory(article=story, from_club=athletic, to_club=rovers)
    TransferClaimFactory(article=story, from_club=None, to_club=rovers)

    (card,) = Article.objects.for_cards(with_clubs=True).filter(pk=story.pk)

    assert [club.short_name for club in card.main_clubs] == ["Rovers", "Athletic"]


def test_a_story_loaded_otherwise_has_no_sides_to_read():
    story = ArticleFactory()

    with pytest.raises(AttributeError, match="prefetch_related"):
        story.claim_sides  # noqa: B018


def card_of(story):
    (card,) = Article.objects.for_cards(with_clubs=True).filter(pk=story.pk)
    return (
        story_card(card, show_clubs=True)
        .split(" · ", 1)[1]
        .removesuffix("</p>\n</article>\n")
    )


def test_a_card_links_four_clubs_and_counts_the_others():
    story = ArticleFactory()
    clubs = [ClubFactory(short_name=name) for name in "ABCDEF"]
    story.clubs.add(*clubs)

    html = card_of(story)

    assert html.count("<a") == 4
    assert f'href="{clubs[0].get_absolute_url()}">A</a>' in html
    assert html.endswith("D</a> and 2 more")


def test_a_card_with_four_clubs_or_fewer_counts_none():
    story = ArticleFactory()
    story.clubs.add(*(ClubFactory(short_name=name) for name in "ABCD"))

    assert "more" not in card_of(story)


def test_a_card_escapes_a_club_name():
    story = ArticleFactory()
    story.clubs.add(ClubFactory(short_name="Brighton & <Hove>"))

    assert ">Brighton &amp; &lt;Hove&gt;</a>" in card_of(story)
