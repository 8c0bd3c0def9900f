"""The API dates what happened as precisely as the story did (#13)."""

import datetime as dt

import pytest

from ..factories import TransferClaimFactory

pytestmark = pytest.mark.django_db


def test_a_claim_gives_its_event_with_the_sites_wording(api):
    claim = TransferClaimFactory(
        event_date=dt.date(2025, 7, 14), event_precision="summer"
    )

    body = api.get(f"/api/v1/claims/{claim.pk}/").json()

    assert body["event"] == {
        "date": "2025-07-14",
        "precision": "summer",
        "display": "summer window 2025",
    }


def test_a_claim_the_story_does_not_date_gives_event_null(api):
    claim = TransferClaimFactory()

    body = api.get(f"/api/v1/claims/{claim.pk}/").json()

    assert body["event"] is None
