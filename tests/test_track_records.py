"""Track records (#15): how often a source's claims proved true, and how sure that is.

The Wilson figures below are worked by hand, with z = 1.96 (z² = 3.8416):

- 7 of 10: p = 0.7; the centre is (p + z²/2n) / (1 + z²/n) = 0.89208 / 1.38416
  = 0.64448; the margin is z·√(p(1−p)/n + z²/4n²) / (1 + z²/n)
  = 1.96 · √(0.021 + 0.009604) / 1.38416 = 0.34288 / 1.38416 = 0.24772;
  so 0.3968 to 0.8922.
- 0 of 5: the low end is 0 and the high end z² / (n + z²) = 3.8416 / 8.8416
  = 0.4345.
- 10 of 10: the low end is n / (n + z²) = 10 / 13.8416 = 0.7225, the high 1.
"""

import pytest
from django.utils import timezone
from rest_framework_api_key.models import APIKey

from rumours.models import Source, TransferClaim
from rumours.models.track_records import (
    RECORD_FLOOR,
    TrackRecord,
    records_by_club,
    records_by_competition,
    records_by_kind,
    relay_record,
    scored_rows,
    suggested_tier,
    tier_disagrees,
    wilson_interval,
)

from .factories import (
    AttributionFactory,
    ClubFactory,
    CompetitionFactory,
    SourceFactory,
    TransferClaimFactory,
)

CONFIRMED, DENIED = TransferClaim.Outcome.CONFIRMED, TransferClaim.Outcome.DENIED


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [(7, 10, 0.3968, 0.8922), (0, 5, 0.0, 0.4345), (10, 10, 0.7225, 1.0)],
)
def test_the_wilson_interval_matches_the_hand_worked_figures(
    successes, trials, low, high
):
    found = wilson_interval(successes, trials)

    assert found == (pytest.approx(low, abs=5e-4), pytest.approx(high, abs=5e-4))


def test_no_trials_have_no_interval():
    assert wilson_interval(0, 0) is None


def test_a_record_below_the_floor_is_not_enough():
    assert not TrackRecord(3, RECORD_FLOOR - 1).enough
    assert TrackRecord(3, RECORD_FLOOR).enough


def resolved(source, outcome, **kwargs):
    return TransferClaimFactory(
        source=source, outcome=outcome, resolved_at=timezone.now(), **kwargs
    )


def record_of(source):
    return Source.objects.with_track_record().get(pk=source.pk).track_record


@pytest.mark.django_db
def test_confirmed_and_denied_claims_are_scored_and_nothing_else():
    source = SourceFactory()
    resolved(source, CONFIRMED)
    resolved(source, DENIED)
    resolved(source, TransferClaim.Outcome.LAPSED)  # never settled
    TransferClaimFactory(source=source)  # open
    resolved(source, CONFIRMED, claim_type=TransferClaim.Type.NOT_CONFIRMED)
    resolved(source, CONFIRMED, article__draft=True)  # readers cannot see it

    assert record_of(source) == TrackRecord(proved_true=1, resolved=2)


@pytest.mark.django_db
def test_a_relay_is_scored_apart_and_never_as_the_originator():
    originator, relay = SourceFactory(), SourceFactory()
    claim = resolved(originator, CONFIRMED)
    AttributionFactory(claim=claim, source=relay)

    assert record_of(originator) == TrackRecord(1, 1)
    assert record_of(relay) == TrackRecord(0, 0)
    assert relay_record(relay) == TrackRecord(1, 1)
    assert relay_record(originator) == TrackRecord(0, 0)


@pytest.mark.django_db
def test_records_by_kind_follow_the_ladder():
    source = SourceFactory()
    resolved(source, DENIED, claim_type=TransferClaim.Type.BID)
    resolved(source, CONFIRMED, claim_type=TransferClaim.Type.ENQUIRY)
    resolved(source, CONFIRMED, claim_type=TransferClaim.Type.ENQUIRY)

    found = records_by_kind(scored_rows(TransferClaim.objects.filter(source=source)))

    assert found == [
        (TransferClaim.Type.ENQUIRY, TrackRecord(2, 2)),
        (TransferClaim.Type.BID, TrackRecord(0, 1)),
    ]


@pytest.mark.django_db
def test_the_source_page_shows_a_share_only_from_the_floor(client):
    few, many = SourceFactory(), SourceFactory()
    for _ in range(RECORD_FLOOR - 1):
        resolved(few, CONFIRMED)
    for index in range(RECORD_FLOOR):
        resolved(many, CONFIRMED if index < 7 else DENIED)

    few_page = client.get(few.get_absolute_url()).content.decode()
    many_page = client.get(many.get_absolute_url()).content.decode()

    assert "Not enough resolved claims yet for a share: 9 of 9 proved true" in few_page
    assert (
        "7 of 10 resolved claims proved true: 70% (95% interval 40% to 89%)"
        in many_page
    )


@pytest.mark.django_db
def test_partners_get_the_record_with_a_share_only_from_the_floor(client):
    source = SourceFactory()
    for index in range(RECORD_FLOOR):
        resolved(source, CONFIRMED if index < 7 else DENIED)
    below = SourceFactory()
    resolved(below, CONFIRMED)
    _, key = APIKey.objects.create_key(name="Records")
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}

    record = client.get(f"/api/v1/sources/{source.slug}/", **headers).json()
    few = client.get(f"/api/v1/sources/{below.slug}/", **headers).json()

    assert record["track_record"] == {
        "proved_true": 7,
        "resolved": 10,
        "enough": True,
        "share": 0.7,
        "interval_95": [0.3968, 0.8922],
    }
    assert few["track_record"]["share"] is None
    assert few["track_record"]["interval_95"] is None


@pytest.mark.django_db
def test_records_by_club_count_a_claim_for_each_club_it_names():
    source = SourceFactory()
    milan, spurs, napoli = (ClubFactory(short_name=name) for name in "ABC")
    resolved(source, CONFIRMED, from_club=spurs, to_club=milan)
    resolved(source, DENIED, from_club=spurs, to_club=napoli)
    resolved(source, CONFIRMED, from_club=napoli, to_club=milan)
    TransferClaimFactory(source=source, from_club=spurs, to_club=milan)  # open

    found = {
        group.name: (group.record.proved_true, group.record.resolved)
        for group in records_by_club(scored_rows(source.claims.all()))
    }

    assert found == {"A": (2, 2), "B": (1, 2), "C": (1, 2)}


@pytest.mark.django_db
def test_records_by_competition_count_a_claim_once_by_the_suitors_league():
    source = SourceFactory()
    serie_a, premier = (
        CompetitionFactory(name="Serie A"),
        CompetitionFactory(name="Premier League"),
    )
    milan, spurs = ClubFactory(competition=serie_a), ClubFactory(competition=premier)
    resolved(source, CONFIRMED, from_club=spurs, to_club=milan)  # Serie A
    resolved(source, DENIED, from_club=milan, to_club=spurs)  # Premier League
    resolved(  # no suitor named: the seller's league
        source, CONFIRMED, from_club=milan, to_club=None, claim_type="wants_to_leave"
    )

    found = {
        group.name: (group.record.proved_true, group.record.resolved)
        for group in records_by_competition(scored_rows(source.claims.all()))
    }

    assert found == {"Serie A": (2, 2), "Premier League": (0, 1)}


@pytest.mark.django_db
def test_the_source_page_lists_its_record_by_club_and_competition(client):
    source = SourceFactory()
    milan = ClubFactory(short_name="Milan", competition__name="Serie A")
    for index in range(RECORD_FLOOR):
        resolved(source, CONFIRMED if index < 7 else DENIED, to_club=milan)

    page = client.get(source.get_absolute_url()).content.decode()

    by_club = page.split("By club (either side)")[1].split("</table>")[0]
    assert f'<a href="{milan.get_absolute_url()}">Milan</a>' in by_club
    assert "7 of 10" in by_club
    assert "70%" in by_club
    by_league = page.split("By competition")[1].split("</table>")[0]
    assert f"?competition={milan.competition.slug}" in by_league
    assert ">Serie A</a>" in by_league


@pytest.mark.django_db
def test_a_story_page_gives_each_credited_source_its_record_from_the_floor(client):
    proven, new = SourceFactory(name="Proven Daily"), SourceFactory(name="New Wire")
    for index in range(RECORD_FLOOR):
        resolved(proven, CONFIRMED if index < 8 else DENIED)
    resolved(new, CONFIRMED)
    claim = TransferClaimFactory(source=proven)
    AttributionFactory(claim=claim, source=new)

    page = client.get(claim.article.get_absolute_url()).content.decode()

    assert f"Proven Daily</a> ({proven.tier_label}, 80% of 10 proved true)" in page
    assert f"New Wire</a> ({new.tier_label})" in page


# Tier suggestions (#15). Tiers stand for shares: 1 from 80%, 2 from 65%, 3 from
# 45%, 4 from 25%, 5 below. Worked for 3 of 20 (p = 0.15, z²/n = 0.19208):
# the centre is (0.15 + 0.09604) / 1.19208 = 0.2064, the margin
# 1.96 · √(0.006375 + 0.002401) / 1.19208 = 0.1540, so 5.2% to 36.0%: tier 1's
# band (80% up) lies above it, ruled out; the share suggests tier 5.


@pytest.mark.parametrize(
    ("proved", "resolved", "tier"),
    [(7, 10, 2), (8, 10, 1), (3, 20, 5), (5, 10, 3), (3, 10, 4), (0, 9, None)],
)
def test_a_record_suggests_the_tier_whose_band_holds_its_share(proved, resolved, tier):
    assert suggested_tier(TrackRecord(proved, resolved)) == tier


@pytest.mark.parametrize(
    ("tier", "proved", "resolved", "disagrees"),
    [
        (1, 3, 20, True),  # 5%–36% rules out 80% and up
        (1, 7, 10, False),  # 40%–89% reaches tier 1's band: not ruled out
        (5, 10, 10, True),  # 72%–100% rules out below 25%
        (1, 0, 9, False),  # below the floor nothing is ruled out
        (None, 3, 20, False),  # unrated: a suggestion, not a disagreement
    ],
)
def test_a_tier_disagrees_only_when_the_interval_rules_its_band_out(
    tier, proved, resolved, disagrees
):
    assert tier_disagrees(tier, TrackRecord(proved, resolved)) is disagrees


@pytest.mark.django_db
def test_the_dashboard_suggests_tiers_with_their_evidence(client):
    from .support.editorial import editor, logged_in

    overrated = SourceFactory(name="Overrated Wire", reliability_tier=1)
    for index in range(20):
        resolved(overrated, CONFIRMED if index < 3 else DENIED)
    fair = SourceFactory(name="Fair Sheet", reliability_tier=2)
    for index in range(10):
        resolved(fair, CONFIRMED if index < 7 else DENIED)
    newcomer = SourceFactory(name="New Paper", reliability_tier=None)
    for index in range(10):
        resolved(newcomer, CONFIRMED if index < 7 else DENIED)
    logged_in(client, editor())

    page = client.get("/admin/").content.decode()

    tiers = page.split("Tiers their records rule out")[1].split("</section>")[0]
    assert "Overrated Wire</a>: tier 1, its record suggests tier 5: 3 of 20 " in tiers
    assert "(15%, 95% interval 5%–36%)" in tiers
    assert "Fair Sheet" not in tiers
    rate = page.split("Sources to rate")[1].split("</section>")[0]
    assert "New Paper</a> · its record suggests tier 2: 7 of 10 proved true" in rate
