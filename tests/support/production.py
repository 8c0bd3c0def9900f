"""The production settings, read from newsroom/settings.py itself (#6).

The test process runs with development settings; these helpers evaluate the
settings module again under ``DJANGO_ENV=production`` so the header and
cookie tests check what production really sets, not a copy of it.
"""

import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
SETTINGS_FILE = BASE_DIR / "newsroom" / "settings.py"

# What production needs set, with the test client's host allowed.
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "testserver,news.example.com",
}

# The settings that decide headers and cookies; the rest (database, cache,
# static storage) stay as the test run has them.
SECURITY_PREFIXES = (
    "SECURE_",
    "SESSION_COOKIE_",
    "CSRF_COOKIE_",
    "CONTENT_SECURITY_POLICY",
    "X_FRAME_OPTIONS",
)


def production_settings(**extra_env):
    """Return the upper-case names newsroom/settings.py defines in production."""
    environment = {**PRODUCTION_ENV, **extra_env}
    saved = dict(os.environ)
    os.environ.update(environment)
    try:
        namespace = runpy.run_path(str(SETTINGS_FILE))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return {name: value for name, value in namespace.items() if name.isupper()}


@pytest.fixture
def production(settings):
    """Apply production's security settings (headers, cookies, CSP) to the test."""
    values = production_settings()
    for name, value in values.items():
        if name.startswith(SECURITY_PREFIXES):
            setattr(settings, name, value)
    return values


# Set for the test process only (the browser tests' conftest sets it), never
# for a deployment: check --deploy rightly refuses it.
TEST_ONLY_ENV = ("DJANGO_ALLOW_ASYNC_UNSAFE",)


def manage(*args, env=None, timeout=120):
    """Run ``manage.py`` in a subprocess with ``env`` on top of this one's."""
    inherited = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_ENV}
    return subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        env={**inherited, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=BASE_DIR,
    )
