"""Redis killed and frozen under load, on real gunicorn servers (#18, R28).

The server's Redis is the machine's, reached through a ``TcpGate`` that
refuses (killed) or stalls (frozen) it without touching the shared server.
Readers keep asking for pages, feeds and the API the whole time.
"""

import json
import threading
import time
from urllib.parse import urlsplit

import pytest

from .support.live_servers import Browser, LiveStack, Unavailable
from .support.tcp_gate import TcpGate

pytestmark = pytest.mark.slow

SETUP = """
import json
from django.utils import timezone
from rest_framework_api_key.models import APIKey
from rumours.models import Article

Article.objects.create(
    headline="Redis outage story", slug="redis-outage-story", body="Text.",
    status=Article.Status.PUBLISHED, published_at=timezone.now(),
)
print(json.dumps({"key": APIKey.objects.create_key(name="Outage partner")[1]}))
"""
PATHS = ["/", "/stories/redis-outage-story/", "/feeds/latest.atom"]


@pytest.fixture(scope="module")
def stack():
    try:
        live = LiveStack(require_postgres=False)
    except Unavailable as reason:
        pytest.skip(f"live servers: {reason}")
    try:
        yield live
    finally:
        live.close()


@pytest.fixture(scope="module")
def partner_key(stack):
    return json.loads(stack.python(SETUP))["key"]


@pytest.fixture
def gate(stack):
    target = urlsplit(stack.redis_url)
    gate = TcpGate((target.hostname, target.port or 6379))
    yield gate
    gate.close()


class Load:
    """Readers asking for pages and the API until stopped; every answer timed."""

    def __init__(self, server, key, readers=4):
        self.server, self.key = server, key
        self.answers, self.stop = [], threading.Event()
        self.threads = [threading.Thread(target=self.read) for _ in range(readers)]

    def read(self):
        browser, api = Browser(), {"Authorization": f"Api-Key {self.key}"}
        while not self.stop.is_set():
            for path in PATHS:
                self.ask(browser, path)
            self.ask(browser, "/api/v1/articles/", headers=api)

    def ask(self, browser, path, **kwargs):
        started = time.monotonic()
        try:
            response = browser.get(self.server, path, **kwargs)
            outcome = response.status, response.headers.get("X-Public-Cache")
        except OSError as error:
            outcome = type(error).__name__, None
        self.answers.append((time.monotonic(), time.monotonic() - started, outcome))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def since(self, moment):
        return [answer for answer in self.answers if answer[0] >= moment]


def p99(answers):
    seconds = sorted(taken for _, taken, _ in answers)
    return seconds[int(len(seconds) * 0.99) - 1]


def serve_through(stack, gate):
    """Start a server whose Redis (the stack's database on it) is behind ``gate``."""
    database = urlsplit(stack.redis_url).path
    return stack.servers(
        1,
        workers=2,
        REDIS_URL=f"redis://127.0.0.1:{gate.port}{database}",
        API_PARTNER_RATE="100000/minute",  # the load is one partner's
    )


def test_readers_see_no_error_while_redis_is_killed_and_hits_resume(
    stack, gate, partner_key
):
    with serve_through(stack, gate) as [server], Load(server, partner_key) as load:
        time.sleep(1)
        gate.refuse()
        time.sleep(3)
        back = time.monotonic()
        gate.open()
        time.sleep(2)

    statuses = {outcome[0] for _, _, outcome in load.answers}
    first_hit = min(
        moment for moment, _, outcome in load.since(back) if outcome[1] == "hit"
    )
    assert statuses == {200}
    assert first_hit - back < 1.0


def test_a_frozen_redis_stalls_no_reader_past_half_a_second(stack, gate, partner_key):
    with serve_through(stack, gate) as [server], Load(server, partner_key) as load:
        time.sleep(1)
        frozen = time.monotonic()
        gate.freeze()
        time.sleep(3)
        gate.open()

    during = load.since(frozen)
    assert {outcome[0] for _, _, outcome in during} == {200}
    assert p99(during) < 0.5
