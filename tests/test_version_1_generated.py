"""The bulk generator's version-1 output imports unchanged in meaning (#13).

``tests/fixtures/generated_newsroom_v1.json`` is what the generator and
exporter of version 1 wrote for a small newsroom (``generate_newsroom
--clubs 8 --players 64 --articles 24 --claims 90 --seed 7 --anchor
2026-06-01``, then ``export_newsroom``). Unlike the demo it has fees, ranges,
add-ons, loans, unattributed claims, resolved outcomes and a target at every
position: each must mean today what it meant then.
"""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from rumours.models import Article, ClaimAmount, Player, SquadNote, TransferClaim
from rumours.services.interchange import import_newsroom

pytestmark = pytest.mark.django_db

V1_FILE = Path(__file__).resolve().parent / "fixtures" / "generated_newsroom_v1.json"
LOANS = {"loan", "loan_with_option", "loan_with_obligation"}


@pytest.fixture
def v1(tmp_path):
    document = json.loads(V1_FILE.read_text(encoding="utf-8"))
    import_newsroom(document, base_dir=tmp_path)
    return document


def written_claims(document):
    for article in document["articles"]:
        for claim in article["claims"]:
            yield article["slug"], claim


def test_the_fixture_is_a_version_1_file_with_fees():
    document = json.loads(V1_FILE.read_text(encoding="utf-8"))

    assert document["version"] == 1
    assert any(claim["fee"] for _, claim in written_claims(document))


def test_every_claim_keeps_its_story_parties_stage_deal_source_and_outcome(v1):
    written = sorted(
        (
            slug,
            claim["player"],
            claim["from_club"],
            claim["to_club"],
            claim["claim_type"],
            claim["deal_type"] or "",
            claim["source"],
            claim["outcome"],
            claim["reported_at"],
        )
        for slug, claim in written_claims(v1)
    )
    stored = sorted(
        (
            claim.article.slug,
            claim.player.name,
            claim.from_club and claim.from_club.name,
            claim.to_club and claim.to_club.name,
            claim.claim_type,
            claim.deal_type,
            claim.source and claim.source.slug,
            claim.outcome,
            claim.reported_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        for claim in TransferClaim.objects.select_related(
            "article", "player", "from_club", "to_club", "source"
        )
    )

    assert stored == written


def test_no_claim_becomes_a_free_agent_move_or_a_described_side(v1):
    assert not TransferClaim.objects.filter(free_agent=True).exists()
    assert not TransferClaim.objects.exclude(from_described="", to_described="")


def expected_amounts(claim):
    """Return what a version-1 fee means: the fee (a loan fee on a loan), add-ons."""
    fee = claim["fee"]
    if not fee:
        return []
    kind = "loan_fee" if claim["deal_type"] in LOANS else "transfer_fee"
    upper = fee["upper_amount"] and Decimal(fee["upper_amount"])
    rows = [(kind, Decimal(fee["amount"]), upper, fee["currency"], "exact")]
    if fee["add_ons"]:
        rows.append(
            ("add_ons", Decimal(fee["add_ons"]), None, fee["currency"], "exact")
        )
    return rows


def test_each_fee_becomes_the_amounts_it_meant_and_no_money_is_invented(v1):
    stored = {}
    for amount in ClaimAmount.objects.select_related(
        "claim__article", "claim__player"
    ).order_by("claim_id", "position", "pk"):
        claim = amount.claim
        stored.setdefault(
            (
                claim.article.slug,
                claim.player.name,
                claim.claim_type,
                claim.reported_at,
            ),
            [],
        ).append(
            (
                amount.kind,
                amount.amount,
                amount.upper_amount,
                amount.currency,
                amount.qualifier,
            )
        )
    stored_by_key = {
        (slug, name, kind, reported.strftime("%Y-%m-%dT%H:%M:%SZ")): rows
        for (slug, name, kind, reported), rows in stored.items()
    }
    written = {
        (slug, c["player"], c["claim_type"], c["reported_at"]): expected_amounts(c)
        for slug, c in written_claims(v1)
        if c["fee"]
    }

    assert written
    assert stored_by_key == written


def test_every_target_stays_an_undated_counted_target_at_its_position(v1):
    stored = sorted(
        SquadNote.objects.values_list(
            "club__name", "position", "kind", "count", "noted_on"
        )
    )

    assert stored == sorted(
        (t["club"], t["position"], "target", t["target_count"], None)
        for t in v1["squad_targets"]
    )


def test_players_keep_their_positions_clubs_and_fitness(v1):
    stored = sorted(
        Player.objects.values_list(
            "slug", "primary_position", "current_club__name", "fitness"
        )
    )

    assert stored == sorted(
        (p["slug"], p["primary_position"], p["current_club"], p["fitness"])
        for p in v1["players"]
    )


def test_stories_keep_their_status_and_publication_time(v1):
    stored = sorted(
        (slug, status, published and published.strftime("%Y-%m-%dT%H:%M:%SZ"))
        for slug, status, published in Article.objects.values_list(
            "slug", "status", "published_at"
        )
    )

    assert stored == sorted(
        (a["slug"], a["status"], a["published_at"]) for a in v1["articles"]
    )
