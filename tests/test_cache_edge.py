"""The edge of the public cache (#19): fresh hits answered before Django runs.

``newsroom.wsgi.application`` is ``EdgeCache`` in front of Django's
handler. A hit it answers must be the one Django would send, byte for byte;
everything it cannot prove fresh and allowed goes to Django, with the same
rules as the middleware: sessions, saves, keys, the throttle, Redis down.
These tests call the WSGI applications directly, on a real Redis.
"""

import datetime as dt
import io
import os
import sys

import pytest
import time_machine
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from rest_framework_api_key.models import APIKey

from rumours.api.caching import partner_hit
from rumours.cache import middleware as page_middleware
from rumours.cache import public as public_cache
from rumours.cache.edge import EdgeCache, page_hit

from .factories import ArticleFactory, TransferClaimFactory
from .support.tcp_gate import TcpGate
from .test_redis_outage import needs_redis

# A database of the machine's Redis that only these tests use.
REDIS_URL = os.environ.get("EDGE_TEST_REDIS_URL", "redis://127.0.0.1:6379/12")
HIT = public_cache.HIT_HEADER
API_LIST = "/api/v1/articles/"
TEN_TWENTY = dt.datetime(2026, 1, 8, 10, 20, tzinfo=dt.UTC)


pytestmark = [pytest.mark.django_db, needs_redis]


def redis_cache(location):
    return {
        "default": {
            "BACKEND": "newsroom.cache.FailOpenRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"edge-test-{os.getpid()}",
        }
    }


@pytest.fixture(autouse=True)
def shared_cache(settings):
    settings.CACHES = redis_cache(REDIS_URL)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Django's handler closes a connection inside a transaction, as the test
    client knows: keep the test's."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


class CountingApplication:
    """Django's WSGI handler, counting the requests the edge passed on."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


@pytest.fixture
def django_app():
    return CountingApplication()


@pytest.fixture
def edge(django_app):
    return EdgeCache(django_app, doors=[partner_hit, page_hit])


def environ(path, method="GET", **headers):
    path, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **headers,
    }


def serve(application, path, method="GET", **headers):
    """Return ``(status, headers, body)`` of ``application`` for a request."""
    started = []
    result = application(
        environ(path, method, **headers),
        lambda status, headers, exc_info=None: started.append((status, headers)),
    )
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    status, response_headers = started[0]
    return status, list(response_headers), body


def header(headers, name):
    return dict(headers).get(name)


def test_a_page_hit_is_what_django_sends_byte_for_byte(edge, django_app):
    story = ArticleFactory().get_absolute_url()
    serve(django_app, story)  # kept

    from_django = serve(django_app, story)
    calls = django_app.calls
    from_edge = serve(edge, story)

    assert header(from_django[1], HIT) == "hit"
    assert from_edge == from_django
    assert django_app.calls == calls  # Django never ran


def test_a_list_page_hit_is_answered_by_the_edge(edge, django_app):
    ArticleFactory(headline="Milan move for Dragusin")
    serve(django_app, "/")
    calls = django_app.calls

    status, headers, body = serve(edge, "/")

    assert (status, header(headers, HIT)) == ("200 OK", "hit")
    assert b"Milan move for Dragusin" in body
    assert django_app.calls == calls


def test_a_save_shows_on_the_next_request_through_the_edge(edge):
    claim = TransferClaimFactory(quote="Milan have asked.")
    story = claim.article.get_absolute_url()
    serve(edge, story)
    serve(edge, story)

    claim.quote = "Milan have bid."
    claim.save()
    status, headers, body = serve(edge, story)

    assert header(headers, HIT) == "miss"
    assert b"Milan have bid." in body


def test_a_scheduled_story_appears_on_the_home_page_on_time(edge):
    ArticleFactory(headline="Already out")
    due = ArticleFactory(scheduled=True, headline="Due tomorrow")
    serve(edge, "/")
    assert b"Due tomorrow" not in serve(edge, "/")[2]

    with time_machine.travel(due.published_at + dt.timedelta(seconds=1)):
        status, headers, body = serve(edge, "/")

    assert b"Due tomorrow" in body


def test_a_request_with_a_session_cookie_goes_to_django(edge, django_app):
    story = ArticleFactory().get_absolute_url()
    serve(edge, story)
    calls = django_app.calls

    status, headers, body = serve(edge, story, HTTP_COOKIE="sessionid=abc")

    assert django_app.calls == calls + 1
    assert header(headers, HIT) is None
    assert "private" in header(headers, "Cache-Control")


@pytest.mark.parametrize(
    "request_headers",
    [
        {"method": "HEAD"},
        {"HTTP_IF_NONE_MATCH": '"abc"'},
        {"HTTP_IF_MODIFIED_SINCE": "Thu, 08 Jan 2026 10:20:00 GMT"},
    ],
    ids=["head", "if-none-match", "if-modified-since"],
)
def test_head_and_conditional_requests_go_to_django(edge, django_app, request_headers):
    story = ArticleFactory().get_absolute_url()
    serve(edge, story)
    calls = django_app.calls

    serve(edge, story, **request_headers)

    assert django_app.calls == calls + 1


def test_a_host_not_allowed_gets_djangos_400(edge):
    story = ArticleFactory().get_absolute_url()

    status, headers, body = serve(edge, story, HTTP_HOST="evil.example")

    assert status.startswith("400")


def test_a_miss_is_looked_up_once(edge, monkeypatch):
    story = ArticleFactory().get_absolute_url()

    def looked_up_again(*args, **kwargs):
        raise AssertionError("the middleware looked the page up again")

    monkeypatch.setattr(page_middleware, "enter", looked_up_again)
    status, headers, body = serve(edge, story)

    assert (status, header(headers, HIT)) == ("200 OK", "miss")


def test_with_redis_down_pages_are_served_uncached(edge, settings):
    dead = TcpGate()  # refuses every connection
    try:
        settings.CACHES = redis_cache(dead.url)
        story = ArticleFactory(headline="Still served").get_absolute_url()

        responses = [serve(edge, story) for _ in range(2)]
    finally:
        dead.close()

    assert [status for status, _, _ in responses] == ["200 OK", "200 OK"]
    assert all(b"Still served" in body for _, _, body in responses)
    assert [header(headers, HIT) for _, headers, _ in responses] == ["miss", "miss"]


@pytest.fixture
def key():
    """A partner's key, and a published story for its answers."""
    ArticleFactory()
    return APIKey.objects.create_key(name="Calcio Daily")[1]


def test_a_partner_hit_is_what_django_sends_byte_for_byte(edge, django_app, key):
    authorization = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
    with time_machine.travel(TEN_TWENTY, tick=False):
        serve(django_app, API_LIST, **authorization)  # kept
        from_django = serve(django_app, API_LIST, **authorization)
        calls = django_app.calls
        from_edge = serve(edge, API_LIST, **authorization)

    assert header(from_django[1], HIT) == "hit"
    assert header(from_edge[1], "RateLimit-Remaining") == str(
        int(header(from_django[1], "RateLimit-Remaining")) - 1
    )

    def without_remaining(answer):
        status, headers, body = answer
        kept = [pair for pair in headers if pair[0] != "RateLimit-Remaining"]
        return status, kept, body

    assert without_remaining(from_edge) == without_remaining(from_django)
    assert django_app.calls == calls


def test_every_partner_request_is_counted_once(edge, key, settings):
    rates = {"DEFAULT_THROTTLE_RATES": {"partner": "3/hour"}}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, **rates}
    authorization = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}

    with time_machine.travel(TEN_TWENTY, tick=False):
        answers = [serve(edge, API_LIST, **authorization) for _ in range(5)]

    assert [header(headers, HIT) for _, headers, _ in answers[:3]] == [
        "miss",
        "hit",
        "hit",
    ]
    assert [header(headers, "RateLimit-Remaining") for _, headers, _ in answers] == [
        "2",
        "1",
        "0",
        "0",
        "0",
    ]
    assert [status[:3] for status, _, _ in answers[3:]] == ["429", "429"]


def test_a_revoked_key_is_refused_by_django_at_once(edge, django_app, key):
    authorization = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
    serve(edge, API_LIST, **authorization)
    serve(edge, API_LIST, **authorization)
    api_key = APIKey.objects.get(prefix=key.partition(".")[0])

    api_key.revoked = True
    api_key.save()
    status, headers, body = serve(edge, API_LIST, **authorization)

    assert status.startswith("403")


def test_a_wrong_key_never_gets_the_kept_body(edge, django_app, key):
    serve(edge, API_LIST, HTTP_AUTHORIZATION=f"Api-Key {key}")
    serve(edge, API_LIST, HTTP_AUTHORIZATION=f"Api-Key {key}")
    prefix = key.partition(".")[0]

    status, headers, body = serve(
        edge, API_LIST, HTTP_AUTHORIZATION=f"Api-Key {prefix}.wrong-secret"
    )

    assert status.startswith("401")
    assert header(headers, HIT) is None


def test_static_files_go_straight_to_django(edge, django_app, settings):
    def asked(request):
        raise AssertionError("a door was asked about a static file")

    edge.doors = (asked,)

    serve(edge, f"{settings.STATIC_URL}css/missing.css")

    assert django_app.calls == 1
