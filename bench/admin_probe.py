"""Time the editors' admin pages on one newsroom, one request alone (#19).

Run by ``bench/run.py`` on the bulk newsroom with its server's environment::

    python bench/admin_probe.py   # prints JSON: {name: {path, queries, alone_ms}}

A superuser of its own signs in through ``force_login``; each page is asked
once to warm per-process caches, once with its queries counted and three
times timed (the median is ``alone_ms``): the story and claim changelists
plain, filtered and searched, a story's change page and the dashboard.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from rumours.models import Article, Club  # noqa: E402

PROBE_USER = "bench-admin-probe"


def admin_paths():
    """Return {name: path} of the admin pages timed."""
    story = Article.objects.filter(claims__isnull=False).order_by("-pk").first()
    club = Club.objects.order_by("pk").first()
    term = club.name.split()[0]
    return {
        "stories": "/admin/rumours/article/",
        "stories filtered": f"/admin/rumours/article/?clubs__id__exact={club.pk}",
        "stories searched": f"/admin/rumours/article/?q={term}",
        "claims": "/admin/rumours/transferclaim/",
        "claims filtered": "/admin/rumours/transferclaim/?claim_type__exact=bid",
        "claims searched": f"/admin/rumours/transferclaim/?q={term}",
        "story change page": f"/admin/rumours/article/{story.pk}/change/",
        "dashboard": "/admin/",
    }


def time_pages(paths):
    user, _ = get_user_model().objects.get_or_create(
        username=PROBE_USER, defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(headers={"x-forwarded-proto": "https"}, HTTP_HOST="127.0.0.1")
    client.force_login(user)
    results = {}
    for name, path in paths.items():
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        query_count = len(queries)
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        results[name] = {
            "path": path,
            "status": response.status_code,
            "queries": query_count,
            "alone_ms": round(statistics.median(timings), 1),
        }
    return results


if __name__ == "__main__":
    print(json.dumps(time_pages(admin_paths())))  # noqa: T201
