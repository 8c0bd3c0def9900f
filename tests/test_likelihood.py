"""Likelihoods and their calibration (#15), against figures worked by hand.

The worked example of docs/likelihood.md: an enquiry (base 18%), a tier 1
originator with no record (90%), two independent sources, the buyer short,
the seller blocking:

    logit(0.18) = ln(0.18 / 0.82)          = -1.51635
    + 2.0 × (0.90 - 0.55)                  = +0.70000  → -0.81635
    + 0.4 × ln 2                           = +0.27726  → -0.53909
    + 0.3 (short)                          = -0.23909
    - 0.7 (blocks)                         = -0.93909
    1 / (1 + e^0.93909)                    = 0.28109

A bid (30%) from one unrated source (50%), half its window gone:

    logit(0.30) = -0.84730; + 2.0 × (0.50 - 0.55) = -0.10 → -0.94730;
    - 1.0 × 0.5 → -1.44730; 1 / (1 + e^1.44730) = 0.19039

Calibration, three links put at 0.9, 0.9 and 0.3, of which the first and the
last happened: the 80–100% band holds two links, one happened (50%), said
0.9 on average; the 20–40% band one link, which happened. Brier:
((0.9 - 1)² + (0.9 - 0)² + (0.3 - 1)²) / 3 = (0.01 + 0.81 + 0.49) / 3 = 0.43667.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from rumours.models import TransferClaim
from rumours.models.calibration import (
    ReplayedLink,
    calibration,
    desk_calibration,
    replayed_links,
)
from rumours.models.likelihood import (
    CEILING,
    Evidence,
    likelihood,
    link_evidence,
    parts_in_words,
)

from .factories import (
    ClubFactory,
    PlayerFactory,
    SourceFactory,
    SquadNoteFactory,
    TransferClaimFactory,
)

Q3 = dt.datetime(2026, 8, 1, tzinfo=dt.UTC)


def test_the_worked_example_comes_to_28_percent():
    evidence = Evidence(
        "enquiry", 0.90, 2, buyer_need="short", seller="blocks", staleness=0.0
    )

    assert likelihood(evidence) == pytest.approx(0.28109, abs=5e-5)


def test_a_quiet_bid_from_an_unrated_source_comes_to_19_percent():
    evidence = Evidence("bid", 0.50, 1, staleness=0.5)

    assert likelihood(evidence) == pytest.approx(0.19039, abs=5e-5)


def test_no_likelihood_reaches_certainty():
    evidence = Evidence("medical", 0.97, 5, buyer_need="short", seller="willing")

    assert likelihood(evidence) == CEILING


def test_the_parts_read_as_a_reader_says_them():
    evidence = Evidence("enquiry", 0.9, 2, buyer_need="short", seller="blocks")

    words = parts_in_words(
        evidence, buyer="AC Milan", seller="Tottenham", position="centre-back"
    )

    assert words == [
        "enquiry stage",
        "two independent sources",
        "AC Milan need a centre-back",
        "Tottenham block the sale",
    ]


@pytest.mark.django_db
def test_relays_never_count_as_independent_sources():
    from .factories import AttributionFactory

    claim = TransferClaimFactory(claim_type="enquiry")
    AttributionFactory(claim=claim)  # a relay: the same claim passed on
    claims = list(TransferClaim.objects.filter(pk=claim.pk).for_timeline())

    evidence = link_evidence(claims, now=timezone.now())

    assert evidence.originators == 1


@pytest.mark.django_db
def test_a_lapsed_link_has_no_likelihood():
    claim = TransferClaimFactory(
        claim_type="bid", reported_at=timezone.now() - dt.timedelta(days=400)
    )
    claims = list(TransferClaim.objects.filter(pk=claim.pk).for_timeline())

    assert link_evidence(claims, now=timezone.now()) is None


# ------------------------------------------------------------ calibration


def test_calibration_bins_and_brier_match_the_hand_worked_figures():
    links = [
        ReplayedLink(0.9, True, Q3),
        ReplayedLink(0.9, False, Q3),
        ReplayedLink(0.3, True, Q3),
    ]

    overall, quarters = calibration(links)

    top, low = overall.bins[4], overall.bins[1]
    assert (top.links, top.happened, top.share, top.mean_said) == (2, 1, 0.5, 0.9)
    assert (low.links, low.happened) == (1, 1)
    assert overall.brier == pytest.approx(0.43667, abs=5e-5)
    assert [q.label for q in quarters] == ["2026 Q3"]


@pytest.mark.django_db
def test_a_resolved_link_is_replayed_before_its_outcome():
    player, milan = PlayerFactory(), ClubFactory()
    route = {"player": player, "to_club": milan, "resolved_at": Q3}
    TransferClaimFactory(claim_type="enquiry", outcome="confirmed", **route)
    TransferClaimFactory(claim_type="completed", outcome="confirmed", **route)
    TransferClaimFactory(  # still open: not resolved, not counted
        player=PlayerFactory(), to_club=milan, claim_type="bid"
    )

    [link] = replayed_links(TransferClaim.objects.public())

    assert link.happened is True
    assert link.resolved_at == Q3
    # Replayed at the enquiry, before the completed move was reported.
    assert link.said < 0.5


# ------------------------------------------------------------ pages


def text_of(response):
    return re.sub(r"\s+", " ", strip_tags(response.content.decode()))


@pytest.mark.django_db
@pytest.mark.usefixtures("lapse_windows")
def test_the_player_page_puts_a_likelihood_on_each_live_move(client):
    spurs, milan = ClubFactory(short_name="Spurs"), ClubFactory(short_name="Milan")
    player = PlayerFactory(current_club=spurs, primary_position="CB")
    SquadNoteFactory(club=milan, position="CB", kind="need", count=None)
    for name in ("Kicker", "Marca"):
        TransferClaimFactory(
            player=player,
            from_club=spurs,
            to_club=milan,
            claim_type="enquiry",
            source=SourceFactory(name=name, reliability_tier=2),
        )

    text = text_of(client.get(player.get_absolute_url()))

    assert re.search(
        r"Likelihood: \d+% · enquiry stage · two independent sources · "
        r"Milan need a centre-back \(how we work it out\)",
        text,
    ), text


@pytest.mark.django_db
def test_the_methodology_page_publishes_the_calibration(client):
    player, milan = PlayerFactory(), ClubFactory()
    route = {"player": player, "to_club": milan, "resolved_at": Q3}
    TransferClaimFactory(claim_type="enquiry", outcome="confirmed", **route)
    TransferClaimFactory(claim_type="completed", outcome="confirmed", **route)

    text = text_of(client.get("/methodology/"))

    assert "All resolved links: 1 resolved link, Brier score" in text
    assert "2026 Q3: 1 resolved link" in text
    assert "Where a likelihood starts, by stage" in text


@pytest.mark.django_db
def test_the_calibration_is_worked_out_once_then_read_from_the_cache(
    django_assert_num_queries,
):
    desk_calibration()

    with django_assert_num_queries(0):
        desk_calibration()
