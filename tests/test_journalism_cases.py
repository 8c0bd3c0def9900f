"""The case book stores, round-trips and reads right on every surface (#13).

Each case of ``tests/support/journalism_cases.py`` is one story of a newsroom
file. Imported, the file exports exactly as written (every field of every
claim, in meaning and in form); exported, emptied and imported again, it
exports the same bytes; the API gives each claim's kind, sides, attribution
and links; each story page shows the case's phrases.
"""

import json
import re
from pathlib import Path

import pytest
from django.utils.html import strip_tags
from rest_framework.test import APIClient
from rest_framework_api_key.models import APIKey

from rumours.models import Article, Competition, TransferClaim
from rumours.models.claim_terms import KIND_TERMS
from rumours.services.interchange import (
    FORMAT,
    VERSION,
    dump_newsroom,
    export_newsroom,
    import_newsroom,
)

from .support.journalism_cases import (
    CASES,
    CLUBS,
    COMPETITIONS,
    PLAYERS,
    PUBLISHED_AT,
    SOURCES,
)
from .test_interchange import empty_newsroom

pytestmark = pytest.mark.django_db

CASE_BOOK = Path(__file__).resolve().parent.parent / "docs" / "journalism-cases.md"


def article_item(case):
    return {
        "headline": case.title,
        "slug": case.slug,
        "standfirst": "",
        "body": case.paragraph,
        "status": "published",
        "published_at": PUBLISHED_AT,
        "updated_at": None,
        "author": None,
        "original": None,
        "hero_image": None,
        "clubs": [],
        "players": [],
        **case.article,
        "claims": case.claim_items(),
    }


def case_file():
    return {
        "format": FORMAT,
        "version": VERSION,
        "competitions": COMPETITIONS,
        "clubs": CLUBS,
        "players": PLAYERS,
        "sources": SOURCES,
        "articles": [article_item(case) for case in CASES],
        "squad_targets": [note for case in CASES for note in case.squad_notes],
    }


@pytest.fixture
def imported():
    import_newsroom(case_file())


def exported_articles():
    return {item["slug"]: item for item in export_newsroom()["articles"]}


def test_the_book_has_at_least_25_cases_covering_every_cause_and_new_kind():
    causes = {cause for case in CASES for cause in case.causes}
    kinds = {claim["claim_type"] for case in CASES for claim in case.claims}
    new_kinds = {
        "asking_price",
        "release_clause",
        "player_rejects",
        "willing_to_sell",
        "transfer_listed",
        "contract_talks",
        "contract_offer",
        "refuses_to_renew",
        "not_confirmed",
        "denied",
    }

    assert len(CASES) >= 25
    assert causes == {1, 2, 3, 4, 5, 6, 7, 8}
    assert new_kinds <= kinds


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.slug)
def test_each_case_exports_every_claim_field_as_written(imported, case):
    article = exported_articles()[case.slug]

    assert article["claims"] == case.claim_items()
    for name, value in case.article.items():
        assert article[name] == value


@pytest.mark.parametrize(
    "case", [case for case in CASES if case.squad_notes], ids=lambda case: case.slug
)
def test_each_case_exports_its_squad_notes_as_written(imported, case):
    notes = export_newsroom()["squad_targets"]

    assert [note for note in notes if note["article"] == case.slug] == case.squad_notes


def test_the_book_survives_export_import_export():
    import_newsroom(case_file())
    first = dump_newsroom(export_newsroom())
    empty_newsroom()

    import_newsroom(json.loads(first))

    assert dump_newsroom(export_newsroom()) == first


def expected_side(claim, side):
    if claim[f"{side}_club"]:
        return {
            "kind": "club",
            "description": None,
            "competition": None,
            "country": None,
        }
    if claim[f"{side}_described"]:
        words = claim[f"{side}_described"]
        competition = words["competition"] and Competition.objects.get(
            name=words["competition"]
        )
        return {
            "kind": "described",
            "description": words["text"],
            "competition": competition and competition.slug,
            "country": words["country"] or None,
        }
    kind = "free_agent" if side == "from" and claim["free_agent"] else "unknown"
    return {"kind": kind, "description": None, "competition": None, "country": None}


@pytest.fixture
def api():
    _, key = APIKey.objects.create_key(name="Case book")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.slug)
def test_each_case_reads_the_same_through_the_api(imported, api, case):
    body = api.get(f"/api/v1/articles/{case.slug}/").json()

    for given, read in zip(case.claim_items(), body["claims"], strict=True):
        answered = (
            given["answers"]
            and TransferClaim.objects.filter(article__slug=given["answers"]["article"])
            .order_by("reported_at", "pk")[given["answers"]["claim"]]
            .pk
        )
        other = (
            given["swap_with"] is not None and body["claims"][given["swap_with"]]["id"]
        )
        assert {
            "claim_type": read["claim_type"],
            "deal_type": read["deal_type"],
            "player": read["player"]["name"],
            "from_club": read["from_club"] and read["from_club"]["name"],
            "to_club": read["to_club"] and read["to_club"]["name"],
            "from_party": read["from_party"],
            "to_party": read["to_party"],
            "attributed": read["attributed"],
            "chain": [(c["role"], c["source"]["slug"]) for c in read["attributions"]],
            "event": read["event"]
            and {
                "date": read["event"]["date"],
                "precision": read["event"]["precision"],
            },
            "answers": read["answers"],
            "swap_with": read["swap_with"],
            "amounts": [
                (a["kind"], a["amount"], a["currency"], a["qualifier"], a["period"])
                for a in read["amounts"]
            ],
        } == {
            "claim_type": given["claim_type"],
            "deal_type": given["deal_type"],
            "player": given["player"],
            "from_club": given["from_club"],
            "to_club": given["to_club"],
            "from_party": expected_side(given, "from"),
            "to_party": expected_side(given, "to"),
            "attributed": bool(given["source"] or given["attributions"]),
            "chain": [("originator", given["source"])] * bool(given["source"])
            + [(c["role"], c["source"]) for c in given["attributions"]],
            "event": given["event"],
            "answers": answered or None,
            "swap_with": other or None,
            "amounts": [
                (a["kind"], a["amount"], a["currency"], a["qualifier"], a["period"])
                for a in given["amounts"]
            ],
        }


def page_text(client, slug):
    html = client.get(Article.objects.get(slug=slug).get_absolute_url())
    return re.sub(r"\s+", " ", strip_tags(html.content.decode()))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.slug)
def test_each_case_reads_right_on_its_story_page(imported, client, case):
    text = page_text(client, case.slug)

    for phrase in case.shows:
        assert phrase in text
    for phrase in case.hides:
        assert phrase not in text


@pytest.mark.parametrize(
    "case", [case for case in CASES if case.pages], ids=lambda case: case.slug
)
def test_each_case_reads_right_on_its_other_pages(imported, client, case):
    for url, phrases in case.pages.items():
        html = client.get(url).content.decode()
        text = re.sub(r"\s+", " ", strip_tags(html))
        for phrase in phrases:
            assert phrase in text, (url, phrase)


def test_no_story_credits_the_desk_with_a_claim_it_did_not_source(imported, client):
    desk_sourced = {
        case.slug
        for case in CASES
        if any(claim.get("source") == "transfer-desk" for claim in case.claims)
    }

    for case in CASES:
        credited = "our own reporting" in page_text(client, case.slug)
        assert credited == (case.slug in desk_sourced), case.slug


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.slug)
def test_the_published_case_book_prints_each_case(case):
    book = CASE_BOOK.read_text(encoding="utf-8")

    assert f"`{case.slug}`" in book
    assert case.paragraph in book


@pytest.mark.parametrize("kind", TransferClaim.Type.values)
def test_the_case_book_says_what_makes_each_kind_true(kind):
    book = CASE_BOOK.read_text(encoding="utf-8")
    row = next(line for line in book.splitlines() if line.startswith(f"| `{kind}` |"))

    assert row.endswith(f"| {KIND_TERMS[kind].true_when} |")
