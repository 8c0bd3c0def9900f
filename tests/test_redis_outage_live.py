"""Redis killed and frozen under load, on real gunicorn servers (#18, R28).

The server's Redis is the machine's, reached through a ``TcpGate`` that
refuses (killed) or stalls (frozen) it without touching the shared server.
Readers keep asking for pages, feeds and the API the whole time.
"""

import json
import time
from urllib.parse import urlsplit

import pytest

from .support.live_servers import module_stack
from .support.load import Load, p99
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
API_PATHS = ["/api/v1/articles/"]


stack = module_stack()


@pytest.fixture(scope="module")
def partner_key(stack):
    return json.loads(stack.python(SETUP))["key"]


@pytest.fixture
def gate(stack):
    target = urlsplit(stack.redis_url)
    gate = TcpGate((target.hostname, target.port or 6379))
    yield gate
    gate.close()


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
    with (
        serve_through(stack, gate) as [server],
        Load(server, partner_key, PATHS, API_PATHS) as load,
    ):
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
    with (
        serve_through(stack, gate) as [server],
        Load(server, partner_key, PATHS, API_PATHS) as load,
    ):
        time.sleep(1)
        frozen = time.monotonic()
        gate.freeze()
        time.sleep(3)
        gate.open()

    during = load.since(frozen)
    assert {outcome[0] for _, _, outcome in during} == {200}
    assert p99(during) < 0.5
