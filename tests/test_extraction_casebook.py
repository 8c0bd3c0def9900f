"""The case book's paragraphs give the claims an editor would take from them.

Floors are set a little under the figures measured when the engine was
written (README.md, "Claims from copy"); the acceptance floor for the
player, his suitor and the kind together is 0.9 precision, 0.8 recall.
"""

import datetime as dt

import pytest

from rumours.extraction import RuleProposer, gazetteer_from_database

from .support.casebook import (
    build_newsroom,
    expected_facts,
    format_table,
    load_casebook,
    merge,
    proposed_facts,
    score,
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


def measure(book):
    """Return the score table, and each case's facts missed and wrongly proposed."""
    proposer = RuleProposer(gazetteer_from_database())
    expected, proposed, differences = [], [], []
    for case in book["cases"]:
        found = proposer.propose(case["text"], reported_on=REPORTED_ON)
        expected.append(expected_facts(case))
        proposed.append(proposed_facts(case["id"], found))
        for field, facts in expected[-1].items():
            missed, wrong = facts - proposed[-1][field], proposed[-1][field] - facts
            if missed or wrong:
                differences.append(f"{field}: missed {missed}, proposed {wrong}")
    return score(merge(expected), merge(proposed)), differences


def test_the_case_book_has_forty_cases_or_more():
    assert len(load_casebook()["cases"]) >= 40


def test_the_case_book_scores_above_its_floors(casebook):
    table, differences = measure(casebook)

    # pytest -s shows the table, and what each case missed or added.
    print("\n" + format_table(table), *differences, sep="\n")  # noqa: T201
    below = {
        field: table[field][:2]
        for field, (precision, recall) in FLOORS.items()
        if table[field][0] < precision or table[field][1] < recall
    }
    assert below == {}, "\n".join(differences)
