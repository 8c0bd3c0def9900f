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
    records_by_kind,
    relay_record,
    wilson_interval,
)

from .factories import AttributionFactory, SourceFactory, TransferClaimFactory

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

    found = records_by_kind(TransferClaim.objects.filter(source=source))

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
