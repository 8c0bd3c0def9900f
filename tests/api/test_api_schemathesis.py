"""schemathesis against the served schema on the demo newsroom (#4, R18).

Runs the ``st`` command line against ``live_server`` with a valid key, a
fixed seed and every check, positive data acceptance included (#17): the
schema states every constraint the server checks (slugs, at least one
character, the shapes of ``cursor`` and ``since``), and a well-formed value
naming nothing (a slug, a cursor the API did not give out) is a 404, as an
unknown detail URL is, never a 400 the schema did not announce.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rest_framework_api_key.models import APIKey

from rumours.demo.accounts import DEMO_FILE
from rumours.services.interchange import import_newsroom, load_newsroom_file

pytestmark = pytest.mark.django_db(transaction=True)

SEED = 1
MAX_EXAMPLES = 15


@pytest.fixture
def unthrottled(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"partner": "1000000/minute"},
    }


@pytest.mark.slow
def test_r18_schemathesis_finds_no_failures(
    live_server, unthrottled, tmp_path, reliability_report
):
    import_newsroom(load_newsroom_file(DEMO_FILE), base_dir=DEMO_FILE.parent)
    _, key = APIKey.objects.create_key(name="schemathesis")
    st = Path(sys.executable).with_name("st")

    run = subprocess.run(
        [
            str(st),
            "run",
            f"{live_server.url}/api/v1/schema/",
            "--checks",
            "all",
            "--header",
            f"Authorization: Api-Key {key}",
            "--seed",
            str(SEED),
            "--max-examples",
            str(MAX_EXAMPLES),
            "--workers",
            "1",
            "--report",
            "json",
            "--report-dir",
            str(tmp_path / "report"),
        ],
        cwd=tmp_path,  # st keeps a .schemathesis/ folder in its working directory
        capture_output=True,
        text=True,
        timeout=540,
        check=False,
    )

    [report_file] = (tmp_path / "report").glob("*.json")
    report = json.loads(report_file.read_text())
    failures = sum(failure["count"] for failure in report["failures"])
    reliability_report(
        f"R18 schemathesis: {report['operations']['tested']} operations, "
        f"{report['test_cases']['generated']} cases, {failures} failures, "
        f"{len(report['errors'])} errors (seed {SEED}; every check)"
    )
    assert run.returncode == 0, run.stdout[-12000:]
    assert report["operations"]["tested"] == report["operations"]["total"] == 16
