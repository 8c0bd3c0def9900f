"""Atom and RSS feeds: every published story, nothing else (#3)."""

import datetime as dt

import feedparser
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rumours.reader.feeds import FEED_LIMIT

from .factories import ArticleFactory, ClubFactory, UserFactory

pytestmark = pytest.mark.django_db

LATEST_ATOM = "/feeds/latest.atom"
LATEST_RSS = "/feeds/latest.rss"


def club_feed_url(club):
    return f"/clubs/{club.slug}/feed.atom"


def fetch_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def titles(feed):
    return {entry.title for entry in feed.entries}


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_atom_feed_lists_every_published_story_and_no_unpublished_one(client):
    published = ArticleFactory.create_batch(3)
    ArticleFactory(headline="Canary draft", draft=True)
    ArticleFactory(headline="Canary in review", review=True)
    ArticleFactory(headline="Canary scheduled", scheduled=True)

    feed = fetch_feed(client, LATEST_ATOM)

    assert feed.version == "atom10"
    assert titles(feed) == {article.headline for article in published}


def test_atom_entry_carries_link_standfirst_dates_author_and_clubs(client):
    author = UserFactory(first_name="Mirko", last_name="Di Natale")
    article = ArticleFactory(
        headline="Milan enquire about Dragusin",
        standfirst="Spurs want a replacement first.",
        author=author,
    )
    article.clubs.add(
        ClubFactory(name="Tottenham Hotspur"), ClubFactory(name="AC Milan")
    )

    (entry,) = fetch_feed(client, LATEST_ATOM).entries

    assert entry.link == "http://testserver" + reverse(
        "rumours:article-detail", kwargs={"slug": article.slug}
    )
    assert entry.summary == "Spurs want a replacement first."
    assert entry.author == "Mirko Di Natale"
    assert dt.datetime(*entry.published_parsed[:6], tzinfo=dt.UTC) == (
        article.published_at.replace(microsecond=0)
    )
    assert entry.updated_parsed >= entry.published_parsed
    assert sorted(tag.term for tag in entry.tags) == ["AC Milan", "Tottenham Hotspur"]


def test_feed_entries_carry_every_club_of_their_own_story(client):
    round_up = ArticleFactory(headline="Round-up")
    round_up.clubs.add(*[ClubFactory(name=f"Club {letter}") for letter in "ABCDEF"])
    single = ArticleFactory(headline="Single")
    single.clubs.add(ClubFactory(name="Napoli"))
    ArticleFactory(headline="No clubs")

    entries = fetch_feed(client, LATEST_ATOM).entries

    categories = {e.title: [tag.term for tag in e.get("tags", [])] for e in entries}
    assert categories == {
        "Round-up": ["Club A", "Club B", "Club C", "Club D", "Club E", "Club F"],
        "Single": ["Napoli"],
        "No clubs": [],
    }


def test_feed_entry_of_a_story_saved_before_it_fell_due_is_updated_when_due(client):
    due = timezone.now() + dt.timedelta(days=1)
    ArticleFactory(published_at=due)

    with time_machine.travel(due + dt.timedelta(minutes=5)):
        (entry,) = fetch_feed(client, LATEST_ATOM).entries

    assert entry.updated_parsed == entry.published_parsed


def test_feed_titles_are_escaped_once(client):
    ArticleFactory(headline="Spurs & Milan <agree> a fee")

    (entry,) = fetch_feed(client, LATEST_ATOM).entries

    assert entry.title == "Spurs & Milan <agree> a fee"


def test_feed_summary_keeps_angle_brackets_of_the_standfirst_as_text(client):
    ArticleFactory(standfirst="Under-21s <b>promoted</b> & loaned")

    (entry,) = fetch_feed(client, LATEST_ATOM).entries

    assert entry.summary == "Under-21s &lt;b&gt;promoted&lt;/b&gt; &amp; loaned"


def test_rss_feed_parses_with_the_published_story_only(client):
    article = ArticleFactory()
    ArticleFactory(headline="Canary draft", draft=True)

    feed = fetch_feed(client, LATEST_RSS)

    assert feed.version == "rss20"
    assert titles(feed) == {article.headline}
    assert feed.entries[0].description == article.standfirst


def test_feed_stops_at_the_limit_newest_first(client):
    now = timezone.now()
    for hours in range(FEED_LIMIT + 1):
        ArticleFactory(
            headline=f"Story {hours} hours old",
            published_at=now - dt.timedelta(hours=hours + 1),
        )

    feed = fetch_feed(client, LATEST_ATOM)

    assert len(feed.entries) == FEED_LIMIT
    assert feed.entries[0].title == "Story 0 hours old"
    assert "Story 50 hours old" not in titles(feed)


def test_club_feed_lists_only_that_clubs_published_stories(client):
    milan, roma = ClubFactory(), ClubFactory()
    about_milan = ArticleFactory()
    about_milan.clubs.add(milan)
    ArticleFactory().clubs.add(roma)
    ArticleFactory(headline="Canary draft", draft=True).clubs.add(milan)
    ArticleFactory(headline="Canary scheduled", scheduled=True).clubs.add(milan)

    feed = fetch_feed(client, club_feed_url(milan))

    assert titles(feed) == {about_milan.headline}
    assert feed.feed.title == f"Transfer Desk: {milan.name}"


def test_club_feed_of_an_unknown_club_is_not_found(client):
    response = client.get("/clubs/no-such-club/feed.atom")

    assert response.status_code == 404


@pytest.mark.parametrize("feed", ["latest-atom", "latest-rss", "club"])
@pytest.mark.usefixtures("no_public_cache")  # uncached count (#6)
def test_feed_runs_the_same_number_of_queries_for_one_and_fifty_stories(client, feed):
    club = ClubFactory()
    url = {"latest-atom": LATEST_ATOM, "latest-rss": LATEST_RSS}.get(
        feed, club_feed_url(club)
    )
    ArticleFactory(author=UserFactory()).clubs.add(club, ClubFactory())
    one_story = count_queries(client, url)
    for article in ArticleFactory.create_batch(49, author=UserFactory()):
        article.clubs.add(club, ClubFactory())

    fifty_stories = count_queries(client, url)

    # Stories, clubs, corrections (#5); the club feed first reads its club.
    # Stories, corrections, clubs, settled claims (#15); a club feed finds its club.
    assert one_story == fifty_stories == (5 if feed == "club" else 4)


def test_scheduled_story_enters_the_feed_once_its_time_comes(client):
    ArticleFactory(headline="Dragusin joins Milan at noon", scheduled=True)
    assert "Dragusin joins Milan at noon" not in titles(fetch_feed(client, LATEST_ATOM))

    with time_machine.travel(timezone.now() + dt.timedelta(days=2)):
        feed = fetch_feed(client, LATEST_ATOM)

    assert titles(feed) == {"Dragusin joins Milan at noon"}
