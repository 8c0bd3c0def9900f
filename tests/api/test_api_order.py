"""The partner API lists a story's clubs in short-name order (#4)."""

import pytest

from ..factories import ArticleFactory, ClubFactory

pytestmark = pytest.mark.django_db


def test_a_story_lists_its_clubs_in_short_name_order(api):
    # Written in name order; their short names sort the other way.
    rovers = ClubFactory(name="Alder Park Rovers", short_name="Rovers")
    athletic = ClubFactory(name="Zennor Athletic", short_name="Athletic")
    story = ArticleFactory()
    story.clubs.add(rovers, athletic)

    body = api.get(f"/api/v1/articles/{story.slug}/").json()

    assert [club["short_name"] for club in body["clubs"]] == ["Athletic", "Rovers"]
