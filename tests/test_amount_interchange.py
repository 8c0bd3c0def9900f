"""Amounts and occurrences in the newsroom file (docs/interchange.md; #13)."""

import copy
import json
from decimal import Decimal

import pytest

from rumours.demo.accounts import DEMO_FILE
from rumours.models import ClaimAmount, TransferClaim
from rumours.services.interchange import (
    NewsroomImportError,
    dump_newsroom,
    export_newsroom,
    import_newsroom,
    load_newsroom_file,
)

pytestmark = pytest.mark.django_db

MILAN = 7  # the demo story's claim: Milan enquire about Dragusin


def demo():
    return load_newsroom_file(DEMO_FILE)


def import_document(document):
    return import_newsroom(document, base_dir=DEMO_FILE.parent)


def import_errors(document):
    with pytest.raises(NewsroomImportError) as refused:
        import_document(document)
    return refused.value.errors


def as_older_file(document):
    """Return ``document`` as files before amounts wrote it: a fee, no occurrence."""
    old = copy.deepcopy(document)
    for article in old["articles"]:
        for claim in article["claims"]:
            claim.pop("amounts")
            claim.pop("occurrence")
            claim["fee"] = None
    return old


def amount(kind="transfer_fee", value="20000000.00", **fields):
    return {
        "kind": kind,
        "amount": value,
        "upper_amount": None,
        "currency": "EUR",
        "qualifier": "exact",
        "converted_amount": None,
        "converted_currency": None,
        "period": None,
        **fields,
    }


def with_milan_claim(document, **fields):
    document["articles"][0]["claims"][MILAN].update(fields)
    return document


def two_rejected_bids(document):
    """Add two bids Tottenham turned down, 20m then 25m, to the demo story."""
    milan = document["articles"][0]["claims"][MILAN]
    for occurrence, value in ((1, "20000000.00"), (2, "25000000.00")):
        bid = copy.deepcopy(milan)
        bid.update(
            claim_type="bid_rejected",
            occurrence=occurrence,
            amounts=[amount(value=value)],
        )
        document["articles"][0]["claims"].append(bid)
    return document


def stored_bids():
    bids = TransferClaim.objects.filter(claim_type="bid_rejected").order_by("pk")
    return [(bid.pk, bid.amounts.get().amount) for bid in bids]


# Older files: a fee becomes amounts


def test_an_older_file_without_amounts_imports_the_demo_unchanged():
    import_document(as_older_file(demo()))

    assert TransferClaim.objects.count() == 10
    assert not ClaimAmount.objects.exists()


def test_an_older_fee_becomes_a_transfer_fee_and_its_add_ons():
    fee = {
        "amount": "55000000.00",
        "currency": "GBP",
        "upper_amount": "60000000.00",
        "add_ons": "5000000.00",
    }
    import_document(with_milan_claim(as_older_file(demo()), fee=fee))

    rows = ClaimAmount.objects.values_list("kind", "amount", "upper_amount", "currency")
    assert list(rows) == [
        ("transfer_fee", Decimal("55000000.00"), Decimal("60000000.00"), "GBP"),
        ("add_ons", Decimal("5000000.00"), None, "GBP"),
    ]


def test_an_older_fee_of_a_loan_becomes_a_loan_fee():
    fee = {"amount": "3000000.00", "currency": "EUR"}
    document = with_milan_claim(as_older_file(demo()), fee=fee, deal_type="loan")

    import_document(document)

    assert ClaimAmount.objects.get().kind == "loan_fee"


def test_a_fee_beside_amounts_is_refused():
    fee = {"amount": "3000000.00", "currency": "EUR"}
    document = with_milan_claim(demo(), fee=fee, amounts=[amount()])

    errors = import_errors(document)

    assert errors == [
        "articles[0].claims[7].fee: given with amounts; an older file's fee is "
        "one of the amounts, so give amounts alone"
    ]


# Amounts: stored in order, every rule checked by path


def test_amounts_import_in_the_files_order():
    amounts = [
        amount("loan_fee", "2000000.00"),
        amount("option_price", "25000000.00", qualifier="around"),
        amount("add_ons", None, currency=None),
        amount("wages", "150000.00", currency="GBP", period="week"),
    ]

    import_document(with_milan_claim(demo(), amounts=amounts))

    claim = TransferClaim.objects.get(to_club__name="AC Milan")
    assert claim.fee_display == (
        "a loan fee of €2m, with an option to buy at around €25m plus add-ons, "
        "wages of £150k a week"
    )


def test_re_importing_changed_amounts_replaces_them():
    import_document(with_milan_claim(demo(), amounts=[amount()]))

    import_document(with_milan_claim(demo(), amounts=[amount(value="30000000.00")]))

    assert list(ClaimAmount.objects.values_list("amount", flat=True)) == [
        Decimal("30000000.00")
    ]


def test_re_importing_the_same_amounts_leaves_the_claim_unchanged():
    document = with_milan_claim(demo(), amounts=[amount()])
    import_document(document)
    before = TransferClaim.objects.get(to_club__name="AC Milan").updated_at

    counts = import_document(document)

    assert counts["claims"]["unchanged"] == 10
    assert TransferClaim.objects.get(to_club__name="AC Milan").updated_at == before


@pytest.mark.parametrize(
    ("bad", "error"),
    [
        (
            {"currency": "JPY"},
            "amounts[0].currency: 'JPY' is not one of EUR, GBP, USD, or null",
        ),
        (
            {"currency": None},
            "amounts[0].currency: needed with an amount: EUR, GBP or USD",
        ),
        (
            {"amount": None},
            "amounts[0].amount: needed; only add-ons may be of unknown size "
            "(amount null)",
        ),
        (
            {"kind": "wages"},
            "amounts[0].period: needed for wages: week or year",
        ),
        (
            {"period": "week"},
            "amounts[0].period: only wages have a period",
        ),
        (
            {"converted_amount": "17000000.00"},
            "amounts[0].converted_currency: give converted_amount and "
            "converted_currency together, or neither",
        ),
        (
            {"upper_amount": "10000000.00"},
            "amounts[0].upper_amount: '10000000.00' is below the amount "
            "'20000000.00'; the top of a range cannot be below its bottom",
        ),
        (
            {"kind": "add_ons", "amount": None},
            "amounts[0].currency: given without an amount; add-ons of unknown "
            "size have no figure, so give the amount or leave this null",
        ),
        (
            {"qualifier": "roughly"},
            "amounts[0].qualifier: 'roughly' is not one of exact, around, "
            "almost, up_to, reported",
        ),
    ],
)
def test_a_bad_amount_is_refused_by_path_and_nothing_is_stored(bad, error):
    document = with_milan_claim(demo(), amounts=[amount(**bad)])

    errors = import_errors(document)

    assert errors == [f"articles[0].claims[7].{error}"]
    assert not TransferClaim.objects.exists()


# Occurrences: two bids turned down are two claims


def test_two_same_kind_claims_in_one_story_are_two_claims():
    import_document(two_rejected_bids(demo()))

    assert [value for _, value in stored_bids()] == [
        Decimal("20000000.00"),
        Decimal("25000000.00"),
    ]


def test_each_of_two_same_kind_claims_keeps_its_id_on_re_import():
    import_document(two_rejected_bids(demo()))
    before = stored_bids()

    import_document(two_rejected_bids(demo()))

    assert stored_bids() == before


def test_two_same_kind_claims_export_with_their_occurrences():
    import_document(two_rejected_bids(demo()))

    claims = export_newsroom()["articles"][0]["claims"]

    bids = [claim for claim in claims if claim["claim_type"] == "bid_rejected"]
    assert [(bid["occurrence"], bid["amounts"][0]["amount"]) for bid in bids] == [
        (1, "20000000.00"),
        (2, "25000000.00"),
    ]


def test_export_import_export_is_identical_with_two_same_kind_claims():
    import_document(two_rejected_bids(demo()))
    first = dump_newsroom(export_newsroom())
    TransferClaim.objects.all().delete()

    import_document(json.loads(first))

    assert dump_newsroom(export_newsroom()) == first


def test_a_repeated_claim_without_an_occurrence_is_refused():
    document = two_rejected_bids(demo())
    document["articles"][0]["claims"][-1].pop("occurrence")

    errors = import_errors(document)

    assert errors == [
        "articles[0].claims[11]: repeats articles[0].claims[10] (the same parties, "
        'claim type and occurrence); merge them, or give one "occurrence": 2'
    ]


def test_a_second_occurrence_without_a_first_is_refused():
    document = two_rejected_bids(demo())
    del document["articles"][0]["claims"][10]

    errors = import_errors(document)

    assert errors == [
        "articles[0].claims[10].occurrence: 2, but the story has no occurrence 1 "
        "of the same player, clubs and claim type; number them from 1"
    ]
