"""The API says which report an aggregated story is based on (#13)."""

import datetime as dt

import pytest

from rumours.models import Source

from ..factories import ArticleFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_an_aggregated_story_gives_its_original(api):
    outlet = SourceFactory(slug="il-foglio", kind=Source.Kind.OUTLET)
    article = ArticleFactory(
        original_source=outlet,
        original_url="https://foglio.example/dragusin",
        original_published_at=dt.datetime(2026, 3, 2, 7, 15, tzinfo=dt.UTC),
    )

    body = api.get(f"/api/v1/articles/{article.slug}/").json()

    original = body["original"]
    assert (original["source"]["slug"], original["source"]["kind"]) == (
        "il-foglio",
        "outlet",
    )
    assert original["url"] == "https://foglio.example/dragusin"
    assert dt.datetime.fromisoformat(original["published_at"]) == dt.datetime(
        2026, 3, 2, 7, 15, tzinfo=dt.UTC
    )


def test_an_original_without_address_or_time_gives_nulls(api):
    article = ArticleFactory(original_source=SourceFactory(slug="lia-conti"))

    body = api.get(f"/api/v1/articles/{article.slug}/").json()

    assert body["original"]["url"] is None
    assert body["original"]["published_at"] is None


def test_the_desks_own_story_has_no_original(api):
    article = ArticleFactory()

    body = api.get(f"/api/v1/articles/{article.slug}/").json()

    assert body["original"] is None
