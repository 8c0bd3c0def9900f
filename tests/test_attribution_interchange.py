"""Attributions in the newsroom file (docs/interchange.md, version 2; #13)."""

import copy

import pytest

from rumours.demo.accounts import DEMO_FILE
from rumours.models import Source, TransferClaim
from rumours.services.interchange import (
    NewsroomImportError,
    dump_newsroom,
    export_newsroom,
    import_newsroom,
    load_newsroom_file,
)

pytestmark = pytest.mark.django_db

SLUG = "ac-milan-enquire-about-tottenham-radu-dragusin"


def demo():
    return load_newsroom_file(DEMO_FILE)


def import_demo(document=None):
    import_newsroom(document or demo(), base_dir=DEMO_FILE.parent)


def milan_claim(document):
    return next(
        claim
        for claim in document["articles"][0]["claims"]
        if claim["to_club"] == "AC Milan"
    )


def as_version_1(document):
    """Return ``document`` as version 1 wrote it, without version 2's fields."""
    old = copy.deepcopy(document)
    old["version"] = 1
    for player in old["players"]:
        player.pop("agent")
    for article in old["articles"]:
        article.pop("original")
        for claim in article["claims"]:
            for key in ("attributions", "event", "from_described", "free_agent"):
                claim.pop(key)
            for key in ("to_described", "answers", "swap_with"):
                claim.pop(key)
    return old


def test_the_demo_is_a_version_2_file():
    assert demo()["version"] == 2


def test_a_version_1_file_imports_with_no_attributions():
    document = as_version_1(demo())

    import_demo(document)

    wanted = TransferClaim.objects.get(claim_type="wants_to_leave")
    assert wanted.attributions.count() == 0
    assert TransferClaim.objects.count() == 10


def test_a_chain_round_trips_in_its_order():
    document = demo()
    milan_claim(document)["attributions"] = [
        {"source": "radu-dragusin-agent", "role": "speaker"},
        {"source": "italian-press", "role": "relay"},
    ]
    import_demo(document)

    exported = export_newsroom()

    assert milan_claim(exported)["attributions"] == [
        {"source": "radu-dragusin-agent", "role": "speaker"},
        {"source": "italian-press", "role": "relay"},
    ]


def test_reimporting_a_changed_chain_replaces_it():
    import_demo()
    document = demo()
    milan_claim(document)["attributions"] = [
        {"source": "italian-press", "role": "relay"}
    ]

    import_demo(document)

    claim = TransferClaim.objects.get(to_club__name="AC Milan")
    assert [(row.source.slug, row.role) for row in claim.attributions.all()] == [
        ("italian-press", "relay")
    ]


def test_export_import_export_is_identical_with_attributions():
    import_demo()
    first = dump_newsroom(export_newsroom())

    Source.objects.filter(slug="italian-press").update(country="Italia")
    import_newsroom(load_json(first))

    assert dump_newsroom(export_newsroom()) == first


def load_json(text):
    import json

    return json.loads(text)


@pytest.mark.parametrize(
    ("attributions", "message"),
    [
        (
            [{"source": "italian-press", "role": "editor"}],
            "attributions[0].role: 'editor' is not one of relay, speaker",
        ),
        (
            [{"source": "nobody-at-all", "role": "relay"}],
            "attributions[0].source: no source is called 'nobody-at-all'",
        ),
        (
            [
                {"source": "italian-press", "role": "relay"},
                {"source": "italian-press", "role": "relay"},
            ],
            "attributions[1]: repeats attributions[0] (the same source in the "
            "same role); give each once",
        ),
        (
            [{"source": "italian-press"}],
            "attributions[0].role: missing",
        ),
    ],
    ids=["unknown role", "unknown source", "repeated", "no role"],
)
def test_a_bad_attribution_is_refused_by_path_and_nothing_is_stored(
    attributions, message
):
    document = demo()
    milan_claim(document)["attributions"] = attributions

    with pytest.raises(NewsroomImportError) as error:
        import_demo(document)

    assert message in str(error.value)
    assert TransferClaim.objects.count() == 0
