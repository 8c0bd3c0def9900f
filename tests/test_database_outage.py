"""A database outage is answered from the last good copies (#18, R28).

A real gunicorn server on production settings runs on a PostgreSQL server
of this module's own (``tests/support/postgres_cluster.py``), which the
tests stop and start, never the machine's that the rest of the suite uses. Pages
and API bodies served once before the cut are answered from the public
cache, marked stale, however old; a page never served is a 503 asking to
retry, not a 500; when the database is back, fresh answers resume at once.
And a crash-like restart (every PostgreSQL process killed at once, then WAL
recovery) loses no save the admin had acknowledged to its editor: R19's
stale-form races, extended to the database going down under them.
"""

import json
import threading
import time

import pytest

from .support.admin_load import EDITOR, Editor
from .support.live_servers import Browser, module_stack
from .support.load import Load

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


stack = module_stack(own_postgres=True)


def test_readers_get_the_last_good_copies_while_the_database_is_down(stack):
    key = json.loads(stack.python(SETUP))["key"]
    partner = {"Authorization": f"Api-Key {key}"}
    browser = Browser()
    with stack.servers(1, workers=1, PUBLIC_CACHE_SECONDS=1) as [server]:
        served = [
            browser.get(server, "/stories/outage-story-0/"),
            browser.get(server, "/"),
            browser.get(server, "/api/v1/articles/outage-story-0/", headers=partner),
        ]
        time.sleep(1.2)  # every copy is now past its freshness
        stack.cluster.stop()

        stale_story = browser.get(server, "/stories/outage-story-0/")
        stale_home = browser.get(server, "/")
        stale_api = browser.get(
            server, "/api/v1/articles/outage-story-0/", headers=partner
        )
        never_served = browser.get(server, "/stories/outage-story-1/")
        stack.cluster.start()
        back = browser.get(server, "/stories/outage-story-1/")

    assert [response.status for response in served] == [200, 200, 200]
    assert (stale_story.status, stale_story.headers["X-Public-Cache"]) == (200, "stale")
    assert stale_story.body == served[0].body
    assert stale_home.status == 200
    assert (stale_api.status, stale_api.body) == (200, served[2].body)
    assert int(stale_story.headers["Age"]) >= 1
    assert (never_served.status, never_served.headers["Retry-After"]) == (503, "5")
    assert back.status == 200


def test_warm_pages_answer_under_load_while_the_database_is_down(stack):
    key = json.loads(stack.python(SETUP.replace("outage-story", "load-story")))["key"]
    paths = ["/", "/stories/load-story-0/", "/feeds/latest.atom"]
    api_paths = ["/api/v1/articles/load-story-0/"]
    with stack.servers(
        1,
        workers=2,
        PUBLIC_CACHE_SECONDS=1,
        API_PARTNER_RATE="100000/minute",
    ) as [server]:
        for path in paths:
            Browser().get(server, path)
        for path in api_paths:
            Browser().get(server, path, headers={"Authorization": f"Api-Key {key}"})
        with Load(server, key, paths, api_paths) as load:
            time.sleep(1.5)
            stack.cluster.stop()
            time.sleep(10)
            stack.cluster.start()
            back = time.monotonic()
            time.sleep(2)

    assert {outcome[0] for _, _, outcome in load.answers} == {200}
    fresh = [
        moment
        for moment, _, outcome in load.since(back)
        if outcome[1] in ("miss", "hit")
    ]
    assert min(fresh) - back < 1.0


STORED_HEADLINES = """
import json
from rumours.models import Article
print(json.dumps(list(
    Article._base_manager.filter(headline__startswith="Live save")
    .values_list("headline", flat=True)
)))
"""


def test_no_acknowledged_save_is_lost_across_a_crash_like_restart(
    stack, reliability_report
):
    stack.python(EDITOR)
    stopping = threading.Event()
    with stack.servers(1, workers=2) as [server]:
        editors = [Editor(server, number, stopping) for number in range(4)]
        for editor in editors:
            editor.start()
        time.sleep(2)
        crashed = time.monotonic()
        stack.cluster.crash()  # every backend killed, no checkpoint
        time.sleep(1)
        stack.cluster.start()  # WAL recovery
        time.sleep(3)
        stopping.set()
        for editor in editors:
            editor.join(timeout=30)

    acknowledged = [save for editor in editors for save in editor.acknowledged]
    stored = set(json.loads(stack.python(STORED_HEADLINES)))
    lost = {headline for _, headline in acknowledged} - stored
    reliability_report(
        f"R28 crash-like restart: {len(acknowledged)} acknowledged saves "
        f"({sum(when < crashed for when, _ in acknowledged)} before the crash), "
        f"{len(lost)} lost"
    )
    assert {headline for _, headline in acknowledged} - stored == set()
    assert sum(when < crashed for when, _ in acknowledged) >= 5
    assert sum(when > crashed for when, _ in acknowledged) >= 5
