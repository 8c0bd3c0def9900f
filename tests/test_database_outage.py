"""A database outage is answered from the last good copies (#18, R28).

A real gunicorn server on production settings reaches PostgreSQL through a
``TcpGate`` (``tests/support/tcp_gate.py``), which cuts it off without
stopping the machine's PostgreSQL that the rest of the suite uses. Pages
and API bodies served once before the cut are answered from the public
cache, marked stale, however old; a page never served is a 503 asking to
retry, not a 500; when the database is back, fresh answers resume at once.
"""

import json
import time
from urllib.parse import urlsplit, urlunsplit

import pytest

from .support.live_servers import Browser, module_stack
from .support.load import Load
from .support.tcp_gate import TcpGate

pytestmark = pytest.mark.slow

SETUP = """
import json
from django.utils import timezone
from rest_framework_api_key.models import APIKey
from rumours.models import Article

for n in range(2):
    Article.objects.create(
        headline=f"Outage story {n}", slug=f"outage-story-{n}", body="Text.",
        status=Article.Status.PUBLISHED, published_at=timezone.now(),
    )
print(json.dumps({"key": APIKey.objects.create_key(name="Outage partner")[1]}))
"""


stack = module_stack(require_postgres=True)


@pytest.fixture
def gated(stack):
    """Return (the gate, the database URL through it)."""
    target = urlsplit(stack.database_url)
    gate = TcpGate((target.hostname, target.port or 5432))
    netloc = f"{target.username}@127.0.0.1:{gate.port}"
    yield gate, urlunsplit(target._replace(netloc=netloc))
    gate.close()


def test_readers_get_the_last_good_copies_while_the_database_is_down(stack, gated):
    gate, database_url = gated
    key = json.loads(stack.python(SETUP))["key"]
    partner = {"Authorization": f"Api-Key {key}"}
    browser = Browser()
    with stack.servers(
        1, workers=1, DATABASE_URL=database_url, PUBLIC_CACHE_SECONDS=1
    ) as [server]:
        served = [
            browser.get(server, "/stories/outage-story-0/"),
            browser.get(server, "/"),
            browser.get(server, "/api/v1/articles/outage-story-0/", headers=partner),
        ]
        time.sleep(1.2)  # every copy is now past its freshness
        gate.refuse()

        stale_story = browser.get(server, "/stories/outage-story-0/")
        stale_home = browser.get(server, "/")
        stale_api = browser.get(
            server, "/api/v1/articles/outage-story-0/", headers=partner
        )
        never_served = browser.get(server, "/stories/outage-story-1/")
        gate.open()
        back = browser.get(server, "/stories/outage-story-1/")

    assert [response.status for response in served] == [200, 200, 200]
    assert (stale_story.status, stale_story.headers["X-Public-Cache"]) == (200, "stale")
    assert stale_story.body == served[0].body
    assert stale_home.status == 200
    assert (stale_api.status, stale_api.body) == (200, served[2].body)
    assert int(stale_story.headers["Age"]) >= 1
    assert (never_served.status, never_served.headers["Retry-After"]) == (503, "5")
    assert back.status == 200


def test_warm_pages_answer_under_load_while_the_database_is_down(stack, gated):
    gate, database_url = gated
    key = json.loads(stack.python(SETUP.replace("outage-story", "load-story")))["key"]
    paths = ["/", "/stories/load-story-0/", "/feeds/latest.atom"]
    api_paths = ["/api/v1/articles/load-story-0/"]
    with stack.servers(
        1,
        workers=2,
        DATABASE_URL=database_url,
        PUBLIC_CACHE_SECONDS=1,
        API_PARTNER_RATE="100000/minute",
    ) as [server]:
        for path in paths:
            Browser().get(server, path)
        for path in api_paths:
            Browser().get(server, path, headers={"Authorization": f"Api-Key {key}"})
        with Load(server, key, paths, api_paths) as load:
            time.sleep(1.5)
            gate.refuse()
            time.sleep(5)
            back = time.monotonic()
            gate.open()
            time.sleep(2)

    assert {outcome[0] for _, _, outcome in load.answers} == {200}
    fresh = [
        moment
        for moment, _, outcome in load.since(back)
        if outcome[1] in ("miss", "hit")
    ]
    assert min(fresh) - back < 1.0
