"""JSON Feed 1.1 at /feeds/latest.json (#4)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..factories import ArticleFactory, ClubFactory, TransferClaimFactory

pytestmark = pytest.mark.django_db

URL = "/feeds/latest.json"


def test_json_feed_lists_published_stories_only(client):
    live = ArticleFactory(headline="Milan enquire about Dragusin")
    ArticleFactory(draft=True, headline="canarydraft")
    ArticleFactory(scheduled=True, headline="canaryscheduled")

    response = client.get(URL)

    assert response["Content-Type"] == "application/feed+json; charset=utf-8"
    feed = response.json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert [item["title"] for item in feed["items"]] == [live.headline]
    assert feed["items"][0]["url"] == f"http://testserver/stories/{live.slug}/"
    assert "canary" not in response.content.decode()


def test_json_feed_tags_each_story_with_its_clubs_short_names(client):
    milan = ArticleFactory(headline="Milan")
    milan.clubs.add(
        ClubFactory(name="AC Milan", short_name="Milan"),
        ClubFactory(name="Tottenham Hotspur", short_name="Spurs"),
    )
    ArticleFactory(headline="No clubs")

    items = client.get(URL).json()["items"]

    assert {item["title"]: item["tags"] for item in items} == {
        "Milan": ["Milan", "Spurs"],
        "No clubs": [],
    }


def test_json_feed_needs_no_key_and_sets_no_cookie(client):
    response = client.get(URL)

    assert response.status_code == 200
    assert response.cookies == {}
    assert "Cookie" not in response.get("Vary", "")


def test_json_feed_answers_304_to_its_etag(client):
    ArticleFactory()
    etag = client.get(URL)["ETag"]

    response = client.get(URL, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304


@pytest.mark.parametrize("count", [1, 50])
@pytest.mark.usefixtures("no_public_cache")  # uncached count (#6)
def test_json_feed_runs_four_queries(client, count):
    for _ in range(count):
        claim = TransferClaimFactory(confirmed=True)
        claim.article.clubs.add(claim.to_club)

    with CaptureQueriesContext(connection) as queries:
        client.get(URL)

    # Stories with authors, their corrections, clubs, settled claims (#15).
    assert len(queries) == 4
