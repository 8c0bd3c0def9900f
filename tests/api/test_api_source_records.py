"""A source's record in the API taken apart, as its page shows it (#15).

The source below broke twelve resolved claims about Milan's pursuit of a
Tottenham player: ten enquiries (eight confirmed, two denied) and two bids
(one each way), so nine of twelve proved true. It also relayed another
source's confirmed claim.

The enquiries' 95% Wilson interval, worked by hand with z = 1.96
(z² = 3.8416): p = 0.8, n = 10; the centre is (0.8 + 0.19208) / 1.38416
= 0.71674; the margin is 1.96 · √(0.016 + 0.009604) / 1.38416 = 0.22658;
so 0.4902 to 0.9433.
"""

import pytest

from rumours.models import TransferClaim

from ..factories import (
    AttributionFactory,
    ClubFactory,
    CompetitionFactory,
    PlayerFactory,
    SourceFactory,
    TransferClaimFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]

CONFIRMED, DENIED = TransferClaim.Outcome.CONFIRMED, TransferClaim.Outcome.DENIED


@pytest.fixture
def source():
    source = SourceFactory(name="Calcio Insider")
    milan = ClubFactory(
        short_name="Milan", competition=CompetitionFactory(name="Serie A")
    )
    spurs = ClubFactory(
        short_name="Tottenham", competition=CompetitionFactory(name="Premier League")
    )
    player = PlayerFactory(current_club=spurs)
    outcomes = [(TransferClaim.Type.ENQUIRY, CONFIRMED)] * 8
    outcomes += [(TransferClaim.Type.ENQUIRY, DENIED)] * 2
    outcomes += [(TransferClaim.Type.BID, CONFIRMED), (TransferClaim.Type.BID, DENIED)]
    for kind, outcome in outcomes:
        TransferClaimFactory(
            source=source,
            player=player,
            to_club=milan,
            claim_type=kind,
            outcome=outcome,
            resolved_at="2026-11-01T12:00:00Z",
        )
    relayed = TransferClaimFactory(confirmed=True, player=player, to_club=milan)
    AttributionFactory(claim=relayed, source=source)
    return source


def records_of(api, source):
    response = api.get(f"/api/v1/sources/{source.slug}/")
    assert response.status_code == 200
    return response.json()["records"]


def test_the_record_by_kind_gives_counts_share_and_interval_from_the_floor(api, source):
    by_kind = {row["kind"]: row for row in records_of(api, source)["by_kind"]}

    assert by_kind["enquiry"] == {
        "kind": "enquiry",
        "kind_label": "Enquiry",
        "proved_true": 8,
        "resolved": 10,
        "enough": True,
        "share": 0.8,
        "interval_95": [
            pytest.approx(0.4902, abs=1e-4),
            pytest.approx(0.9433, abs=1e-4),
        ],
    }
    assert (by_kind["bid"]["resolved"], by_kind["bid"]["share"]) == (2, None)


def test_the_record_by_club_counts_each_side_with_a_link_to_its_page(api, source):
    by_club = records_of(api, source)["by_club"]

    assert [(row["name"], row["proved_true"], row["resolved"]) for row in by_club] == [
        ("Milan", 9, 12),
        ("Tottenham", 9, 12),
    ]
    assert by_club[0]["web_url"].startswith("http://testserver/clubs/")


def test_the_record_by_competition_takes_the_suitors(api, source):
    by_competition = records_of(api, source)["by_competition"]

    assert [(row["name"], row["share"]) for row in by_competition] == [
        ("Serie A", 0.75)
    ]


def test_relayed_claims_are_scored_apart_from_the_sources_own(api, source):
    data = api.get(f"/api/v1/sources/{source.slug}/").json()

    assert data["records"]["as_relay"]["resolved"] == 1
    assert data["track_record"]["resolved"] == 12


def test_the_list_leaves_the_records_to_the_detail(api, source):
    listed = api.get("/api/v1/sources/").json()["results"]

    assert all("records" not in row for row in listed)
