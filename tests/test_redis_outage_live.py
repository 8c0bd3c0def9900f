"""Redis killed and frozen under load, on real gunicorn servers (#18, R28).

The server's Redis is one of this module's own (``tests/support/
redis_server.py``), killed with SIGKILL or frozen with SIGSTOP, never the
machine's that the rest of the suite shares. Readers keep asking for pages,
feeds and the API the whole time, and an editor keeps adding stories in
the admin.
"""

import json
import threading
import time

import pytest

from .support.admin_load import EDITOR, Editor
from .support.live_servers import module_stack
from .support.load import Load, p99

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


stack = module_stack(own_redis=True)


@pytest.fixture(scope="module")
def partner_key(stack):
    stack.python(EDITOR)
    return json.loads(stack.python(SETUP))["key"]


def serve(stack):
    # The whole load is one partner's: its rate limit must not be what answers.
    return stack.servers(1, workers=2, API_PARTNER_RATE="100000/minute")


def test_readers_see_no_error_while_redis_is_killed_and_hits_resume(stack, partner_key):
    stopping = threading.Event()
    with (
        serve(stack) as [server],
        Load(server, partner_key, PATHS, API_PATHS) as load,
    ):
        editor = Editor(server, 0, stopping)
        editor.start()
        time.sleep(1)
        killed = time.monotonic()
        stack.redis_server.kill()
        time.sleep(10)
        stack.redis_server.start()
        back = time.monotonic()
        time.sleep(2)
        stopping.set()
        editor.join(timeout=30)

    statuses = {outcome[0] for _, _, outcome in load.answers}
    first_hit = min(
        moment for moment, _, outcome in load.since(back) if outcome[1] == "hit"
    )
    assert statuses == {200}
    assert first_hit - back < 1.0
    # The admin kept saving while Redis was dead.
    assert set(editor.statuses) <= {200, 302}
    assert sum(killed < when < back for when, _ in editor.acknowledged) >= 5


def test_a_frozen_redis_stalls_no_reader_past_half_a_second(stack, partner_key):
    with (
        serve(stack) as [server],
        Load(server, partner_key, PATHS, API_PATHS) as load,
    ):
        time.sleep(1)
        frozen = time.monotonic()
        stack.redis_server.freeze()
        time.sleep(10)
        stack.redis_server.thaw()

    during = load.since(frozen)
    assert {outcome[0] for _, _, outcome in during} == {200}
    assert p99(during) < 0.5
