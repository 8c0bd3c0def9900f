"""Partner answers from the public cache before the stack runs (#19).

``PartnerCacheMiddleware`` answers a keyed GET whose body is kept, once the
key is checked and the request counted: the answer must be the one the view
would give, headers included, and every key check and count must hold.
"""

import datetime as dt

import pytest
import time_machine
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from redis.connection import AbstractConnection
from rest_framework_api_key.models import APIKey

from rumours.api.auth import MESSAGE_REVOKED
from rumours.cache import public as public_cache

from ..factories import ArticleFactory

pytestmark = pytest.mark.django_db

HIT = public_cache.HIT_HEADER
URL = "/api/v1/articles/"
TEN_TWENTY = dt.datetime(2026, 1, 8, 10, 20, tzinfo=dt.UTC)
WINDOW = int(TEN_TWENTY.timestamp() // 3600)


@pytest.fixture
def limited(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"partner": "3/hour"},
    }


@pytest.fixture
def key():
    ArticleFactory()
    return APIKey.objects.create_key(name="Calcio Daily")[1]


def test_an_early_answer_carries_the_headers_of_a_rendered_one(client, key):
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
    # Frozen: RateLimit-Reset counts whole seconds to the window's end.
    with time_machine.travel(TEN_TWENTY, tick=False):
        rendered = client.get(URL, **headers)

        early = client.get(URL, **headers)

    assert early[HIT] == "hit"
    assert early.content == rendered.content
    names = set(rendered.headers) - {HIT, "RateLimit-Remaining"}
    assert {name: early[name] for name in names} == {
        name: rendered[name] for name in names
    }


def test_an_early_answer_runs_no_query(client, key, django_assert_num_queries):
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
    client.get(URL, **headers)

    with django_assert_num_queries(0):
        response = client.get(URL, **headers)

    assert response[HIT] == "hit"


def test_each_early_answer_is_counted_once(client, key, limited):
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}

    with time_machine.travel(TEN_TWENTY, tick=False):
        responses = [client.get(URL, **headers) for _ in range(4)]
        counted = cache.get(f"api-throttle:{key.partition('.')[0]}:{WINDOW}")

    assert [r[HIT] for r in responses[:3]] == ["miss", "hit", "hit"]
    assert [r["RateLimit-Remaining"] for r in responses] == ["2", "1", "0", "0"]
    assert responses[3].status_code == 429
    assert counted == 4


def test_a_wrong_secret_never_spends_the_partners_allowance(client, key, limited):
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
    prefix = key.partition(".")[0]

    with time_machine.travel(TEN_TWENTY, tick=False):
        client.get(URL, **headers)  # kept, and the key found valid
        client.get(URL, **headers)
        for _ in range(3):
            client.get(URL, HTTP_AUTHORIZATION=f"Api-Key {prefix}.wrong")
        third = client.get(URL, **headers)

    assert third.status_code == 200
    assert third["RateLimit-Remaining"] == "0"


@pytest.mark.skipif(
    not isinstance(caches[DEFAULT_CACHE_ALIAS], RedisCache),
    reason="Round trips to Redis (REDIS_URL)",
)
def test_an_early_answer_to_a_known_key_takes_one_round_trip(client, key, monkeypatch):
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
    sent = []
    send = AbstractConnection.send_packed_command

    def counted_send(connection, *args, **kwargs):
        sent.append(args[0])
        return send(connection, *args, **kwargs)

    with time_machine.travel(TEN_TWENTY, tick=False):
        client.get(URL, **headers)
        client.get(URL, **headers)  # the key found valid
        monkeypatch.setattr(AbstractConnection, "send_packed_command", counted_send)
        response = client.get(URL, **headers)

    assert response[HIT] == "hit"
    assert response["RateLimit-Remaining"] == "597"
    assert len(sent) == 1


@pytest.mark.skipif(
    not isinstance(caches[DEFAULT_CACHE_ALIAS], RedisCache),
    reason="Redis's scripts (REDIS_URL)",
)
def test_a_known_key_is_counted_after_redis_forgot_the_script(client, key):
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}

    with time_machine.travel(TEN_TWENTY, tick=False):
        client.get(URL, **headers)
        client.get(URL, **headers)  # the key found valid
        cache._cache.get_client(None, write=True).script_flush()  # as on a restart
        response = client.get(URL, **headers)

    assert response[HIT] == "hit"
    assert response["RateLimit-Remaining"] == "597"


def test_a_key_revoked_while_its_row_is_cached_is_refused(
    client, key, django_capture_on_commit_callbacks
):
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
    client.get(URL, **headers)
    api_key = APIKey.objects.get_from_key(key)
    with django_capture_on_commit_callbacks(execute=True):
        api_key.revoked = True
        api_key.save()  # the revoked row is now the cached one

    response = client.get(URL, **headers)

    assert response.status_code == 403
    assert response.json() == {"detail": MESSAGE_REVOKED}


def test_a_wrong_secret_for_a_cached_key_is_refused(client, key):
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
    client.get(URL, **headers)
    prefix = key.partition(".")[0]

    response = client.get(URL, HTTP_AUTHORIZATION=f"Api-Key {prefix}.wrong")

    assert response.status_code == 401
    assert cache.get(f"api-key:{prefix}") is not None  # the row was there


def test_a_request_accepting_no_json_is_left_to_the_view(client, key):
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
    client.get(URL, **headers)

    response = client.get(URL, HTTP_ACCEPT="text/html", **headers)

    assert response.status_code == 406
