"""Real-browser fixtures (#3): pytest-playwright driving Debian's chromium.

`make test` installs chromium with apt and axe-core with npm where it can
(see the Makefile); where either is still missing, every browser test skips
with the reason, which pytest's ``-ra`` summary prints.
"""

import os
import shutil
import threading
from pathlib import Path

import pytest

from rumours.demo.accounts import DEMO_FILE
from rumours.services.interchange import import_newsroom, load_newsroom_file

# The sync Playwright API keeps an event loop in the main thread, so Django
# would refuse ORM calls there (SynchronousOnlyOperation) without this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"

# Debian's chromium, never a downloaded browser.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    """Mark every test in this folder ``browser``, which ``-m "not browser"`` skips."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in item.path.resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.access(chromium, os.X_OK):
        pytest.skip(
            "browser tests need Debian's chromium: `make test` installs it with "
            "apt-get when run as root (or run: apt-get install chromium)"
        )
    return {
        **browser_type_launch_args,
        "executable_path": chromium,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe-core is injected as an inline <script>: let it past any CSP.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture(scope="session")
def axe_script():
    """Return the path of axe-core, installed from the npm registry."""
    if not AXE_SCRIPT.is_file():
        pytest.skip(
            f"browser tests need axe-core at {AXE_SCRIPT}: `make test` installs "
            "it with `npm ci` (needs npm)"
        )
    return AXE_SCRIPT


class OneRequestAtATime:
    """Run the live server's requests one after another.

    On SQLite the test database lives in memory, so the server's threads all
    share the test's one connection. A browser sends requests side by side (a
    form post while an autocomplete lookup is still answering), and two
    requests on one connection release each other's savepoints: "no such
    savepoint", then a broken transaction and a 500 that no user would see.
    """

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            response = self.app(environ, start_response)
            try:
                return list(response)
            finally:
                if hasattr(response, "close"):
                    response.close()


@pytest.fixture(scope="session")
def base_url(live_server):
    # Pages open relative to the live server: page.goto("/stories/...").
    # Overriding the fixture also keeps pytest-playwright's own fallback, a
    # session fixture on an instance that pytest 9 warns about, from running.
    server = live_server.thread.httpd
    server.set_app(OneRequestAtATime(server.get_app()))
    return live_server.url


@pytest.fixture
def demo_newsroom(transactional_db):
    """Import the demo newsroom, committed, so the live server's thread sees it.

    ``transactional_db`` empties the tables after each test; hero images and
    renditions go to the test's temporary MEDIA_ROOT (tests/conftest.py), which
    the live server serves from there.
    """
    import_newsroom(load_newsroom_file(DEMO_FILE), base_dir=DEMO_FILE.parent)
