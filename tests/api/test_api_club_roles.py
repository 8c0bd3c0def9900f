"""Club roles in the API (#13): the roles with dates, and today's staff."""

import datetime as dt

import pytest

from ..factories import ClubFactory, ClubRoleFactory

pytestmark = pytest.mark.django_db


def test_api_club_keeps_head_coach_and_lists_the_roles_with_dates(api):
    club = ClubFactory()
    ClubRoleFactory(club=club, name="New Coach", started_on=dt.date(2025, 7, 1))
    ClubRoleFactory(club=club, name="Old Coach", started_on=dt.date(2023, 7, 1),
                    ended_on=dt.date(2025, 6, 30))  # fmt: skip

    body = api.get(f"/api/v1/clubs/{club.slug}/").json()

    assert body["head_coach"] == "New Coach"
    assert [(r["name"], r["started_on"], r["ended_on"]) for r in body["roles"]] == [
        ("New Coach", "2025-07-01", None),
        ("Old Coach", "2023-07-01", "2025-06-30"),
    ]


def test_api_squad_gives_the_current_staff(api):
    club = ClubFactory()
    ClubRoleFactory(club=club, role="president", name="Big Boss")

    body = api.get(f"/api/v1/clubs/{club.slug}/squad/").json()

    assert [(r["role"], r["name"]) for r in body["staff"]] == [
        ("president", "Big Boss")
    ]
