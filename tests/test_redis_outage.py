"""Redis is an accelerator, never a reason to fail (#18, R28).

The shared cache is ``newsroom.cache.FailOpenRedisCache`` talking to the
machine's real Redis through a ``TcpGate``, which takes it away (refused
connections, or a frozen server that never answers) and brings it back
without touching the Redis the rest of the suite uses.
"""

import logging
import os
import socket
from urllib.parse import urlsplit

import pytest
from django.core.cache import caches
from django.test import override_settings

from newsroom.cache import FailOpenRedisCache, shared_cache_recovered
from rumours.cache.public import GENERATION_KEY

from .factories import ArticleFactory, UserFactory
from .support.tcp_gate import TcpGate

REDIS = urlsplit(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0")


def redis_is_running():
    try:
        socket.create_connection((REDIS.hostname, REDIS.port or 6379), 0.5).close()
    except OSError:
        return False
    return True


needs_redis = pytest.mark.skipif(
    not redis_is_running(), reason=f"no Redis at {REDIS.hostname}:{REDIS.port}"
)


@pytest.fixture
def gate():
    gate = TcpGate((REDIS.hostname, REDIS.port or 6379))
    yield gate
    gate.close()


def shared_cache(gate, **options):
    return FailOpenRedisCache(
        gate.url,
        {
            "KEY_PREFIX": f"outage-{gate.port}",
            "OPTIONS": {"RETRY_AFTER": 60, **options},
        },
    )


@pytest.fixture
def dead_redis_settings(settings):
    """Point the site's cache at a port nothing answers on, as a dead Redis."""
    dead = TcpGate()  # refuses every connection
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.FailOpenRedisCache",
            "LOCATION": dead.url,
            "OPTIONS": {"RETRY_AFTER": 60},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    assert isinstance(caches["default"], FailOpenRedisCache)
    yield dead
    dead.close()


def test_a_refused_connection_reads_as_a_miss():
    dead = TcpGate()
    cache = shared_cache(dead)

    assert cache.get("page", "missing") == "missing"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("a", 1) is False
    cache.set("a", 1)
    cache.delete("a")
    dead.close()


def test_incr_of_an_unreachable_counter_says_the_key_is_missing():
    dead = TcpGate()
    cache = shared_cache(dead)

    with pytest.raises(ValueError, match="not found"):
        cache.incr(GENERATION_KEY)
    dead.close()


@needs_redis
def test_a_dead_redis_costs_one_attempt_an_interval_not_one_a_call(gate):
    cache = shared_cache(gate)
    cache.set("page", "cached")
    gate.refuse()
    cache.get("page")  # notices the outage
    attempts = gate.connections

    for _ in range(20):
        assert cache.get("page") is None

    assert gate.connections == attempts


@needs_redis
def test_a_dead_redis_costs_one_read_of_many_keys_an_interval(gate):
    cache = shared_cache(gate)
    cache.set("page", "cached")
    gate.refuse()
    cache.get_many(["page", "other"])  # notices the outage
    attempts = gate.connections

    for _ in range(20):
        assert cache.get_many(["page", "other"]) == {}

    assert gate.connections == attempts
    assert cache.is_reachable is False


@needs_redis
def test_a_frozen_redis_is_given_up_on_after_the_socket_timeout(gate):
    cache = shared_cache(gate, socket_timeout=0.2)
    cache.set("page", "cached")
    gate.freeze()

    assert cache.get("page", "missing") == "missing"
    assert cache.is_reachable is False


@needs_redis
def test_the_cache_comes_back_when_redis_does(gate):
    cache = shared_cache(gate, RETRY_AFTER=0)
    cache.set("page", "cached", 30)
    gate.refuse()
    assert cache.get("page") is None

    gate.open()

    assert cache.get("page") == "cached"
    assert cache.is_reachable is True


@needs_redis
def test_many_keys_come_back_when_redis_does(gate):
    cache = shared_cache(gate, RETRY_AFTER=0)
    cache.set_many({"a": 1, "b": 2}, 30)
    gate.refuse()
    assert cache.get_many(["a", "b"]) == {}

    gate.open()

    assert cache.get_many(["a", "b"]) == {"a": 1, "b": 2}


@needs_redis
def test_a_kept_connection_redis_dropped_is_made_again_without_an_outage(gate):
    cache = shared_cache(gate)
    cache.set_many({"a": 1, "b": 2}, 30)
    assert cache.get_many(["a", "b"]) == {"a": 1, "b": 2}  # a connection kept
    gate.refuse()  # closes every connection, as a restart of Redis would
    gate.open()

    found = cache.get_many(["a", "b"])

    assert found == {"a": 1, "b": 2}
    assert cache.is_reachable is True


@needs_redis
def test_a_forked_worker_talks_to_redis_on_its_own_connection(gate):
    cache = shared_cache(gate)
    cache.set("a", 1, 30)
    assert cache.get_many(["a"]) == {"a": 1}  # the parent's connection, kept
    made = gate.connections

    child = os.fork()
    if child == 0:  # as gunicorn forks its workers
        os._exit(0 if cache.get_many(["a"]) == {"a": 1} else 1)
    _, status = os.waitpid(child, 0)

    assert os.waitstatus_to_exitcode(status) == 0
    assert gate.connections == made + 1
    assert cache.get_many(["a"]) == {"a": 1}


@needs_redis
def test_the_log_says_once_that_redis_is_down_and_once_that_it_is_back(gate, caplog):
    cache = shared_cache(gate, RETRY_AFTER=0)
    caplog.set_level(logging.WARNING, logger="newsroom.cache")
    gate.refuse()
    for _ in range(5):
        cache.get("page")
        cache.get_many(["page", "other"])
    gate.open()
    for _ in range(5):
        cache.get("page")
        cache.get_many(["page", "other"])

    messages = [record.getMessage() for record in caplog.records]
    assert [m.split(" ", 3)[:3] for m in messages] == [
        ["Redis", "is", "unreachable"],
        ["Redis", "answers", "again"],
    ]


@needs_redis
def test_redis_coming_back_starts_a_new_public_cache_generation(gate):
    cache = shared_cache(gate, RETRY_AFTER=0)
    heard = []

    def listener(sender, **kwargs):
        heard.append(sender)

    shared_cache_recovered.connect(listener)
    try:
        gate.refuse()
        cache.get("page")
        gate.open()
        cache.get("page")
    finally:
        shared_cache_recovered.disconnect(listener)

    assert heard == [FailOpenRedisCache]


@pytest.mark.django_db
def test_reader_pages_answer_while_redis_is_dead(client, dead_redis_settings):
    article = ArticleFactory()

    assert client.get("/").status_code == 200
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get("/feeds/latest.atom").status_code in (200, 404)


@pytest.mark.django_db
def test_an_editor_logs_in_and_saves_while_redis_is_dead(client, dead_redis_settings):
    UserFactory(username="eva", password="correct horse", staff=True, superuser=True)

    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "eva", "password": "correct horse"},
    )

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_partner_api_answers_while_redis_is_dead(dead_redis_settings):
    from rest_framework.test import APIClient
    from rest_framework_api_key.models import APIKey

    _, key = APIKey.objects.create_key(name="Outage partner")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")

    assert api.get("/api/v1/claims/").status_code == 200


@pytest.mark.django_db
def test_the_partner_limit_holds_per_process_while_redis_is_dead(dead_redis_settings):
    from rest_framework.settings import api_settings
    from rest_framework.test import APIClient
    from rest_framework_api_key.models import APIKey

    _, key = APIKey.objects.create_key(name="Greedy partner")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "partner": "3/minute"}
    with override_settings(
        REST_FRAMEWORK={
            **api_settings.user_settings,
            "DEFAULT_THROTTLE_RATES": rates,
        }
    ):
        api_settings.reload()
        try:
            statuses = [api.get("/api/v1/competitions/").status_code for _ in range(4)]
        finally:
            api_settings.reload()

    assert statuses == [200, 200, 200, 429]
