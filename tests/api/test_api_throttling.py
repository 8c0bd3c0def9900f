"""Per-key rate limits (#4, R16): a burst of 5× the limit.

The burst runs from several threads at once against the throttle's cache
(the shared Redis cache when REDIS_URL is set, local memory otherwise), so
the counting must be atomic, not read-modify-write. R16's report line comes
from tests/test_live_servers.py: gunicorn workers sharing Redis (#6).
"""

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test import Client
from rest_framework_api_key.models import APIKey

pytestmark = pytest.mark.django_db(transaction=True)

LIMIT = 10
URL = "/api/v1/competitions/"
# 10:20 UTC: the hourly window that began at 10:00 ends in 40 minutes.
TEN_TWENTY = dt.datetime(2026, 1, 8, 10, 20, tzinfo=dt.UTC)
WINDOW = int(TEN_TWENTY.timestamp() // 3600)


@pytest.fixture
def limited(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"partner": f"{LIMIT}/hour"},
    }
    cache.clear()
    yield
    cache.clear()


def get(key, url=URL):
    try:
        return Client().get(url, HTTP_AUTHORIZATION=f"Api-Key {key}")
    finally:
        # Each thread opens its own connection; leave none to block teardown.
        connection.close()


def test_a_threaded_burst_is_capped_per_key_with_retry_after(limited):
    _, key = APIKey.objects.create_key(name="Calcio Daily")
    _, other = APIKey.objects.create_key(name="Marca Partner")

    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(lambda _: get(key), range(5 * LIMIT)))
    second = get(other)

    admitted = sum(r.status_code == 200 for r in responses)
    throttled = [r for r in responses if r.status_code == 429]
    without_retry_after = [r for r in throttled if not r.has_header("Retry-After")]
    assert admitted <= LIMIT
    assert len(throttled) == 5 * LIMIT - admitted
    assert without_retry_after == []
    assert second.status_code == 200


def test_429_says_how_long_to_wait(limited):
    _, key = APIKey.objects.create_key(name="Calcio Daily")
    for _ in range(LIMIT):
        get(key)

    response = get(key)

    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert response.json()["detail"].startswith("Request was throttled.")


def test_requests_are_counted_per_key_and_window_in_the_shared_cache(limited):
    api_key, key = APIKey.objects.create_key(name="Calcio Daily")

    with time_machine.travel(TEN_TWENTY, tick=False):
        for _ in range(3):
            get(key)

        count = cache.get(f"api-throttle:{api_key.prefix}:{WINDOW}")

    assert count == 3


@pytest.mark.skipif(
    not isinstance(caches[DEFAULT_CACHE_ALIAS], RedisCache),
    reason="Counted in one round trip on Redis only (REDIS_URL)",
)
def test_a_window_counter_in_redis_expires_a_window_and_a_second_later(limited):
    api_key, key = APIKey.objects.create_key(name="Calcio Daily")
    redis_cache = caches[DEFAULT_CACHE_ALIAS]
    name = redis_cache.make_and_validate_key(f"api-throttle:{api_key.prefix}:{WINDOW}")

    with time_machine.travel(TEN_TWENTY, tick=False):
        get(key)

    ttl = redis_cache._cache.get_client(name).ttl(name)
    assert 3600 < ttl <= 3601


def rate_limit(response):
    return tuple(
        response.get(f"RateLimit-{name}") for name in ("Limit", "Remaining", "Reset")
    )


def test_every_keyed_answer_says_how_much_of_the_limit_is_left(limited):
    _, key = APIKey.objects.create_key(name="Calcio Daily")

    with time_machine.travel(TEN_TWENTY, tick=False):
        first, second = get(key), get(key)

    assert rate_limit(first) == ("10", "9", "2400")
    assert rate_limit(second) == ("10", "8", "2400")


def test_a_throttled_answer_has_nothing_left_until_the_window_resets(limited):
    _, key = APIKey.objects.create_key(name="Calcio Daily")

    with time_machine.travel(TEN_TWENTY, tick=False):
        responses = [get(key) for _ in range(LIMIT + 1)]

    assert responses[-1].status_code == 429
    assert rate_limit(responses[-1]) == ("10", "0", responses[-1]["Retry-After"])
