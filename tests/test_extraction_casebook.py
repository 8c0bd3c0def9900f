"""The case book's paragraphs give the claims an editor would take from them.

Floors are set a little under the figures measured when the engine was
written (README.md, "Claims from copy"); the acceptance floor for the
player, his suitor and the kind together is 0.9 precision, 0.8 recall.
"""

import datetime as dt

import pytest

from .support.casebook import (
    below,
    build_newsroom,
    format_table,
    load_casebook,
    measure,
)

pytestmark = pytest.mark.django_db

REPORTED_ON = dt.date(2026, 8, 20)
FLOORS = {
    "player": (0.95, 0.95),
    "from": (0.95, 0.95),
    "to": (0.95, 0.95),
    "kind": (0.95, 0.95),
    "amount": (0.95, 0.95),
    "currency": (0.95, 0.95),
    "deal type": (0.95, 0.95),
    "source chain": (0.95, 0.95),
    "player + to + kind": (0.9, 0.9),
}


@pytest.fixture
def casebook():
    book = load_casebook()
    build_newsroom(book["newsroom"])
    return book


def test_the_case_book_has_forty_cases_or_more():
    assert len(load_casebook()["cases"]) >= 40


def test_the_case_book_scores_above_its_floors(casebook):
    table, differences = measure(casebook, REPORTED_ON)

    # pytest -s shows the table, and what each case missed or added.
    print("\n" + format_table(table), *differences, sep="\n")  # noqa: T201
    assert below(table, FLOORS) == {}, "\n".join(differences)
