"""Shared fixtures, and the reliability battery's report lines.

Tests that implement a check of docs/reliability.md call
``reliability_report("R13 sanitiser: ...")``; the lines are printed together
at the end of the run so a CI log shows at a glance what held.
"""

import datetime as dt

import pytest
import time_machine

from .support.production import production  # noqa: F401 - production's security settings

_REPORT_LINES = []


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Keep uploads of every test in a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PENDING_PICTURES_DIR = tmp_path / "pending-pictures"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash test passwords with a fast hasher; production keeps PBKDF2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache: the database was rolled back
    without a signal, so pages cached by an earlier test would be stale."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def no_public_cache(settings):
    """Turn the public cache off, e.g. to count an uncached page's queries."""
    settings.PUBLIC_CACHE_SECONDS = 0


@pytest.fixture
def lapse_windows(db):
    """Make sure each kind has the lapse window migrations 0018 and 0020 seed.

    A test that runs outside a transaction empties every table when it ends,
    the migrations' seeded rows included; tests that run after one and need
    claims to lapse ask for the windows here.
    """
    import importlib

    from rumours.models import LapseWindow

    for migration in ("0018_lapse_defaults", "0020_new_kind_lapses"):
        seeded = importlib.import_module(f"rumours.migrations.{migration}")
        for claim_type, days in seeded.DAYS.items():
            LapseWindow.objects.get_or_create(
                claim_type=claim_type, defaults={"window": dt.timedelta(days=days)}
            )


# The day after the demo's seed story ran, while its rumours were news: they
# lapse weeks later (rumours/models/lapses.py), long before today.
SEED_WEEK = dt.datetime(2026, 1, 9, 12, tzinfo=dt.UTC)


@pytest.fixture
def demo(db):
    """Import the demo newsroom (the seed story and its clubs, players, sources)."""
    from rumours.demo.accounts import DEMO_FILE
    from rumours.services.interchange import import_newsroom, load_newsroom_file

    import_newsroom(load_newsroom_file(DEMO_FILE), base_dir=DEMO_FILE.parent)


@pytest.fixture
def in_the_seeds_week():
    """Run the test on the day after the seed story, its rumours still open."""
    with time_machine.travel(SEED_WEEK, tick=True):
        yield


@pytest.fixture
def reliability_report():
    """Return a callable that records one report line of the battery."""
    return _REPORT_LINES.append


def pytest_terminal_summary(terminalreporter):
    if not _REPORT_LINES:
        return
    terminalreporter.section("reliability battery (docs/reliability.md)")
    for line in sorted(_REPORT_LINES):
        terminalreporter.write_line(line)
