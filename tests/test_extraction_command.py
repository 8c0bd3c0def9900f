"""``manage.py propose_claims`` prints proposals as JSON Lines and saves nothing."""

import io
import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from .support.extraction import small_newsroom

pytestmark = pytest.mark.django_db

STORY = (
    "AC Milan have made a €30m bid for Tottenham's Radu Dragusin, Kicker reports.\n\n"
    "Napoli are keen on Felix Baumann.\n"
)


def run(*args):
    out = io.StringIO()
    call_command("propose_claims", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def row_counts():
    return {model.__name__: model.objects.count() for model in apps.get_models()}


@pytest.fixture(autouse=True)
def newsroom():
    small_newsroom()


def test_each_line_is_one_claim_object(tmp_path):
    story = tmp_path / "story.md"
    story.write_text(STORY, encoding="utf-8")

    lines = run(str(story))

    assert [
        (line["player"], line["to_club"], line["claim_type"]) for line in lines
    ] == [
        ("Radu Drăgușin", "AC Milan", "bid"),
        ("Felix Baumann", "SSC Napoli", "interest"),
    ]
    assert lines[0]["amounts"][0]["amount"] == "30000000.00"


def test_a_dash_reads_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(STORY))

    lines = run("-")

    assert len(lines) == 2


def test_the_command_writes_nothing_to_the_database(tmp_path, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(STORY))
    before = row_counts()

    run("-")

    assert row_counts() == before


def test_a_file_that_cannot_be_read_is_named(tmp_path):
    missing = tmp_path / "missing.md"

    with pytest.raises(CommandError, match=r"Cannot read .*missing\.md: No such file"):
        run(str(missing))
