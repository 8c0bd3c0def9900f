"""The market board and the what-if in the partner API (#16): the pages as data."""

import pytest

from ..factories import (
    ArticleFactory,
    ClubFactory,
    PlayerFactory,
    SquadNoteFactory,
    TransferClaimFactory,
)

pytestmark = pytest.mark.django_db


def test_the_api_carries_the_same_join(api, demo, in_the_seeds_week):
    body = api.get("/api/v1/market/").json()

    centre_backs = row_json(body, "CB")
    assert [s["club"]["slug"] for s in centre_backs["needs"]["items"]] == ["ac-milan"]
    assert [o["player"]["slug"] for o in centre_backs["offers"]["items"]] == [
        "radu-dragusin"
    ]
    joined = centre_backs["connections"]["items"][0]
    assert (joined["to_club"]["slug"], joined["joins"]) == ("ac-milan", True)
    assert joined["claims"][0]["url"].endswith(f"#claim-{joined['claims'][0]['id']}")


def row_json(body, position):
    return next(
        r
        for group in body["groups"]
        for r in group["rows"]
        if r["position"] == position
    )


def test_an_empty_competition_is_a_400_as_the_schema_says(api):
    response = api.get("/api/v1/market/", {"competition": ""})

    assert response.status_code == 400
    assert response.json() == {
        "competition": ["Give a value, or leave the parameter out."]
    }


def test_a_competition_naming_nothing_is_a_404_that_names_it(api):
    response = api.get("/api/v1/market/", {"competition": "nowhere"})

    assert response.status_code == 404
    assert response.json() == {
        "detail": "No competition has the slug 'nowhere' (competition)."
    }


def test_an_unpublished_story_puts_nobody_on_the_board_or_in_the_api(client, api):
    buyer = ClubFactory()
    SquadNoteFactory(club=buyer, kind="need", count=1)
    draft = ArticleFactory(draft=True)
    secret = PlayerFactory(name="Secret Target")
    TransferClaimFactory(article=draft, player=secret, to_club=buyer)
    TransferClaimFactory(
        article=draft, player=secret, claim_type="wants_to_leave", to_club=None
    )

    assert "Secret Target" not in client.get("/market/").content.decode()
    assert "Secret Target" not in api.get("/api/v1/market/").content.decode()


def test_the_squad_endpoint_plays_the_seeds_moves(api, demo, in_the_seeds_week):
    body = api.get("/api/v1/clubs/tottenham-hotspur/squad/").json()

    centre_backs = next(row for row in body["rows"] if row["position"] == "CB")
    assert [m["key"] for m in body["moves"]] == [
        "out:radu-dragusin",
        "in:alessandro-buongiorno",
    ]
    assert centre_backs["what_if"] == {
        "now": "4 of 4",
        "after": "4 of 4",
        "steps": [
            {
                "move": "out:radu-dragusin",
                "phrase": "if Radu Dragusin leaves",
                "standing": "3 of 4",
            },
            {
                "move": "in:alessandro-buongiorno",
                "phrase": "if Alessandro Buongiorno arrives",
                "standing": "4 of 4",
            },
        ],
    }
