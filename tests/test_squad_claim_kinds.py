"""The squad view reads the new claim kinds and described sides (#13).

A club willing to sell a named player, or making him available, marks that
player surplus; a suitor the story described without naming it is listed in
the story's words.
"""

import re

import pytest
from django.utils.html import strip_tags
from rest_framework.test import APIClient
from rest_framework_api_key.models import APIKey

from rumours.models import Position, TransferClaim
from rumours.models.squad import squad_depth

from .factories import ClubFactory, PlayerFactory, TransferClaimFactory

pytestmark = pytest.mark.django_db

Type = TransferClaim.Type


@pytest.mark.parametrize("kind", [Type.WILLING_TO_SELL, Type.TRANSFER_LISTED])
def test_a_club_willing_to_sell_marks_the_player_surplus(kind):
    club = ClubFactory()
    TransferClaimFactory(
        player=PlayerFactory(current_club=club), to_club=None, claim_type=kind
    )

    [link] = squad_depth(club).row(Position.CB).rumours_out

    assert link.surplus is True


def test_another_clubs_interest_marks_no_surplus():
    club = ClubFactory()
    TransferClaimFactory(player=PlayerFactory(current_club=club))

    [link] = squad_depth(club).row(Position.CB).rumours_out

    assert link.surplus is False


def test_a_described_suitor_is_listed_in_the_storys_words():
    club = ClubFactory()
    TransferClaimFactory(
        player=PlayerFactory(current_club=club),
        to_club=None,
        to_described="a host of Bundesliga clubs",
        claim_type=Type.INTEREST,
    )

    [link] = squad_depth(club).row(Position.CB).rumours_out

    assert (link.clubs, link.described) == ([], ["a host of Bundesliga clubs"])


def test_the_squad_page_says_who_is_surplus_and_who_wants_him(client):
    club = ClubFactory(short_name="Genoa")
    player = PlayerFactory(name="Dario Neri", current_club=club)
    TransferClaimFactory(player=player, to_club=None, claim_type=Type.WILLING_TO_SELL)
    TransferClaimFactory(
        player=player, to_club=None, to_described="an unnamed MLS side"
    )

    html = client.get(club.get_squad_url()).content.decode()
    text = re.sub(r"\s+", " ", strip_tags(html))

    assert (
        "Dario Neri: linked with an unnamed MLS side; Genoa are willing to sell" in text
    )


def test_the_squad_api_carries_surplus_and_described_sides():
    _, key = APIKey.objects.create_key(name="Squad partner")
    api_client = APIClient()
    api_client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    club = ClubFactory()
    TransferClaimFactory(
        player=PlayerFactory(current_club=club),
        to_club=None,
        to_described="clubs in Portugal",
        claim_type=Type.TRANSFER_LISTED,
    )

    body = api_client.get(f"/api/v1/clubs/{club.slug}/squad/").json()

    [link] = [
        link
        for row in body["rows"]
        if row["position"] == "CB"
        for link in row["rumours_out"]
    ]
    assert (link["surplus"], link["described"]) == (True, ["clubs in Portugal"])
