"""Pick the benchmark's URLs in one newsroom and count each one's SQL queries.

Run by ``bench/run.py`` with the environment of the server it benchmarks
(``DATABASE_URL`` and the production settings), and the public cache off, so
the counts are what an uncached request costs::

    python bench/probe.py API_KEY   # prints JSON: {name: {path, queries, status}}

Each URL is requested through Django's test ``Client`` in this process: once
to fill per-process caches (content types), once with its queries counted,
and three times timed (the median is ``alone_ms``), apart from any load.
"""

import datetime as dt
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

from django.contrib.staticfiles.storage import staticfiles_storage  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Max, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from rumours.models import Article, Club, Player, Source, TransferClaim  # noqa: E402

API_PAGES = {"api_claims", "api_article"}
STORY_CLAIMS = 5


def pick_paths():
    """Return {name: path} of the pages the benchmark loads."""
    claims = TransferClaim.objects.public()
    # The newest story with STORY_CLAIMS claims, as readers find it near the
    # top of the home page (the same amount on every newsroom: the newest
    # of all held 9 claims on the bulk newsroom and 5 on the small one), and
    # the median player among those with public claims: typical pages.
    stories = Article.objects.published().annotate(claim_count=Count("claims"))
    story = (
        stories.filter(claim_count=STORY_CLAIMS).first()
        or stories.filter(claim_count__gt=0).first()
    )
    players = (
        Player.objects.annotate(
            claim_count=Count("claims", filter=Q(claims__in=claims.values("pk")))
        )
        .filter(claim_count__gt=0)
        .order_by("claim_count", "id")
    )
    player = players[players.count() // 2]
    club = (
        Club.objects.annotate(squad=Count("players")).order_by("-squad", "id").first()
    )
    # The source with the most public claims: the most records to group.
    source = (
        Source.objects.annotate(
            claim_count=Count("claims", filter=Q(claims__in=claims.values("pk")))
        )
        .order_by("-claim_count", "id")
        .first()
    )
    latest = claims.filter(to_club__isnull=False).order_by("-reported_at").first()
    term = latest.to_club.short_name.split()[0]
    newest = claims.aggregate(newest=Max("updated_at"))["newest"]
    since = (newest - dt.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "home": reverse("rumours:home"),
        "story": story.get_absolute_url(),
        "player": player.get_absolute_url(),
        "squad": club.get_squad_url(),
        "market": reverse("rumours:market"),
        "source": source.get_absolute_url(),
        "methodology": reverse("rumours:methodology"),
        "search": f"{reverse('rumours:search')}?q={term}",
        "feed": reverse("rumours:feed-latest-atom"),
        "api_claims": f"/api/v1/claims/?club={club.slug}&updated_since={since}",
        "api_article": f"/api/v1/articles/{story.slug}/",
        "static": staticfiles_storage.url("css/site.css"),
    }


def count_queries(paths, api_key):
    """Return {name: {path, queries, status}} for ``paths``."""
    # As the load balancer would: HTTPS is terminated in front of the app.
    client = Client(headers={"x-forwarded-proto": "https"}, HTTP_HOST="127.0.0.1")
    results = {}
    for name, path in paths.items():
        headers = {"authorization": f"Api-Key {api_key}"} if name in API_PAGES else {}
        client.get(path, headers=headers)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, headers=headers)
        # Read now: the next request's request_started signal empties the log.
        query_count = len(queries)
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            client.get(path, headers=headers)
            timings.append((time.perf_counter() - started) * 1000)
        results[name] = {
            "path": path,
            "queries": query_count,
            "status": response.status_code,
            # One request alone, no load: the page's own cost.
            "alone_ms": round(statistics.median(timings), 1),
        }
    return results


if __name__ == "__main__":
    print(json.dumps(count_queries(pick_paths(), sys.argv[1])))  # noqa: T201
