"""The arrows docs/architecture.md forbids stay absent from `rumours/`."""

from pathlib import Path

import pytest

from tests.support.arrows import forbidden_arrows, read_package

RUMOURS = Path(__file__).resolve().parent.parent / "rumours"


def test_the_code_has_no_forbidden_arrow():
    assert [str(arrow) for arrow in forbidden_arrows(read_package(RUMOURS))] == []


def with_extra_module(name, source, *, is_package=False):
    sources = read_package(RUMOURS)
    sources[name] = (source, is_package)
    return sources


@pytest.mark.parametrize(
    ("module", "source", "imported"),
    [
        (
            "rumours.reader.views.extra",
            "from rumours.admin.forms import ArticleForm",
            "rumours.admin.forms",
        ),
        ("rumours.api.extra", "from rumours.reader import feeds", "rumours.reader"),
        (
            "rumours.admin.extra",
            "import rumours.api.serializers",
            "rumours.api.serializers",
        ),
        (
            "rumours.models.extra",
            "from rumours.services import workflow",
            "rumours.services",
        ),
        ("rumours.models.extra", "from ..cache import public", "rumours.cache"),
        (
            "rumours.filters",
            "from rumours.search import search_stories",
            "rumours.search",
        ),
        ("rumours.services.extra", "from rumours import search", "rumours.search"),
        (
            "rumours.services.extra",
            "from ..cache.public import bump_generation",
            "rumours.cache.public",
        ),
        (
            "rumours.services.extra",
            "from rumours.reader.views import articles",
            "rumours.reader.views",
        ),
        ("rumours.templatetags.extra", "from rumours.api import urls", "rumours.api"),
        (
            "rumours.services.extra",
            "from rumours.webhooks.events import announce",
            "rumours.webhooks.events",
        ),
        ("rumours.webhooks.extra", "from rumours.api import auth", "rumours.api"),
        (
            "rumours.extraction.extra",
            "from rumours.services.interchange import references",
            "rumours.services.interchange",
        ),
        ("rumours.extraction.extra", "from ..admin import forms", "rumours.admin"),
        (
            "rumours.extraction.extra",
            "from rumours.filters import F",
            "rumours.filters",
        ),
        (
            "rumours.models.extra",
            "from rumours.extraction import propose_claims",
            "rumours.extraction",
        ),
        (
            "rumours.cache.extra",
            "from ..extraction import engine",
            "rumours.extraction",
        ),
    ],
)
def test_an_added_forbidden_arrow_fails(module, source, imported):
    arrows = [
        str(arrow) for arrow in forbidden_arrows(with_extra_module(module, source))
    ]

    assert f"{module} imports {imported}" in arrows


def test_an_import_inside_a_function_counts():
    source = (
        "def late():\n    from rumours.admin import dashboard\n    return dashboard\n"
    )

    arrows = forbidden_arrows(with_extra_module("rumours.reader.extra", source))

    assert [str(arrow) for arrow in arrows] == [
        "rumours.reader.extra imports rumours.admin"
    ]


def test_relative_imports_resolve_from_the_package_they_sit_in():
    source = "from ..search import documents"

    inside_a_package = forbidden_arrows(
        with_extra_module("rumours.services.extra", source, is_package=True)
    )
    inside_a_module = forbidden_arrows(
        with_extra_module("rumours.services.extra", source)
    )

    assert inside_a_package == []  # rumours.services.search, a sibling
    assert [str(arrow) for arrow in inside_a_module] == [
        "rumours.services.extra imports rumours.search"
    ]


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("rumours.reader.extra", "from rumours.models import Article"),
        ("rumours.api.extra", "from rumours.filters import ClaimFilter"),
        ("rumours.admin.extra", "from rumours.services import workflow"),
        (
            "rumours.services.extra",
            "from rumours.models.events import newsroom_bulk_written",
        ),
        ("rumours.apps", "from rumours.cache.signals import connect_signals"),
        ("rumours.extraction.extra", "from ..models import Player"),
        ("rumours.admin.extra", "from rumours.extraction import propose_claims"),
        ("rumours.services.extra", "from ..extraction.money_text import as_row"),
    ],
)
def test_allowed_arrows_pass(module, source):
    assert forbidden_arrows(with_extra_module(module, source)) == []


# Module size (#12): past 400 lines a module holds more than one concern.
MAX_MODULE_LINES = 400


def oversized_modules(root):
    """Return ``{path: lines}`` of the Python modules under ``root`` over the limit."""
    return {
        str(path.relative_to(root.parent)): lines
        for path in sorted(root.rglob("*.py"))
        if "migrations" not in path.parts
        and (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }


@pytest.mark.skipif(
    RUMOURS.parent.name == "mutants",
    reason="under make mutate the modules carry mutmut's trampolines",
)
def test_no_module_is_over_400_lines():
    project = RUMOURS.parent

    oversized = {
        **oversized_modules(project / "rumours"),
        **oversized_modules(project / "newsroom"),
    }

    assert oversized == {}


def test_an_oversized_module_is_found(tmp_path):
    package = tmp_path / "rumours"
    (package / "migrations").mkdir(parents=True)
    (package / "big.py").write_text("x = 1\n" * 401)
    (package / "small.py").write_text("x = 1\n" * 400)
    (package / "migrations" / "0001_initial.py").write_text("x = 1\n" * 900)

    assert oversized_modules(package) == {"rumours/big.py": 401}
