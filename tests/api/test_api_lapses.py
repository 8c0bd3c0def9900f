"""The API says when an open claim stops being news, and filters on it (#13)."""

import datetime as dt

import pytest
import time_machine

from rumours.models import LapseWindow

from ..factories import TransferClaimFactory

pytestmark = pytest.mark.django_db

REPORTED = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def bid_window():
    LapseWindow.objects.update_or_create(
        claim_type="bid", defaults={"window": dt.timedelta(days=21)}
    )


def bid(**values):
    values = {"reported_at": REPORTED, **values}
    return TransferClaimFactory(
        claim_type="bid", article__published_at=REPORTED, **values
    )


def test_an_open_claim_gives_when_it_lapses(api):
    claim = bid()

    body = api.get(f"/api/v1/claims/{claim.pk}/").json()

    assert dt.datetime.fromisoformat(body["lapses_at"]) == REPORTED + dt.timedelta(
        days=21
    )


def test_a_resolved_claim_gives_lapses_at_null(api):
    claim = bid(outcome="confirmed", resolved_at=REPORTED)

    assert api.get(f"/api/v1/claims/{claim.pk}/").json()["lapses_at"] is None


@pytest.mark.parametrize(("value", "listed"), [("true", ["fresh"]), ("false", ["old"])])
def test_current_lists_open_claims_still_news_or_the_others(api, value, listed):
    bid(quote="old")
    bid(quote="fresh", reported_at=REPORTED + dt.timedelta(days=20))

    with time_machine.travel(REPORTED + dt.timedelta(days=22), tick=False):
        body = api.get("/api/v1/claims/", {"current": value}).json()

    assert [claim["quote"] for claim in body["results"]] == listed


def test_current_with_another_value_is_a_named_400(api):
    response = api.get("/api/v1/claims/", {"current": "yes"})

    assert response.status_code == 400
    assert "current" in response.json()
