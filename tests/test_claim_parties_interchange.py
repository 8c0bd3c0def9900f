"""Described sides, free agents and links between claims in the newsroom file (#13)."""

import copy
import json

import pytest

from rumours.demo.accounts import DEMO_FILE
from rumours.models import TransferClaim
from rumours.services.interchange import (
    NewsroomImportError,
    dump_newsroom,
    export_newsroom,
    import_newsroom,
    load_newsroom_file,
)

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def demo():
    return load_newsroom_file(DEMO_FILE)


def claims_of(document, index=0):
    return document["articles"][index]["claims"]


def import_file(document):
    import_newsroom(document, base_dir=DEMO_FILE.parent)


def problems_of(document):
    with pytest.raises(NewsroomImportError) as error:
        import_file(document)
    return error.value.errors


def by_type(document, claim_type):
    return next(c for c in claims_of(document) if c["claim_type"] == claim_type)


def with_sides_and_links():
    """Return the demo with a described suitor, a free agent, a denial and a swap."""
    document = demo()
    claims = claims_of(document)
    interest = by_type(document, "interest")
    interest.update(
        to_club=None,
        to_described={
            "text": "a host of Bundesliga clubs",
            "competition": None,
            "country": "Germany",
        },
    )
    claims.append(
        {
            **copy.deepcopy(interest),
            "claim_type": "denied",
            "answers": {"article": document["articles"][0]["slug"], "claim": 0},
            "to_described": None,
        }
    )
    swap = by_type(document, "enquiry")
    swap["deal_type"] = "swap"
    swap["swap_with"] = claims.index(interest)
    return document


def test_sides_and_links_survive_export_import_export():
    import_file(with_sides_and_links())
    first = dump_newsroom(export_newsroom())
    TransferClaim.objects.all().delete()

    import_file(json.loads(first))

    assert dump_newsroom(export_newsroom()) == first


def test_a_described_suitor_is_stored_in_the_storys_words():
    import_file(with_sides_and_links())

    claim = TransferClaim.objects.get(to_described="a host of Bundesliga clubs")

    assert (claim.to_club, claim.to_country) == (None, "Germany")


def test_a_denial_points_at_the_claim_it_answers():
    document = with_sides_and_links()
    import_file(document)

    denial = TransferClaim.objects.get(claim_type="denied")

    assert denial.answers == TransferClaim.objects.order_by("reported_at", "pk")[0]


def test_a_swap_points_at_its_other_side():
    import_file(with_sides_and_links())

    swap = TransferClaim.objects.get(deal_type="swap")

    assert swap.swap_with.claim_type == "interest"


def test_reimporting_keeps_the_links_without_updating_the_claims():
    document = with_sides_and_links()
    import_file(document)
    before = dict(TransferClaim.objects.values_list("pk", "updated_at"))

    import_file(document)

    assert dict(TransferClaim.objects.values_list("pk", "updated_at")) == before


def test_an_older_file_naming_no_seller_meant_a_free_agent():
    document = demo()
    claim = claims_of(document)[0]
    claim["from_club"] = None
    for key in ("from_described", "free_agent", "to_described", "answers"):
        claim.pop(key)
    claim.pop("swap_with")

    import_file(document)

    assert TransferClaim.objects.get(
        player__name=claim["player"], claim_type=claim["claim_type"]
    ).free_agent


def test_a_seller_not_named_stays_not_named():
    document = demo()
    claim = claims_of(document)[0]
    claim.update(from_club=None, free_agent=False)

    import_file(document)

    stored = TransferClaim.objects.get(claim_type=claim["claim_type"])
    assert stored.from_side.kind == "unknown"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            {
                "from_described": {
                    "text": "his club",
                    "competition": None,
                    "country": "",
                }
            },
            "from_described: given with from_club; name the club or describe it, "
            "not both",
        ),
        (
            {"free_agent": True},
            "free_agent: true, but the claim has a selling club; a free agent "
            "leaves none",
        ),
        (
            {"answers": {"article": "nowhere", "claim": 0}},
            "answers: only a denied or not_confirmed claim answers another; use null",
        ),
        (
            {"swap_with": 0},
            "swap_with: the claim itself; link the other side",
        ),
        (
            {"swap_with": 99},
            "swap_with: 99 is past the article's last claim",
        ),
        (
            {"free_agent": "yes"},
            "free_agent: expected true or false, not 'yes'",
        ),
    ],
)
def test_a_bad_side_or_link_is_refused_with_its_path(change, problem):
    document = demo()
    claims_of(document)[0].update(change)

    problems = problems_of(document)

    assert any(p.startswith(f"articles[0].claims[0].{problem}") for p in problems), (
        problems
    )
    assert not TransferClaim.objects.exists()


def test_a_denial_answers_only_a_claim_of_the_file():
    ArticleFactory(slug="not-in-the-file")
    document = demo()
    claim = claims_of(document)[0]
    claim.update(
        claim_type="denied", answers={"article": "not-in-the-file", "claim": 0}
    )

    problems = problems_of(document)

    assert any("answers.article: 'not-in-the-file'" in p for p in problems), problems
