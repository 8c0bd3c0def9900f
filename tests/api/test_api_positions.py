"""Positions in the API (#13): null when not given, groups in the squad."""

import pytest

from rumours.models import Position

from ..factories import ClubFactory, PlayerFactory

pytestmark = pytest.mark.django_db


def test_api_gives_null_for_a_position_not_given(api):
    player = PlayerFactory(primary_position="")

    response = api.get(f"/api/v1/players/{player.slug}/")

    assert response.json()["primary_position"] is None


def test_api_squad_counts_the_groups(api):
    club = ClubFactory()
    PlayerFactory(current_club=club, primary_position=Position.DF)
    PlayerFactory(current_club=club, primary_position="")

    response = api.get(f"/api/v1/clubs/{club.slug}/squad/")

    body = response.json()
    assert [group["player_count"] for group in body["groups"]] == [0, 1, 0, 0]
    assert [player["primary_position"] for player in body["position_not_given"]] == [
        None
    ]


def test_the_position_group_filter_finds_specific_and_broad_defenders(api):
    PlayerFactory(slug="centre-back", primary_position=Position.CB)
    PlayerFactory(slug="plain-defender", primary_position=Position.DF)
    PlayerFactory(slug="striker", primary_position=Position.ST)
    PlayerFactory(slug="unplaced", primary_position="")

    response = api.get("/api/v1/players/", {"position_group": "DF"})

    slugs = sorted(player["slug"] for player in response.json()["results"])
    assert slugs == ["centre-back", "plain-defender"]


def test_an_unknown_position_group_is_a_named_400(api):
    response = api.get("/api/v1/players/", {"position_group": "XX"})

    assert response.status_code == 400
    assert "position_group" in response.json()
