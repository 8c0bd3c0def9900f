"""Story pages show what a denial answers and who goes the other way in a swap (#13)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import strip_tags

from rumours.models import Article, TransferClaim

from .factories import (
    ArticleFactory,
    CompetitionFactory,
    PlayerFactory,
    TransferClaimFactory,
)

pytestmark = pytest.mark.django_db


def page_text(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    return re.sub(r"\s+", " ", strip_tags(html))


def denial_of(report):
    return TransferClaimFactory(
        article=ArticleFactory(headline="Agent dismisses the Milan story"),
        player=report.player,
        from_club=report.from_club,
        to_club=report.to_club,
        claim_type=TransferClaim.Type.DENIED,
        answers=report,
    )


def test_a_denial_links_the_published_story_it_answers(client):
    report = TransferClaimFactory(article__headline="Milan ask about the defender")
    denial = denial_of(report)

    text = page_text(client, denial.article)

    assert "In answer to the report in Milan ask about the defender" in text


def test_a_denial_never_names_an_unpublished_story(client):
    report = TransferClaimFactory(
        article__headline="Secret draft", article__status=Article.Status.DRAFT
    )
    denial = denial_of(report)

    text = page_text(client, denial.article)

    assert "Secret draft" not in text
    assert "In answer to" not in text


def test_a_swap_names_the_player_going_the_other_way(client):
    first = TransferClaimFactory(deal_type=TransferClaim.DealType.SWAP)
    other = TransferClaimFactory(
        article=first.article,
        player=PlayerFactory(name="Ivo Brandt"),
        from_club=first.to_club,
        to_club=first.from_club,
        deal_type=TransferClaim.DealType.SWAP,
        swap_with=first,
    )

    text = page_text(client, other.article)

    assert "Swap with Ivo Brandt going the other way" not in text
    assert f"Swap with {first.player.name} going the other way" in text


def story_queries(client, article):
    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url())
    return len(queries)


def test_sides_and_links_cost_the_story_page_no_query(client):
    plain = TransferClaimFactory()
    linked = denial_of(TransferClaimFactory())
    TransferClaimFactory(
        article=linked.article,
        from_club=None,
        from_described="a Championship side",
        from_competition=CompetitionFactory(),
        to_club=None,
        to_described="an MLS side",
        to_competition=CompetitionFactory(),
    )
    # Warm what every page loads once; each story is then read uncached.
    client.get(TransferClaimFactory().article.get_absolute_url())

    assert story_queries(client, linked.article) == story_queries(client, plain.article)
