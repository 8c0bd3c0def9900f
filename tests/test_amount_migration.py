"""Migration 0040 moves each stored fee into amounts, and back (#13)."""

from decimal import Decimal

import pytest

from .support.migrations import migrate, migrated_to

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

BEFORE = ("rumours", "0018_lapse_defaults")
AFTER = ("rumours", "0021_claim_amounts")


old_apps = migrated_to(BEFORE)


def old_claim(apps, **fields):
    """Store a claim as it was before 0040, with the fee ``fields``."""
    club = apps.get_model("rumours", "Club").objects.create(
        name="AC Milan", short_name="Milan", slug="ac-milan"
    )
    player = apps.get_model("rumours", "Player").objects.create(
        name="Radu Dragusin", slug="radu-dragusin", primary_position="CB"
    )
    article = apps.get_model("rumours", "Article").objects.create(
        headline="Milan ask about Dragusin", slug="milan-ask", body=""
    )
    return apps.get_model("rumours", "TransferClaim").objects.create(
        article=article,
        player=player,
        to_club=club,
        claim_type="bid",
        quote="They bid.",
        **fields,
    )


def amounts_after(claim):
    apps = migrate(AFTER)
    rows = apps.get_model("rumours", "ClaimAmount").objects.filter(claim_id=claim.pk)
    return list(
        rows.order_by("position").values_list(
            "kind", "amount", "upper_amount", "currency"
        )
    )


def test_a_fee_with_a_range_and_add_ons_becomes_two_amounts(old_apps):
    claim = old_claim(
        old_apps,
        fee_amount=Decimal("50000000"),
        fee_upper_amount=Decimal("55000000"),
        fee_add_ons=Decimal("5000000"),
        fee_currency="GBP",
    )

    amounts = amounts_after(claim)

    assert amounts == [
        ("transfer_fee", Decimal("50000000"), Decimal("55000000"), "GBP"),
        ("add_ons", Decimal("5000000"), None, "GBP"),
    ]


def test_a_loan_deals_fee_becomes_a_loan_fee(old_apps):
    claim = old_claim(
        old_apps,
        deal_type="loan_with_option",
        fee_amount=Decimal("2000000"),
        fee_currency="EUR",
    )

    amounts = amounts_after(claim)

    assert amounts == [("loan_fee", Decimal("2000000"), None, "EUR")]


def test_a_claim_without_a_fee_gets_no_amount(old_apps):
    claim = old_claim(old_apps)

    amounts = amounts_after(claim)

    assert amounts == []


def test_going_back_restores_the_fee_and_its_add_ons(old_apps):
    claim = old_claim(
        old_apps,
        fee_amount=Decimal("50000000"),
        fee_add_ons=Decimal("5000000"),
        fee_currency="GBP",
    )
    migrate(AFTER)

    apps = migrate(BEFORE)

    restored = apps.get_model("rumours", "TransferClaim").objects.get(pk=claim.pk)
    assert (restored.fee_amount, restored.fee_add_ons, restored.fee_currency) == (
        Decimal("50000000"),
        Decimal("5000000"),
        "GBP",
    )
