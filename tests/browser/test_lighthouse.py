"""Lighthouse scores the pages a fan reads at a glance (#16): 100 in all four.

The squad view, the market board, the clubs index, a player page with its
likelihoods and the methodology page.

Lighthouse 12 (from the npm registry, pinned in package.json) drives Debian's
chromium against a real gunicorn server on production settings (the live
stack: fingerprinted, compressed static files, the public cache) with the
demo newsroom, as a phone on a throttled network (its default): performance,
accessibility, best practices and SEO must each score 100 (performance, a
timing, as the median of three runs when the first falls short on timings
alone). The message names every audit that fell short.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.request import urlopen

import pytest

from ..support.live_servers import BASE_DIR, module_stack
from .conftest import CHROMIUM_ARGS

pytestmark = pytest.mark.slow

LIGHTHOUSE = BASE_DIR / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = [
    "/clubs/tottenham-hotspur/squad/",
    "/market/",
    "/clubs/",
    "/players/radu-dragusin/",  # likelihoods (#15)
    "/methodology/",
]
# The demo's rumours lapsed months ago: moved to yesterday, so the squad view
# plays its what-if and the market board has its rows, as in the seed's week.
TO_YESTERDAY = """
import datetime as dt
from django.db.models import F
from django.utils import timezone
from rumours.models import Article, TransferClaim
newest = Article.objects.latest("published_at").published_at
shift = timezone.now() - newest - dt.timedelta(days=1)
Article.objects.update(published_at=F("published_at") + shift)
TransferClaim.objects.update(reported_at=F("reported_at") + shift)
"""

ATTEMPTS = 3
# The audits that time the page on this machine's main thread.
TIMING_AUDITS = {
    "first-contentful-paint",
    "largest-contentful-paint",
    "speed-index",
    "total-blocking-time",
    "max-potential-fid",
    "interactive",
}

stack = module_stack()


@pytest.fixture(scope="module")
def server(stack):
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.access(chromium, os.X_OK) or not LIGHTHOUSE.exists():
        pytest.skip("Lighthouse needs Debian's chromium and `npm ci` (make test)")
    stack.manage("import_newsroom", str(Path("rumours/demo/newsroom.json")))
    stack.python(TO_YESTERDAY)
    with stack.servers(1, workers=2) as [server]:
        with urlopen(server.url + "/market/") as response:
            assert "Need meets surplus" in response.read().decode()
        yield server, chromium


def lighthouse(url, chromium, folder):
    """Lighthouse's report on one page.

    Lighthouse's own tracing sometimes loses the page load on a busy machine
    ("NO_NAVSTART ... Please run Lighthouse again"): that is the tool failing,
    not the page, so such a run is tried again, up to ATTEMPTS times. A page
    that loads and scores short is never retried.
    """
    report = folder / "report.json"
    for attempt in range(1, ATTEMPTS + 1):
        run = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--output=json",
                f"--output-path={report}",
                "--quiet",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
            ],
            env={**os.environ, "CHROME_PATH": chromium},
            capture_output=True,
            text=True,
            timeout=180,
        )
        if run.returncode == 0:
            return json.loads(report.read_text())
        tool_failed = "Runtime error encountered" in run.stderr
        if not tool_failed or attempt == ATTEMPTS:
            pytest.fail(f"Lighthouse exited {run.returncode}:\n{run.stderr[-2000:]}")


def shortfalls(report):
    """Return "audit (score)" for every scored audit of ``report`` under 1."""
    return [
        f"{audit['id']} ({audit['score']})"
        for audit in report["audits"].values()
        if audit.get("scoreDisplayMode") in {"binary", "numeric"}
        and audit.get("score") is not None
        and audit["score"] < 1
    ]


def scored(url, chromium, folder):
    """Return the report whose scores count: the first, or a median of three.

    Accessibility, best practices and SEO do not vary from run to run, but
    the performance score of one run does: it times the main thread, which
    a busy machine slows. When the first run falls short on timings alone,
    the performance score is the median of three runs, as Lighthouse's
    guide on variability advises; any other shortfall counts at once.
    """
    report = lighthouse(url, chromium, folder)
    short = {entry.split(" ")[0] for entry in shortfalls(report)}
    if not short or not short <= TIMING_AUDITS:
        return report
    runs = [report] + [lighthouse(url, chromium, folder) for _ in range(2)]
    runs.sort(key=lambda run: run["categories"]["performance"]["score"])
    return runs[1]


@pytest.mark.parametrize("path", PAGES)
def test_lighthouse_scores_the_page_100_in_all_four_categories(server, path, tmp_path):
    live, chromium = server
    report = scored(live.url + path, chromium, tmp_path)

    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    short = shortfalls(report)
    assert scores == dict.fromkeys(CATEGORIES, 1), f"short of 100: {short}"
