"""Every documented filter and ordering of the partner API returns the right rows.

One small newsroom in which each filter value picks out a different set, so a
filter that is ignored, inverted or pointed at the wrong field fails here.
"""

import datetime as dt

import pytest
import time_machine

from rumours.models import Position, Source, TransferClaim

from ..factories import (
    ArticleFactory,
    ClaimAmountFactory,
    ClubFactory,
    CompetitionFactory,
    PlayerFactory,
    SourceFactory,
    TransferClaimFactory,
)

pytestmark = pytest.mark.django_db

EARLY = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
LATE = dt.datetime(2026, 6, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def world():
    """Two stories, two claims, each differing from the other in every filter."""
    serie_a = CompetitionFactory(slug="serie-a")
    liga = CompetitionFactory(slug="liga")
    milan = ClubFactory(slug="milan", competition=serie_a)
    genoa = ClubFactory(slug="genoa", competition=serie_a)
    sevilla = ClubFactory(slug="sevilla", competition=liga)
    reporter = SourceFactory(
        slug="reporter", reliability_tier=1, kind=Source.Kind.JOURNALIST
    )
    paper = SourceFactory(slug="paper", reliability_tier=4, kind=Source.Kind.OUTLET)
    defender = PlayerFactory(
        slug="defender", current_club=genoa, primary_position=Position.CB
    )
    striker = PlayerFactory(
        slug="striker", current_club=sevilla, primary_position=Position.ST
    )
    with time_machine.travel(EARLY, tick=False):
        early = ArticleFactory(published_at=EARLY)
        enquiry = TransferClaimFactory(
            article=early,
            player=defender,
            to_club=milan,
            source=reporter,
            claim_type=TransferClaim.Type.ENQUIRY,
            deal_type=TransferClaim.DealType.LOAN,
            reported_at=EARLY,
        )
        ClaimAmountFactory(claim=enquiry, kind="loan_fee")
        ClaimAmountFactory(claim=enquiry, kind="option_price", position=1)
        early.clubs.add(genoa, milan)
        early.players.add(defender)
    with time_machine.travel(LATE, tick=False):
        late = ArticleFactory(published_at=LATE)
        exit_wish = TransferClaimFactory(
            article=late,
            player=striker,
            to_club=None,
            source=paper,
            claim_type=TransferClaim.Type.WANTS_TO_LEAVE,
            deal_type=TransferClaim.DealType.PERMANENT,
            outcome=TransferClaim.Outcome.DENIED,
            resolved_at=LATE,
            reported_at=LATE,
        )
        late.clubs.add(sevilla)
        late.players.add(striker)
    return {
        "early": early.pk,
        "late": late.pk,
        "enquiry": enquiry.pk,
        "exit": exit_wish.pk,
        "defender": defender.pk,
        "striker": striker.pk,
        "milan": milan.pk,
        "genoa": genoa.pk,
        "sevilla": sevilla.pk,
        "reporter": reporter.pk,
        "paper": paper.pk,
    }


def ids(api, url, params):
    response = api.get(url, params)
    assert response.status_code == 200, response.json()
    return [item["id"] for item in response.json()["results"]]


MIDWAY = "2026-06-10T00:00:00Z"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"club": "milan"}, ["early"]),
        ({"club": "sevilla"}, ["late"]),
        ({"player": "defender"}, ["early"]),
        ({"competition": "liga"}, ["late"]),
        ({"competition": "serie-a"}, ["early"]),
        ({"claim_type": "enquiry"}, ["early"]),
        ({"claim_type": ["enquiry", "wants_to_leave"]}, ["late", "early"]),
        ({"source": "paper"}, ["late"]),
        ({"published_since": MIDWAY}, ["late"]),
        ({"updated_since": MIDWAY}, ["late"]),
        ({"ordering": "published_at"}, ["early", "late"]),
        ({"ordering": "-published_at"}, ["late", "early"]),
        ({"ordering": "updated_at"}, ["early", "late"]),
    ],
)
def test_article_filters(api, world, params, expected):
    assert ids(api, "/api/v1/articles/", params) == [world[n] for n in expected]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"club": "genoa"}, ["enquiry"]),
        ({"club": "milan"}, ["enquiry"]),
        ({"club": "sevilla"}, ["exit"]),
        ({"player": "striker"}, ["exit"]),
        ({"competition": "serie-a"}, ["enquiry"]),
        ({"claim_type": "wants_to_leave"}, ["exit"]),
        ({"deal_type": "loan"}, ["enquiry"]),
        ({"amount_kind": "loan_fee"}, ["enquiry"]),
        ({"amount_kind": ["loan_fee", "option_price"]}, ["enquiry"]),
        ({"amount_kind": "wages"}, []),
        ({"outcome": "denied"}, ["exit"]),
        ({"outcome": "open"}, ["enquiry"]),
        ({"source": "reporter"}, ["enquiry"]),
        ({"source_tier_min": 2}, ["exit"]),
        ({"source_tier_max": 2}, ["enquiry"]),
        ({"source_tier_min": 4, "source_tier_max": 4}, ["exit"]),
        ({"published_since": MIDWAY}, ["exit"]),
        ({"updated_since": MIDWAY}, ["exit"]),
        ({"reported_since": MIDWAY}, ["exit"]),
        ({"ordering": "reported_at"}, ["enquiry", "exit"]),
        ({"ordering": "-reported_at"}, ["exit", "enquiry"]),
        ({"ordering": "updated_at"}, ["enquiry", "exit"]),
    ],
)
def test_claim_filters(api, world, params, expected):
    assert ids(api, "/api/v1/claims/", params) == [world[n] for n in expected]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"club": "genoa"}, ["defender"]),
        ({"competition": "liga"}, ["striker"]),
        ({"position": "ST"}, ["striker"]),
        ({"position": ["CB", "ST"]}, ["defender", "striker"]),
    ],
)
def test_player_filters(api, world, params, expected):
    assert sorted(ids(api, "/api/v1/players/", params)) == sorted(
        world[n] for n in expected
    )


def test_club_filter_by_competition(api, world):
    assert sorted(ids(api, "/api/v1/clubs/", {"competition": "serie-a"})) == sorted(
        [world["milan"], world["genoa"]]
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "outlet"}, ["paper"]),
        ({"tier_min": 2}, ["paper"]),
        ({"tier_max": 2}, ["reporter"]),
    ],
)
def test_source_filters(api, world, params, expected):
    assert ids(api, "/api/v1/sources/", params) == [world[n] for n in expected]


def test_player_ordering_by_name_reverses(api, world):
    forwards = ids(api, "/api/v1/players/", {"ordering": "name"})

    assert ids(api, "/api/v1/players/", {"ordering": "-name"}) == forwards[::-1]
