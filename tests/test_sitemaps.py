"""The sitemap and the Google News sitemap list only what readers may see (#3)."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from .factories import ArticleFactory, ClubFactory, PlayerFactory, SourceFactory

pytestmark = pytest.mark.django_db

SITEMAP = "/sitemap.xml"
NEWS_SITEMAP = "/news-sitemap.xml"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def fetch_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return ET.fromstring(response.content)


def locations(root):
    return {
        loc.text.removeprefix("http://testserver")
        for loc in root.findall("sm:url/sm:loc", NS)
    }


def story_url(article):
    return reverse("rumours:article-detail", kwargs={"slug": article.slug})


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_sitemap_lists_published_stories_and_no_unpublished_one(client):
    published = ArticleFactory.create_batch(2)
    hidden = [
        ArticleFactory(draft=True),
        ArticleFactory(review=True),
        ArticleFactory(scheduled=True),
    ]

    urls = locations(fetch_xml(client, SITEMAP))

    assert {story_url(article) for article in published} <= urls
    assert not {story_url(article) for article in hidden} & urls
    assert {url for url in urls if url.startswith("/stories/")} == {
        story_url(article) for article in published
    }


def test_sitemap_lists_home_player_club_squad_and_source_pages(client):
    player, club, source = PlayerFactory(), ClubFactory(), SourceFactory()

    urls = locations(fetch_xml(client, SITEMAP))

    assert {
        reverse("rumours:home"),
        reverse("rumours:player-detail", kwargs={"slug": player.slug}),
        reverse("rumours:club-detail", kwargs={"slug": club.slug}),
        reverse("rumours:club-squad", kwargs={"slug": club.slug}),
        reverse("rumours:source-detail", kwargs={"slug": source.slug}),
    } <= urls


def test_sitemap_gives_a_story_the_later_of_its_save_and_publication_time(client):
    # Written and saved now, falling due tomorrow: its lastmod is tomorrow's.
    due = timezone.now() + dt.timedelta(days=1)
    article = ArticleFactory(published_at=due)

    with time_machine.travel(due + dt.timedelta(minutes=5)):
        root = fetch_xml(client, SITEMAP)

    (lastmod,) = [
        url.find("sm:lastmod", NS).text
        for url in root.findall("sm:url", NS)
        if url.find("sm:loc", NS).text.endswith(story_url(article))
    ]
    assert dt.datetime.fromisoformat(lastmod) == due.replace(microsecond=0)


def test_news_sitemap_lists_only_stories_of_the_last_48_hours(client):
    now = timezone.now()
    fresh = ArticleFactory(published_at=now - dt.timedelta(hours=47))
    ArticleFactory(published_at=now - dt.timedelta(hours=49))
    ArticleFactory(draft=True)
    ArticleFactory(scheduled=True)

    urls = locations(fetch_xml(client, NEWS_SITEMAP))

    assert urls == {story_url(fresh)}


def test_news_sitemap_entry_names_publication_language_date_and_title(client):
    article = ArticleFactory(headline="Spurs & Milan agree a fee")

    root = fetch_xml(client, NEWS_SITEMAP)

    news = root.find("sm:url/news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == (
        "Transfer Desk"
    )
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Spurs & Milan agree a fee"
    published = news.findtext("news:publication_date", namespaces=NS)
    assert dt.datetime.fromisoformat(published) == article.published_at.replace(
        microsecond=0
    )


def test_news_sitemap_with_no_recent_story_is_empty_but_valid(client):
    ArticleFactory(published_at=timezone.now() - dt.timedelta(days=5))

    root = fetch_xml(client, NEWS_SITEMAP)

    assert root.findall("sm:url", NS) == []


@pytest.mark.parametrize(
    ("url", "expected"), [(SITEMAP, 10), (NEWS_SITEMAP, 2)], ids=["sitemap", "news"]
)
@pytest.mark.usefixtures("no_public_cache")  # uncached count (#6)
def test_sitemap_runs_the_same_number_of_queries_for_one_and_fifty_rows(
    client, url, expected
):
    ArticleFactory().clubs.add(ClubFactory())
    PlayerFactory()
    SourceFactory()
    one_row = count_queries(client, url)
    for article in ArticleFactory.create_batch(49):
        article.clubs.add(ClubFactory())
    PlayerFactory.create_batch(49)
    SourceFactory.create_batch(49)

    fifty_rows = count_queries(client, url)

    assert one_row == fifty_rows == expected
