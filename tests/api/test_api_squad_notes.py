"""Squad notes in the squad endpoint (#13)."""

import datetime as dt

import pytest

from ..factories import ArticleFactory, ClubFactory, SquadNoteFactory

pytestmark = pytest.mark.django_db

JAN = dt.date(2026, 1, 10)


def test_api_squad_gives_notes_and_no_link_to_a_draft(api):
    club = ClubFactory()
    SquadNoteFactory(club=club, count=3, noted_on=JAN)
    SquadNoteFactory(
        club=club,
        kind="need",
        count=None,
        noted_on=JAN + dt.timedelta(days=1),
        article=ArticleFactory(draft=True),
    )

    response = api.get(f"/api/v1/clubs/{club.slug}/squad/")

    [row] = [row for row in response.json()["rows"] if row["position"] == "CB"]
    assert row["notes"]["current"]["kind"] == "need"
    assert row["notes"]["current"]["article_url"] is None
    assert [note["count"] for note in row["notes"]["earlier"]] == [3]
    assert (row["target"], row["balance"]) == (None, None)
