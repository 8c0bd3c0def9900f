"""A claim's amounts in the API (#13), and v1's ``fee`` derived from them."""

from decimal import Decimal

import pytest

from ..factories import (
    ClaimAmountFactory,
    TransferClaimFactory,
    loan_with_option,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]


# API: every amount, and v1's fee derived from them


def test_the_api_lists_each_amount(api):
    claim = TransferClaimFactory()
    ClaimAmountFactory(
        claim=claim,
        qualifier="around",
        converted_amount=Decimal("21000000"),
        converted_currency="GBP",
    )
    ClaimAmountFactory(claim=claim, unknown_add_ons=True)

    body = api.get(f"/api/v1/claims/{claim.pk}/").json()

    assert body["amounts"] == [
        {
            "kind": "transfer_fee",
            "amount": "25000000.00",
            "upper_amount": None,
            "currency": "EUR",
            "qualifier": "around",
            "unknown_size": False,
            "converted": {"amount": "21000000.00", "currency": "GBP"},
            "period": None,
            "display": "a fee of around €25m (about £21m)",
        },
        {
            "kind": "add_ons",
            "amount": None,
            "upper_amount": None,
            "currency": None,
            "qualifier": "exact",
            "unknown_size": True,
            "converted": None,
            "period": None,
            "display": "add-ons",
        },
    ]


def test_the_api_v1_fee_is_the_first_transfer_or_loan_fee(api):
    claim = loan_with_option()
    ClaimAmountFactory(
        claim=claim, kind="add_ons", amount=Decimal("500000"), position=2
    )

    body = api.get(f"/api/v1/claims/{claim.pk}/").json()

    assert body["fee"] == {
        "amount": "2000000.00",
        "currency": "EUR",
        "upper_amount": None,
        "add_ons": None,
    }


def test_the_api_v1_fee_carries_the_add_ons_right_after_it(api):
    claim = TransferClaimFactory(with_fee=True)
    ClaimAmountFactory(
        claim=claim, kind="add_ons", amount=Decimal("5000000"), position=1
    )

    body = api.get(f"/api/v1/claims/{claim.pk}/").json()

    assert body["fee"]["add_ons"] == "5000000.00"


def test_the_api_v1_fee_is_null_for_a_release_clause_alone(api):
    claim = ClaimAmountFactory(kind="release_clause").claim

    body = api.get(f"/api/v1/claims/{claim.pk}/").json()

    assert body["fee"] is None


def test_the_squad_api_gives_each_rumours_amounts(api):
    claim = TransferClaimFactory(with_fee=True)

    body = api.get(f"/api/v1/clubs/{claim.to_club.slug}/squad/").json()

    claims = [
        row_claim
        for row in body["rows"]
        for link in row["rumours_in"]
        for row_claim in link["claims"]
    ]
    assert [row_claim["amounts"][0]["display"] for row_claim in claims] == [
        "a fee of €25m"
    ]
