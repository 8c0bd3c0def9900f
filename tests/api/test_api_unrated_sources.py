"""Unrated sources in the partner API: a null tier, a filter, an order (#13)."""

import pytest

from ..factories import SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_sources():
    return [
        SourceFactory(slug="strong", reliability_tier=1),
        SourceFactory(slug="unrated", reliability_tier=None),
        SourceFactory(slug="weak", reliability_tier=4),
    ]


def slugs(api, url):
    return [row["slug"] for row in api.get(url).json()["results"]]


def test_the_api_lists_an_unrated_source_with_a_null_tier(api, three_sources):
    body = api.get("/api/v1/sources/unrated/").json()

    assert body["reliability_tier"] is None


def test_the_api_filters_unrated_sources(api, three_sources):
    assert slugs(api, "/api/v1/sources/?unrated=true") == ["unrated"]
    assert sorted(slugs(api, "/api/v1/sources/?unrated=false")) == ["strong", "weak"]


def test_the_api_tier_filters_leave_unrated_sources_out(api, three_sources):
    assert slugs(api, "/api/v1/sources/?tier_min=1&ordering=name") == sorted(
        slugs(api, "/api/v1/sources/?unrated=false&ordering=name")
    )


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("reliability_tier", ["strong", "weak", "unrated"]),
        ("-reliability_tier", ["unrated", "weak", "strong"]),
    ],
)
def test_the_api_pages_through_sources_by_tier_with_unrated_last(
    api, three_sources, ordering, expected
):
    seen = []
    url = f"/api/v1/sources/?ordering={ordering}&page_size=1"
    while url:
        body = api.get(url).json()
        seen += [row["slug"] for row in body["results"]]
        url = body["next"]

    assert seen == expected


def test_the_api_refuses_an_unrated_value_it_cannot_read(api, three_sources):
    response = api.get("/api/v1/sources/?unrated=yes")

    assert response.status_code == 400
    assert "unrated" in response.json()
