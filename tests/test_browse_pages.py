"""The index pages readers browse by (#16): clubs, players, sources, competitions.

Also what #16 asks of the story: a card names the clubs its claims name most
first, the story page links each club's squad view, and a phone reads a
summary of the state of play at the top.
"""

import re

import pytest
from django.utils import timezone

from rumours.models import Article

from .factories import (
    ArticleFactory,
    ClubFactory,
    CompetitionFactory,
    PlayerFactory,
    SourceFactory,
    TransferClaimFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_clubs_index_groups_clubs_by_competition_with_their_squad_views(client):
    serie_a = CompetitionFactory(name="Serie A", slug="serie-a")
    milan = ClubFactory(name="AC Milan", short_name="Milan", competition=serie_a)
    ClubFactory(name="Wrexham AFC", short_name="Wrexham", competition=None)

    response = client.get("/clubs/")

    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(
        r"<h2[^>]*>Serie A</h2>.*AC Milan.*Other clubs.*Wrexham", html, re.S
    )
    assert f'href="{milan.get_squad_url()}"' in html


def test_the_clubs_index_filters_by_competition(client):
    serie_a = CompetitionFactory(name="Serie A", slug="serie-a")
    ClubFactory(name="AC Milan", competition=serie_a)
    ClubFactory(name="Brentford FC")

    text = text_of(client.get("/clubs/?competition=serie-a"))

    assert "AC Milan" in text
    assert "Brentford" not in text


def test_an_unknown_competition_on_the_clubs_index_is_a_404(client):
    assert client.get("/clubs/?competition=no-such-league").status_code == 404


def test_the_players_index_finds_a_player_by_words_of_his_name(client):
    PlayerFactory(name="Radu Dragusin")
    PlayerFactory(name="Alessandro Buongiorno")

    text = text_of(client.get("/players/?q=dragusin radu"))

    assert "Radu Dragusin" in text
    assert "Buongiorno" not in text


def test_the_players_index_filters_by_position_and_club(client):
    spurs = ClubFactory(short_name="Spurs", slug="tottenham")
    PlayerFactory(name="Radu Dragusin", primary_position="CB", current_club=spurs)
    PlayerFactory(name="Guglielmo Vicario", primary_position="GK", current_club=spurs)
    PlayerFactory(name="Fikayo Tomori", primary_position="CB")

    text = text_of(client.get("/players/?position=CB&club=tottenham"))

    assert "Radu Dragusin" in text
    assert "Vicario" not in text
    assert "Tomori" not in text


@pytest.mark.parametrize("query", ["club=no-such-club", "position=XX"])
def test_a_players_filter_naming_nothing_is_a_404(client, query):
    assert client.get(f"/players/?{query}").status_code == 404


def test_the_players_index_pages_fifty_at_a_time_keeping_the_filters(client):
    PlayerFactory.create_batch(51, primary_position="CB")

    first = client.get("/players/?position=CB").content.decode()
    second = text_of(client.get("/players/?position=CB&page=2"))

    assert 'href="?position=CB&amp;page=2"' in first
    assert (
        second.count("Centre-back") == 1 + 1
    )  # the one player, and the select's option


def test_the_sources_index_lists_the_most_reliable_tier_first_and_unrated_last(client):
    SourceFactory(name="New Voice", reliability_tier=None)
    SourceFactory(name="Gossip Sheet", reliability_tier=4)
    SourceFactory(name="Trusted Reporter", reliability_tier=1)

    text = text_of(client.get("/sources/"))

    assert text.index("Trusted Reporter") < text.index("Gossip Sheet")
    assert text.index("Gossip Sheet") < text.index("New Voice")


def test_the_competitions_index_counts_clubs_and_links_their_stories(client):
    serie_a = CompetitionFactory(name="Serie A", slug="serie-a")
    ClubFactory.create_batch(2, competition=serie_a)

    response = client.get("/competitions/")

    assert "2 clubs" in text_of(response)
    assert 'href="/?competition=serie-a"' in response.content.decode()
    assert 'href="/clubs/?competition=serie-a"' in response.content.decode()


def test_every_page_links_the_index_pages(client):
    html = client.get("/").content.decode()

    for path in ("/clubs/", "/players/", "/sources/", "/competitions/"):
        assert f'href="{path}"' in html


def published_story_naming(*pairs):
    article = ArticleFactory(
        status=Article.Status.PUBLISHED, published_at=timezone.now()
    )
    for from_club, to_club in pairs:
        TransferClaimFactory(article=article, from_club=from_club, to_club=to_club)
        article.clubs.add(from_club, to_club)
    return article


def test_a_card_names_first_the_clubs_its_claims_name_most(client):
    spurs = ClubFactory(short_name="Tottenham")
    clubs = [
        ClubFactory(short_name=name) for name in ("Aston", "Bologna", "Celta", "Derby")
    ]
    published_story_naming(*[(spurs, club) for club in clubs])

    text = text_of(client.get("/"))

    assert re.search(r"Tottenham ?, Aston ?, Bologna ?, Celta and 1 more", text)


def test_the_story_page_links_the_squad_view_of_each_club_its_claims_name(client):
    spurs, milan = ClubFactory(short_name="Tottenham"), ClubFactory(short_name="Milan")
    article = published_story_naming((spurs, milan))

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'href="{spurs.get_squad_url()}"' in html
    assert f'href="{milan.get_squad_url()}"' in html


def test_the_story_opens_with_a_summary_of_its_state_of_play(client):
    spurs, milan = ClubFactory(short_name="Tottenham"), ClubFactory(short_name="Milan")
    article = published_story_naming(
        (spurs, milan), (spurs, milan), (spurs, milan), (spurs, milan)
    )

    html = client.get(article.get_absolute_url()).content.decode()

    summary = html[html.index('class="state-of-play-summary"') :]
    summary = summary[: summary.index("</section>")]
    assert summary.count("<li>") == 3
    assert 'href="#state-of-play-title">All 4 claims' in summary
    assert html.index("state-of-play-summary") < html.index("story__body")
