"""The money grammar reads amounts as stories write them (#14)."""

import pytest

from rumours.extraction import find_amounts
from rumours.extraction.text import fold


def amounts(text):
    return [
        {key: value for key, value in amount.as_dict().items() if value is not None}
        for amount in find_amounts(fold(text))
    ]


def test_a_sum_in_pounds_is_a_transfer_fee():
    assert amounts("Milan bid £30m for him") == [
        {
            "kind": "transfer_fee",
            "amount": "30000000.00",
            "currency": "GBP",
            "qualifier": "exact",
        }
    ]


def test_a_range_shares_its_unit():
    found = amounts("a fee of €40-45m")

    assert (found[0]["amount"], found[0]["upper_amount"]) == (
        "40000000.00",
        "45000000.00",
    )


def test_between_two_amounts_is_a_range():
    found = amounts("valued at between €50m and €55m")

    assert (found[0]["kind"], found[0]["upper_amount"]) == (
        "asking_price",
        "55000000.00",
    )


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("30 million euros", "30000000.00", "EUR"),
        ("40 milioni di euro", "40000000.00", "EUR"),
        ("$15 million", "15000000.00", "USD"),
        ("12m pounds", "12000000.00", "GBP"),
        ("EUR 30m", "30000000.00", "EUR"),
    ],
)
def test_currencies_in_words_and_codes(text, amount, currency):
    assert [(a["amount"], a["currency"]) for a in amounts(text)] == [(amount, currency)]


def test_plus_add_ons_is_add_ons_of_unknown_size():
    assert [a["kind"] for a in amounts("£40m plus add-ons")] == [
        "transfer_fee",
        "add_ons",
    ]
    assert "amount" not in amounts("£40m plus add-ons")[1]


def test_rising_to_gives_the_add_ons_up_to_the_difference():
    add_ons = amounts("£35m rising to £42m")[1]

    assert (add_ons["kind"], add_ons["amount"], add_ons["qualifier"]) == (
        "add_ons",
        "7000000.00",
        "up_to",
    )


@pytest.mark.parametrize(
    ("words", "qualifier"),
    [
        ("around €22m", "around"),
        ("in the region of €22m", "around"),
        ("almost €22m", "almost"),
        ("up to €22m", "up_to"),
        ("thought to be €22m", "reported"),
        ("€22m", "exact"),
    ],
)
def test_hedges_are_qualifiers(words, qualifier):
    assert amounts(words)[0]["qualifier"] == qualifier


def test_a_loan_fee_and_an_option_to_buy():
    assert [
        (a["kind"], a["amount"])
        for a in amounts("a €2m loan fee with an €18m option to buy")
    ] == [("loan_fee", "2000000.00"), ("option_price", "18000000.00")]


def test_an_obligation_to_buy_names_its_price():
    assert amounts("with an obligation to buy for €12m")[0]["kind"] == (
        "obligation_price"
    )


def test_a_release_clause():
    assert amounts("a €60m release clause")[0]["kind"] == "release_clause"


def test_weekly_wages_with_a_thousands_comma():
    assert amounts("wages of £150,000 a week") == [
        {
            "kind": "wages",
            "amount": "150000.00",
            "currency": "GBP",
            "qualifier": "exact",
            "period": "week",
        }
    ]


def test_a_second_currency_in_brackets_is_the_conversion():
    found = amounts("a €40m (£34m) offer")

    assert len(found) == 1
    assert (found[0]["converted_amount"], found[0]["converted_currency"]) == (
        "34000000.00",
        "GBP",
    )


def test_a_decimal_comma_in_italian_copy():
    assert amounts("2,5 milioni di euro")[0]["amount"] == "2500000.00"


def test_numbers_without_a_currency_are_not_money():
    assert amounts("born in 2001, he has 30 caps and scored 12 goals") == []


def test_a_fee_in_the_range_of_a_sum_is_around_it():
    assert amounts("a fee in the $20 million range") == [
        {
            "kind": "transfer_fee",
            "amount": "20000000.00",
            "currency": "USD",
            "qualifier": "around",
        }
    ]


def test_add_ons_without_a_currency_take_the_fees_currency_and_millions():
    found = amounts("20 million euros plus 5 in variables")

    assert [(a["kind"], a["amount"], a["currency"]) for a in found] == [
        ("transfer_fee", "20000000.00", "EUR"),
        ("add_ons", "5000000.00", "EUR"),
    ]


def test_a_later_figure_without_a_currency_takes_the_earlier_ones():
    found = amounts(
        "Fiorentina ask 25 million euros, Lazio's offer stops at 18 million"
    )

    assert [(a["kind"], a["amount"], a["currency"]) for a in found] == [
        ("asking_price", "25000000.00", "EUR"),
        ("transfer_fee", "18000000.00", "EUR"),
    ]


def test_a_figure_without_a_currency_anywhere_is_no_amount():
    assert amounts("He has scored 18 goals in 3 million minutes") == []
