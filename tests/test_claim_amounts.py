"""A claim's amounts as readers see them (#13): figures, hedges, kinds, joins."""

from decimal import Decimal

import pytest

from rumours.models import ClaimAmount
from rumours.models.amounts import describe_amounts, headline_fee

from .factories import ClaimAmountFactory, TransferClaimFactory

Kind = ClaimAmount.Kind


def row(kind=Kind.TRANSFER_FEE, amount="40000000", currency="EUR", **values):
    """Return an unsaved amount: the display reads no database."""
    money = {
        name: Decimal(values.pop(name))
        for name in ("upper_amount", "converted_amount")
        if name in values
    }
    return ClaimAmount(
        kind=kind,
        amount=None if amount is None else Decimal(amount),
        currency=currency,
        **money,
        **values,
    )


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        ("25000000", "EUR", "€25m"),
        ("2500000", "GBP", "£2.5m"),
        ("1000000", "USD", "$1m"),
        ("999999", "EUR", "€999.999k"),
        ("800000", "GBP", "£800k"),
        ("1500", "EUR", "€1.5k"),
    ],
)
def test_an_amount_is_shown_in_millions_thousands_or_units(amount, currency, shown):
    assert row(amount=amount, currency=currency).money == shown


def test_a_range_shows_both_ends():
    assert row(amount="50000000", upper_amount="55000000").money == "€50m–€55m"


def test_a_range_with_equal_ends_shows_one_amount():
    assert row(amount="50000000", upper_amount="50000000").money == "€50m"


@pytest.mark.parametrize(
    ("qualifier", "shown"),
    [
        ("exact", "€40m"),
        ("around", "around €40m"),
        ("almost", "almost €40m"),
        ("up_to", "up to €40m"),
        ("reported", "reportedly €40m"),
    ],
)
def test_the_qualifier_hedges_the_figure_as_the_story_did(qualifier, shown):
    assert row(qualifier=qualifier).money == shown


def test_the_second_currency_is_kept_as_reported():
    amount = row(converted_amount="34000000", converted_currency="GBP")

    assert amount.money == "€40m (about £34m)"


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (row(Kind.TRANSFER_FEE), "a fee of €40m"),
        (row(Kind.LOAN_FEE, "2000000"), "a loan fee of €2m"),
        (row(Kind.OPTION_PRICE, "25000000"), "an option to buy at €25m"),
        (row(Kind.OBLIGATION_PRICE, "30000000"), "an obligation to buy at €30m"),
        (row(Kind.ASKING_PRICE, "40000000", "GBP"), "an asking price of £40m"),
        (row(Kind.RELEASE_CLAUSE, "60000000"), "a €60m release clause"),
        (row(Kind.ADD_ONS, "5000000"), "add-ons of €5m"),
        (row(Kind.ADD_ONS, None, ""), "add-ons"),
        (
            row(Kind.WAGES, "150000", "GBP", period="week"),
            "wages of £150k a week",
        ),
        (
            row(Kind.WAGES, "7000000", "EUR", period="year"),
            "wages of €7m a year",
        ),
    ],
)
def test_each_kind_reads_as_a_phrase(amount, shown):
    assert amount.display == shown


def test_a_hedged_release_clause_reads_as_a_clause_of_that_figure():
    clause = row(Kind.RELEASE_CLAUSE, "60000000", qualifier="around")

    assert clause.display == "a release clause of around €60m"


def test_add_ons_of_unknown_size_follow_the_fee():
    amounts = [
        row(qualifier="around", converted_amount="34000000", converted_currency="GBP"),
        row(Kind.ADD_ONS, None, ""),
    ]

    assert describe_amounts(amounts) == "a fee of around €40m (about £34m) plus add-ons"


def test_add_ons_with_a_figure_follow_the_fee_with_it():
    amounts = [row(), row(Kind.ADD_ONS, "5000000", qualifier="up_to")]

    assert describe_amounts(amounts) == "a fee of €40m plus up to €5m in add-ons"


def test_an_option_to_buy_follows_the_loan_fee():
    amounts = [row(Kind.LOAN_FEE, "2000000"), row(Kind.OPTION_PRICE, "25000000")]

    assert describe_amounts(amounts) == (
        "a loan fee of €2m, with an option to buy at €25m"
    )


def test_no_amounts_read_as_nothing():
    assert describe_amounts([]) == ""


def test_the_headline_fee_is_the_first_transfer_or_loan_fee_with_its_add_ons():
    amounts = [
        row(Kind.ASKING_PRICE, "60000000"),
        row(Kind.LOAN_FEE, "3000000", upper_amount="4000000"),
        row(Kind.ADD_ONS, "500000"),
    ]

    assert headline_fee(amounts) == (
        Decimal("3000000"),
        "EUR",
        Decimal("4000000"),
        Decimal("500000"),
    )


def test_a_claim_without_a_transfer_or_loan_fee_has_no_headline_fee():
    assert headline_fee([row(Kind.RELEASE_CLAUSE, "60000000")]) is None


@pytest.mark.django_db
def test_the_claim_reads_its_stored_amounts_in_order():
    claim = TransferClaimFactory()
    ClaimAmountFactory(claim=claim, unknown_add_ons=True)
    ClaimAmountFactory(claim=claim, position=0, amount=Decimal("18000000"))

    assert claim.fee_display == "a fee of €18m plus add-ons"
