"""The extraction case books (tests/fixtures/extraction_*.json) as a score.

Each case is a short paragraph written for the book and the claims an
editor would take from it. ``CASEBOOK`` is the book the rules were tuned
against, ``HELDOUT`` one written afterwards by someone else to measure
copy the rules had not seen. ``score`` compares what an engine proposes with
them field by field: each field is a set of facts per case (the player, his
claim's kind, its suitor, ...), a null value states nothing, and precision
and recall count the facts both sides hold.
"""

import json
from pathlib import Path

from django.utils.text import slugify

from rumours.extraction import RuleProposer, gazetteer_from_database

from ..factories import (
    ClubAliasFactory,
    ClubFactory,
    CompetitionFactory,
    PlayerFactory,
    SourceFactory,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CASEBOOK = FIXTURES / "extraction_casebook.json"
HELDOUT = FIXTURES / "extraction_heldout.json"
FIELDS = (
    "player",
    "from",
    "to",
    "kind",
    "amount",
    "currency",
    "deal type",
    "source chain",
    "player + to + kind",
)


def load_casebook(path=CASEBOOK):
    return json.loads(path.read_text())


def build_newsroom(newsroom):
    """Create the competitions, clubs, sources and players the book names."""
    competitions = {
        item["name"]: CompetitionFactory(
            name=item["name"], slug=slugify(item["name"]), country=item["country"]
        )
        for item in newsroom["competitions"]
    }
    clubs = {}
    for item in newsroom["clubs"]:
        competition = competitions[item["competition"]]
        club = ClubFactory(
            name=item["name"],
            short_name=item["short_name"],
            slug=slugify(item["name"]),
            competition=competition,
            country=competition.country,
        )
        for alias in item["aliases"]:
            ClubAliasFactory(club=club, name=alias)
        clubs[item["name"]] = club
    sources = {}
    for item in newsroom["sources"]:
        sources[item["slug"]] = SourceFactory(
            name=item["name"],
            slug=item["slug"],
            kind=item["kind"],
            outlet=sources.get(item.get("outlet")),
        )
    for item in newsroom["players"]:
        PlayerFactory(
            name=item["name"],
            slug=slugify(item["name"]),
            current_club=clubs.get(item["club"]),
            agent=sources.get(item.get("agent")),
        )


def measure(book, reported_on, cases=None):
    """Return the score table, and each case's facts missed and wrongly proposed.

    ``cases`` keeps only the cases with those ids (all of them by default).
    """
    proposer = RuleProposer(gazetteer_from_database())
    expected, proposed, differences = [], [], []
    for case in book["cases"]:
        if cases is not None and case["id"] not in cases:
            continue
        found = proposer.propose(case["text"], reported_on=reported_on)
        expected.append(expected_facts(case))
        proposed.append(proposed_facts(case["id"], found))
        for field, facts in expected[-1].items():
            missed, wrong = facts - proposed[-1][field], proposed[-1][field] - facts
            if missed or wrong:
                differences.append(f"{field}: missed {missed}, proposed {wrong}")
    return score(merge(expected), merge(proposed)), differences


def below(table, floors):
    """Return ``{field: (precision, recall)}`` for each field under its floor."""
    return {
        field: table[field][:2]
        for field, (precision, recall) in floors.items()
        if table[field][0] < precision or table[field][1] < recall
    }


def expected_facts(case):
    return _facts(case["id"], case["claims"], _expected_claim)


def proposed_facts(case_id, proposals):
    return _facts(case_id, [p.as_dict() for p in proposals], _proposed_claim)


def _expected_claim(claim):
    return {
        "player": claim["player"],
        "from": claim["from"],
        "to": claim["to"],
        "kind": claim["kind"],
        "amounts": [tuple(amount) for amount in claim.get("amounts", [])],
        "deal type": claim.get("deal_type"),
        "source chain": tuple(claim["source"]) if claim.get("source") else None,
    }


def _proposed_claim(proposal):
    def side(name):
        described = proposal[f"{name}_described"]
        return proposal[f"{name}_club"] or (described and described["text"])

    chain = (proposal["source"],) + tuple(
        f"{a['role']}:{a['source']}" for a in proposal["attributions"]
    )
    return {
        "player": proposal["player"],
        "from": side("from"),
        "to": side("to"),
        "kind": proposal["claim_type"],
        "amounts": [
            (a["kind"], a["amount"], a["upper_amount"], a["currency"], a["qualifier"])
            for a in proposal["amounts"]
        ],
        "deal type": proposal["deal_type"],
        "source chain": chain if chain != (None,) else None,
    }


def _facts(case_id, claims, read):
    facts = {field: set() for field in FIELDS}
    for claim in map(read, claims):
        player = claim["player"]
        facts["player"].add((case_id, player))
        facts["kind"].add((case_id, player, claim["kind"]))
        facts["player + to + kind"].add(
            (case_id, player, _lower(claim["to"]), claim["kind"])
        )
        for field in ("from", "to", "deal type", "source chain"):
            if claim[field] is not None:
                facts[field].add((case_id, player, _lower(claim[field])))
        for kind, amount, upper, currency, qualifier in claim["amounts"]:
            facts["amount"].add((case_id, player, kind, amount, upper, qualifier))
            if currency:
                facts["currency"].add((case_id, player, amount, currency))
    return facts


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def score(expected, proposed):
    """Return ``{field: (precision, recall, proposed, expected)}``."""
    table = {}
    for field in FIELDS:
        hits = len(expected[field] & proposed[field])
        precision = hits / len(proposed[field]) if proposed[field] else 1.0
        recall = hits / len(expected[field]) if expected[field] else 1.0
        table[field] = (precision, recall, len(proposed[field]), len(expected[field]))
    return table


def merge(facts_per_case):
    merged = {field: set() for field in FIELDS}
    for facts in facts_per_case:
        for field in FIELDS:
            merged[field] |= facts[field]
    return merged


def format_table(table):
    lines = [
        "| field | precision | recall | proposed | expected |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for field, (precision, recall, proposed, expected) in table.items():
        lines.append(
            f"| {field} | {precision:.2f} | {recall:.2f} | {proposed} | {expected} |"
        )
    return "\n".join(lines)
