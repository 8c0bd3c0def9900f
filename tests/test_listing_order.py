"""Lists readers see keep their stated order, not the order rows were written.

Each fixture writes rows in an order that differs from the one the page
promises (short name for clubs, name for players, report time for claims,
newest first for feeds), so a list that falls back to ids or to a model's
default ordering fails here.
"""

import datetime as dt

import feedparser
import pytest

from .factories import ArticleFactory, ClubFactory, PlayerFactory, TransferClaimFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]

WHEN = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)


def in_page_order(page, names):
    """Return ``names`` sorted by where each first appears in ``page``."""
    return sorted(names, key=page.index)


@pytest.fixture
def story_with_two_clubs():
    """Clubs written in name order whose short names sort the other way."""
    rovers = ClubFactory(name="Alder Park Rovers", short_name="Rovers")
    athletic = ClubFactory(name="Zennor Athletic", short_name="Athletic")
    story = ArticleFactory()
    story.clubs.add(rovers, athletic)
    return story


def test_a_story_card_names_its_clubs_in_short_name_order(client, story_with_two_clubs):
    response = client.get("/")

    (card,) = response.context["articles"]
    assert [club.short_name for club in card.listed_clubs] == ["Athletic", "Rovers"]


def test_a_story_page_lists_its_players_by_name(client):
    story = ArticleFactory()
    story.players.add(
        PlayerFactory(name="Zeno Walcott"), PlayerFactory(name="Aldo Brera")
    )

    page = client.get(story.get_absolute_url()).content.decode()

    players = page[page.index("Players in this story") :]
    assert in_page_order(players, ["Zeno Walcott", "Aldo Brera"]) == [
        "Aldo Brera",
        "Zeno Walcott",
    ]


def test_a_story_page_states_its_claims_in_the_order_they_were_reported(client):
    story = ArticleFactory(published_at=WHEN)
    TransferClaimFactory(
        article=story,
        player=PlayerFactory(name="Later Reported"),
        reported_at=WHEN - dt.timedelta(hours=1),
    )
    TransferClaimFactory(
        article=story,
        player=PlayerFactory(name="Earlier Reported"),
        reported_at=WHEN - dt.timedelta(hours=2),
    )

    page = client.get(story.get_absolute_url()).content.decode()

    assert in_page_order(page, ["Later Reported", "Earlier Reported"]) == [
        "Earlier Reported",
        "Later Reported",
    ]


def test_stories_published_at_the_same_instant_feed_the_newest_written_first(client):
    ArticleFactory(headline="Written first", published_at=WHEN)
    ArticleFactory(headline="Written second", published_at=WHEN)

    feed = feedparser.parse(client.get("/feeds/latest.atom").content)

    assert [entry.title for entry in feed.entries] == [
        "Written second",
        "Written first",
    ]
