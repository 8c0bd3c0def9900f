"""Shared fixtures, and the reliability battery's report lines.

Tests that implement a check of ../shared/RELIABILITY.md call
``reliability_report("R13 sanitiser: ...")``; the lines are printed together
at the end of the run so a CI log shows at a glance what held.
"""

import pytest

_REPORT_LINES = []


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Keep uploads of every test in a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash test passwords with a fast hasher; production keeps PBKDF2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reliability_report():
    """Return a callable that records one report line of the battery."""
    return _REPORT_LINES.append


def pytest_terminal_summary(terminalreporter):
    if not _REPORT_LINES:
        return
    terminalreporter.section("reliability battery (../shared/RELIABILITY.md)")
    for line in sorted(_REPORT_LINES):
        terminalreporter.write_line(line)
