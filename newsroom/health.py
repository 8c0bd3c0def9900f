"""``/healthz``: can this app server reach its database and its cache? (#6)

The load balancer sends traffic only to servers that answer 200. The answer
is never cached, needs no login and is exempt from the HTTPS redirect, so a
health check over plain HTTP from inside the network works.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


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


CHECKS = {"database": check_database, "cache": check_cache}


@never_cache
@require_safe
def healthz(request):
    """Return 200 ``{"status": "ok"}``, or 503 naming each check that failed.

    The failure's class is shown, never its message (which may hold a host
    name or a password); the full error goes to the log.
    """
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # any failure at all means unhealthy
            logger.exception("healthz: the %s check failed", name)
            results[name] = f"failed: {type(error).__name__}"
        else:
            results[name] = "ok"
    failed = [name for name, result in results.items() if result != "ok"]
    body = {"status": "fail" if failed else "ok", "checks": results}
    if failed:
        body["failed"] = failed
    return JsonResponse(body, status=503 if failed else 200)
