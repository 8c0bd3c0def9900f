"""Health a load balancer can use (#6, #18).

- ``/healthz/live``: the process answers. Nothing else is asked, so a
  database or Redis outage never gets a server restarted.
- ``/healthz/ready`` (also ``/healthz``): send this server traffic? 200 when
  the database answers; the shared cache is reported but never fails
  readiness (Redis is an accelerator: every server would fail at once and
  the balancer would pull the whole fleet); 503 while the server drains.

Draining starts on SIGTERM (``newsroom/gunicorn.conf.py``): ``ready``
answers 503 while the worker keeps serving for ``DRAIN_SECONDS``, so the
balancer stops sending traffic before the worker stops accepting it.

The answers are never cached, need no login and are exempt from the HTTPS
redirect, so a check over plain HTTP from inside the network works. A
failure's class is shown, never its message (which may hold a host name or
a password); the full error goes to the log.
"""

import logging
import threading
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

# Set in this process when it starts draining (``start_draining``).
draining = threading.Event()


def start_draining():
    draining.set()


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        if cache.get(key) != "ok":
            raise RuntimeError("the cache did not return what was written")
    finally:
        cache.delete(key)


def run_check(name, check):
    try:
        check()
    except Exception as error:  # any failure at all is reported, not raised
        logger.warning("healthz: the %s check failed: %r", name, error)
        return f"failed: {type(error).__name__}"
    return "ok"


@never_cache
@require_safe
def live(request):
    """Return 200: the process answers requests."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def ready(request):
    """Return 200 when the database answers, 503 naming why not.

    ``{"status": "ok", "checks": {"database": "ok", "cache": "ok"}}``; the
    cache's result is information, its failure still answers 200.
    """
    checks = {"database": run_check("database", check_database)}
    checks["cache"] = run_check("cache", check_cache)
    failed = [] if checks["database"] == "ok" else ["database"]
    status = "draining" if draining.is_set() else "fail" if failed else "ok"
    body = {"status": status, "checks": checks}
    if failed:
        body["failed"] = failed
    return JsonResponse(body, status=200 if status == "ok" else 503)
