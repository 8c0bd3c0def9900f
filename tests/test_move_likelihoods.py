"""A likelihood on each rumoured move of the what-if squad view (#15, #16).

Worked by hand with docs/likelihood.md's weights, every claim just reported
(staleness 0):

- Buongiorno to Spurs, an enquiry (18%) from an unrated source (50%), Spurs
  short at centre-back (three of the four they want):
  logit(0.18) = -1.51635; + 2.0 × (0.50 - 0.55) = -1.61635; + 0.3 (short)
  = -1.31635; 1 / (1 + e^1.31635) = 0.21143: 21%.
- Dragusin out of Spurs, who block the sale. To Milan, an enquiry from a
  tier 2 source (72%), Milan short: -1.51635 + 0.34 + 0.3 - 0.7 = -1.57635;
  1 / (1 + e^1.57635) = 0.17131: 17%. To Roma, interest (12%) from an
  unrated source, no note: ln(0.12 / 0.88) - 0.1 - 0.7 = -2.79243: 6%. The
  departure reads as its likeliest suitor: Milan, 17%.
"""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_api_key.models import APIKey

from rumours.models.move_likelihoods import move_outlooks
from rumours.models.squad import squad_depth

from .factories import (
    ClubFactory,
    PlayerFactory,
    SourceFactory,
    SquadNoteFactory,
    TransferClaimFactory,
)
from .support.pages import text_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("lapse_windows")]


@pytest.fixture
def spurs():
    spurs = ClubFactory(short_name="Spurs")
    SquadNoteFactory(club=spurs, position="CB", kind="target", count=4)
    for _ in range(3):
        PlayerFactory(current_club=spurs, primary_position="CB")
    return spurs


def move_of(club, key):
    depth = squad_depth(club)
    move_outlooks(depth, now=timezone.now())
    return next(move for move in depth.moves if move.key == key)


def test_an_arrival_counts_the_squads_own_need_at_his_position(spurs):
    buongiorno = PlayerFactory(
        name="Alessandro Buongiorno",
        primary_position="CB",
        current_club=ClubFactory(short_name="Napoli"),
    )
    TransferClaimFactory(
        player=buongiorno, to_club=spurs, source=SourceFactory(reliability_tier=None)
    )

    move = move_of(spurs, f"in:{buongiorno.slug}")

    assert move.outlook.value == pytest.approx(0.21143, abs=5e-4)
    assert move.outlook.words == "enquiry stage · one source · Spurs need a centre-back"
    assert move.likeliest == spurs


@pytest.fixture
def dragusin(spurs):
    player = PlayerFactory(
        name="Radu Dragusin", current_club=spurs, primary_position="CB"
    )
    milan, roma = ClubFactory(short_name="Milan"), ClubFactory(short_name="Roma")
    SquadNoteFactory(club=milan, position="CB", kind="need", count=None)
    TransferClaimFactory(player=player, to_club=milan, source=SourceFactory())
    TransferClaimFactory(
        player=player,
        to_club=roma,
        claim_type="interest",
        source=SourceFactory(reliability_tier=None),
    )
    TransferClaimFactory(player=player, to_club=None, claim_type="blocked")
    return player


def test_a_departure_reads_as_its_likeliest_suitor(spurs, dragusin):
    move = move_of(spurs, f"out:{dragusin.slug}")

    assert move.likeliest.short_name == "Milan"
    assert move.outlook.value == pytest.approx(0.17131, abs=5e-4)
    assert move.outlook.words == (
        "enquiry stage · one source · Milan need a centre-back · Spurs block the sale"
    )


def test_a_departure_with_no_named_suitor_has_no_number(spurs):
    player = PlayerFactory(current_club=spurs, primary_position="CB")
    TransferClaimFactory(player=player, to_club=None, claim_type="wants_to_leave")

    move = move_of(spurs, f"out:{player.slug}")

    assert (move.outlook, move.likeliest) == (None, None)


def test_the_squad_page_shows_each_moves_likelihood_and_its_parts(
    client, spurs, dragusin
):
    text = text_of(client.get(spurs.get_squad_url()))

    assert (
        "Radu Dragusin leaves (centre-back; linked with Milan, Roma; Spurs are "
        "blocking it) Likelihood 17% (to Milan): enquiry stage · one source · "
        "Milan need a centre-back · Spurs block the sale"
    ) in text
    assert "(a departure: to its likeliest suitor; how we work it out)" in text


def test_the_squad_api_gives_each_move_its_likelihood(spurs, dragusin):
    _, key = APIKey.objects.create_key(name="Widget")
    api = APIClient(headers={"authorization": f"Api-Key {key}"})

    moves = api.get(f"/api/v1/clubs/{spurs.slug}/squad/").json()["moves"]

    likelihood = next(m for m in moves if m["key"] == f"out:{dragusin.slug}")[
        "likelihood"
    ]
    assert likelihood["value"] == pytest.approx(0.1713, abs=1e-4)
    assert likelihood["club"]["short_name"] == "Milan"
    assert likelihood["parts"][-1] == "Spurs block the sale"
