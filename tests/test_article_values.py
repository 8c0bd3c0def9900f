"""When a story appears, what its byline and "updated" line say, and the
QuerySets editors and readers see it through."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from rumours.models import Article, TransferClaim
from rumours.models.article_queries import related_stories

from .factories import ArticleFactory, PlayerFactory, TransferClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

DUE = dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def due_story():
    with time_machine.travel(DUE - dt.timedelta(days=1), tick=False):
        story = ArticleFactory(published_at=DUE)
        TransferClaimFactory(article=story)
    return story


def test_a_story_appears_at_its_exact_publication_instant(due_story):
    with time_machine.travel(DUE, tick=False):
        assert list(Article.objects.published()) == [due_story]
        assert Article.objects.get().is_published
        assert not Article.objects.get().is_scheduled


def test_its_claims_appear_at_the_same_instant(due_story):
    with time_machine.travel(DUE, tick=False):
        assert TransferClaim.objects.public().count() == 1


def test_a_story_a_moment_before_its_instant_is_scheduled(due_story):
    with time_machine.travel(DUE - dt.timedelta(microseconds=1), tick=False):
        assert list(Article.objects.published()) == []
        assert TransferClaim.objects.public().count() == 0
        assert list(Article.objects.scheduled()) == [due_story]
        assert Article.objects.get().is_scheduled


def test_at_its_instant_a_story_is_no_longer_scheduled(due_story):
    with time_machine.travel(DUE, tick=False):
        assert list(Article.objects.scheduled()) == []


def test_only_published_stories_count_as_scheduled():
    future = timezone.now() + dt.timedelta(days=1)
    ArticleFactory(status=Article.Status.REVIEW, published_at=future)

    assert list(Article.objects.scheduled()) == []


def test_in_review_lists_only_stories_waiting_for_an_editor():
    waiting = ArticleFactory(review=True)
    ArticleFactory(draft=True)
    ArticleFactory()

    assert list(Article.objects.in_review()) == [waiting]


def test_related_stories_leave_out_the_story_itself():
    player = PlayerFactory()
    story = ArticleFactory()
    other = ArticleFactory()
    story.players.add(player)
    other.players.add(player)

    assert related_stories(story) == [other]


def test_related_stories_are_published_and_due_only():
    player = PlayerFactory()
    story, shown = ArticleFactory(), ArticleFactory()
    hidden = [ArticleFactory(draft=True), ArticleFactory(scheduled=True)]
    for each in (story, shown, *hidden):
        each.players.add(player)

    assert related_stories(story) == [shown]


def test_a_story_about_no_player_has_no_related_stories():
    ArticleFactory().players.add(PlayerFactory())

    assert related_stories(ArticleFactory()) == []


def test_saving_only_the_body_renders_its_html_too():
    story = ArticleFactory()
    story.body = "Milan **renew** their interest."

    story.save(update_fields=["body"])

    story.refresh_from_db()
    assert story.body_html == "<p>Milan <strong>renew</strong> their interest.</p>"


def test_saving_only_the_body_keeps_what_another_editor_saved_meanwhile():
    story = ArticleFactory(headline="Milan ask about Dragusin")
    Article.objects.filter(pk=story.pk).update(headline="Milan enquire for Dragusin")
    story.body = "Milan **renew** their interest."

    story.save(update_fields=["body"])

    story.refresh_from_db()
    assert story.headline == "Milan enquire for Dragusin"


def test_the_story_page_leaves_the_markdown_and_search_text_in_the_database():
    story = ArticleFactory()

    loaded = Article.objects.for_story_page().get(pk=story.pk)

    assert loaded.get_deferred_fields() == {"body", "search_document"}


def test_a_timeline_leaves_its_stories_text_in_the_database():
    claim = TransferClaimFactory()

    loaded = TransferClaim.objects.for_timeline().get(pk=claim.pk)

    assert loaded.article.get_deferred_fields() == {
        "body",
        "body_html",
        "search_document",
    }


def test_the_byline_is_the_authors_full_name():
    author = UserFactory(first_name="Ada", last_name="Reyes")

    assert ArticleFactory(author=author).byline == "Ada Reyes"


def test_the_byline_falls_back_to_the_username():
    author = UserFactory(username="nightdesk", first_name="", last_name="")

    assert ArticleFactory(author=author).byline == "nightdesk"


def test_a_story_without_an_author_is_bylined_to_the_desk():
    assert ArticleFactory(author=None).byline == "Transfer Desk"


@pytest.mark.parametrize(
    ("seconds_later", "updated"), [(59, False), (60, True), (61, True)]
)
def test_a_story_reads_updated_from_a_minute_after_publication(seconds_later, updated):
    story = Article(
        published_at=DUE, revised_at=DUE + dt.timedelta(seconds=seconds_later)
    )

    assert story.was_updated is updated
