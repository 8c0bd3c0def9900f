"""A version-1 newsroom file imports unchanged in meaning (#13).

``tests/fixtures/demo_newsroom_v1.json`` is the demo newsroom exactly as
version 1 wrote it (before attributions, event dates, described sides,
amounts, squad notes and club roles). Imported today, every claim keeps its
player, clubs, stage, source and outcome; a named selling club is not a free
agent; no money is invented; the squad targets stay undated counted targets
and each head coach an undated role.
"""

import json
from pathlib import Path

import pytest

from rumours.demo.accounts import DEMO_FILE
from rumours.models import Club, SquadNote, TransferClaim
from rumours.services.interchange import import_newsroom

pytestmark = pytest.mark.django_db

V1_FILE = Path(__file__).resolve().parent / "fixtures" / "demo_newsroom_v1.json"


@pytest.fixture
def v1():
    document = json.loads(V1_FILE.read_text(encoding="utf-8"))
    import_newsroom(document, base_dir=DEMO_FILE.parent)
    return document


def test_the_fixture_is_a_version_1_file():
    assert json.loads(V1_FILE.read_text(encoding="utf-8"))["version"] == 1


def claim_facts(claim):
    return (
        claim.player.name,
        claim.from_club and claim.from_club.name,
        claim.to_club and claim.to_club.name,
        claim.claim_type,
        claim.source and claim.source.slug,
        claim.outcome,
    )


def test_every_claim_keeps_its_parties_stage_source_and_outcome(v1):
    written = [
        (
            c["player"] if isinstance(c["player"], str) else c["player"]["name"],
            c["from_club"],
            c["to_club"],
            c["claim_type"],
            c["source"],
            c["outcome"],
        )
        for c in v1["articles"][0]["claims"]
    ]

    stored = [claim_facts(claim) for claim in TransferClaim.objects.all()]

    assert sorted(stored, key=repr) == sorted(written, key=repr)


def test_a_named_selling_club_is_not_read_as_a_free_agent(v1):
    assert not TransferClaim.objects.filter(free_agent=True).exists()


def test_no_money_is_invented(v1):
    assert not TransferClaim.objects.filter(amounts__isnull=False).exists()


def test_squad_targets_stay_undated_counted_targets(v1):
    notes = sorted(
        SquadNote.objects.values_list(
            "club__name", "position", "kind", "count", "noted_on"
        )
    )

    assert notes == [
        ("AC Milan", "CB", "target", 5, None),
        ("Tottenham Hotspur", "CB", "target", 4, None),
    ]


def test_each_head_coach_becomes_an_undated_role(v1):
    clubs = Club.objects.with_staff().order_by("name")

    assert {
        club.name: [(r.role, r.name, r.started_on) for r in club.staff]
        for club in clubs
        if club.staff
    } == {
        c["name"]: [("head_coach", c["head_coach"], None)]
        for c in v1["clubs"]
        if c["head_coach"]
    }
