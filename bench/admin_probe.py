"""Time the editors' admin pages on one newsroom, one request alone (#19).

Run by ``bench/run.py`` on the bulk newsroom with its server's environment::

    python bench/admin_probe.py   # prints JSON: {name: {path, queries, alone_ms}}

A superuser of its own signs in through ``force_login``; each page is asked
once to warm per-process caches, once with its queries counted and three
times timed (medians: ``alone_ms`` wall clock, ``cpu_ms`` this process's
CPU, ``sql_ms`` inside ``cursor.execute()``; SQLite reads rows as they are
fetched, so there it counts only part of a query's time).
Every registered ModelAdmin's changelist is timed plain, filtered by its first
list filter's first choice and searched (when it has search fields), with one
change page each; a story's history page and the dashboard besides.

``python bench/admin_probe.py stories "claim change page"`` times only the
pages named.
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

from django.contrib import admin  # noqa: E402
from django.contrib.admin.templatetags.admin_urls import admin_urlname  # noqa: E402
from django.contrib.admin.views.main import SEARCH_VAR  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from rumours.models import Article, Club, TransferClaim  # noqa: E402

PROBE_USER = "bench-admin-probe"
# The first pages keep the names the earlier probe gave them.
PAGE_NAMES = {Article: "stories", TransferClaim: "claims"}


def admin_paths(user):
    """Return {name: path} of the admin pages timed."""
    club = Club.objects.order_by("pk").first()
    term = club.name.split()[0]
    paths = {}
    for model, model_admin in admin.site._registry.items():
        name = PAGE_NAMES.get(model, str(model._meta.verbose_name_plural))
        changelist = reverse(admin_urlname(model._meta, "changelist"))
        paths[name] = changelist
        query = first_filter_query(model_admin, changelist, user)
        if query:
            paths[f"{name} filtered"] = f"{changelist}{query}"
        if model_admin.get_search_fields(None):
            word = term if model in PAGE_NAMES else search_word(model)
            paths[f"{name} searched"] = f"{changelist}?{SEARCH_VAR}={word}"
        obj = object_to_change(model)
        if obj is not None:
            single = str(model._meta.verbose_name)
            if model in PAGE_NAMES:
                single = PAGE_NAMES[model].removesuffix("s").replace("storie", "story")
            paths[f"{single} change page"] = reverse(
                admin_urlname(model._meta, "change"), args=[obj.pk]
            )
    story = object_to_change(Article)
    paths["story history page"] = reverse(
        admin_urlname(Article._meta, "history"), args=[story.pk]
    )
    paths["dashboard"] = "/admin/"
    return paths


def first_filter_query(model_admin, changelist, user):
    """Return the query string of the first choice of the first list filter."""
    if not model_admin.get_list_filter(None):
        return ""
    request = RequestFactory().get(changelist)
    request.user = user
    cl = model_admin.get_changelist_instance(request)
    if not cl.filter_specs:
        return ""
    spec = cl.filter_specs[0]
    for choice in spec.choices(cl):
        if not choice.get("selected") and choice["query_string"] != "?":
            return choice["query_string"]
    return ""


def search_word(model):
    """Return a word of the newest row's name, for its changelist's search."""
    obj = model._default_manager.order_by("-pk").first()
    words = [w for w in str(obj or "").split() if len(w) >= 3 and w.isalnum()]
    return words[0] if words else "a"


def object_to_change(model):
    """Return the row whose change page shows the most: the biggest story."""
    if model is Article:
        return (
            Article.objects.filter(claims__isnull=False)
            .annotate(n=Count("claims"))
            .order_by("-n", "-pk")
            .first()
        )
    if model is TransferClaim:
        with_amounts = TransferClaim.objects.filter(amounts__isnull=False)
        return with_amounts.order_by("-pk").first() or model.objects.last()
    if model is Club:
        return Club.objects.annotate(n=Count("squad_notes")).order_by("-n").first()
    return model._default_manager.order_by("-pk").first()


def time_pages(paths):
    user = probe_user()
    client = Client(headers={"x-forwarded-proto": "https"}, HTTP_HOST="127.0.0.1")
    client.force_login(user)
    results = {}
    for name, path in paths.items():
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        query_count = len(queries)
        timings, cpu, sql = [], [], []
        for _ in range(3):
            spent = []
            with connection.execute_wrapper(timed_query(spent)):
                started, cpu_started = time.perf_counter(), time.process_time()
                client.get(path)
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
            sql.append(sum(spent) * 1000)
        results[name] = {
            "path": path,
            "status": response.status_code,
            "queries": query_count,
            "alone_ms": round(statistics.median(timings), 1),
            "cpu_ms": round(statistics.median(cpu), 1),
            "sql_ms": round(statistics.median(sql), 1),
        }
    return results


def timed_query(spent):
    def wrapper(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent.append(time.perf_counter() - started)

    return wrapper


def probe_user():
    user, _ = get_user_model().objects.get_or_create(
        username=PROBE_USER, defaults={"is_staff": True, "is_superuser": True}
    )
    return user


if __name__ == "__main__":
    every = admin_paths(probe_user())
    wanted = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    chosen = {k: v for k, v in every.items() if not wanted or k in wanted}
    print(json.dumps(time_pages(chosen)))  # noqa: T201
