"""Real gunicorn app servers on one database and one Redis (#6, R16).

- Two identical app servers: a story published through one (an editor's
  real HTTP POST of the admin form) is on the other at the next request,
  although that one had cached the pages without it.
- One server with two workers: a burst against one partner key is held to
  the rate by the throttle's counter in the shared Redis.

``tests/support/live_servers.py`` prepares the database, Redis and static files and
runs the servers; where PostgreSQL or Redis does not answer, the tests skip
and say why.
"""

import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.utils import timezone

from .support.admin_forms import form_data
from .support.live_servers import Browser, module_stack

pytestmark = pytest.mark.slow

PASSWORD = "live-desk-password-9"
HEADLINE = "Dragusin agrees terms with AC Milan"
LIMIT = 10
BURST = 5 * LIMIT
API_URL = "/api/v1/competitions/"

SETUP = f"""
import json
from django.contrib.auth import get_user_model
from rest_framework_api_key.models import APIKey
from rumours.models import Article

editor = get_user_model().objects.create_superuser(
    "live-editor", "live-editor@example.com", {PASSWORD!r}
)
article = Article.objects.create(
    headline={HEADLINE!r},
    slug="dragusin-agrees-terms-with-ac-milan",
    standfirst="The defender is set to move.",
    body="Personal terms are **agreed**.",
    status=Article.Status.DRAFT,
    author=editor,
)
keys = [APIKey.objects.create_key(name=f"Partner {{n}}")[1] for n in range(3)]
print(json.dumps({{"pk": article.pk, "slug": article.slug, "keys": keys}}))
"""


stack = module_stack()


@pytest.fixture(scope="module")
def newsroom(stack):
    return json.loads(stack.python(SETUP))


def api_key(key):
    return {"Authorization": f"Api-Key {key}"}


def log_in(browser, server):
    browser.get(server, "/admin/login/")
    return browser.post(
        server,
        "/admin/login/",
        {
            "username": "live-editor",
            "password": PASSWORD,
            "next": "/admin/",
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
    )


def publish_now(fields):
    """Return the admin form's fields with the story set to published now."""
    now = timezone.now()
    return {
        **fields,
        "status": "published",
        "published_at_0": now.strftime("%Y-%m-%d"),
        "published_at_1": now.strftime("%H:%M:%S"),
    }


def test_a_story_published_through_one_server_is_fresh_on_the_other(stack, newsroom):
    if stack.kind != "PostgreSQL":
        pytest.skip("two app servers need PostgreSQL: no PostgreSQL answers here")
    story = f"/stories/{newsroom['slug']}/"
    change = f"/admin/rumours/article/{newsroom['pk']}/change/"
    reader, editor = Browser(), Browser()
    with stack.servers(2, workers=2) as (server_a, server_b):
        reader.get(server_b, "/")
        warm = reader.get(server_b, "/")
        missing = reader.get(server_b, story)
        assert warm.headers["X-Public-Cache"] == "hit"
        assert HEADLINE not in warm.text
        assert missing.status == 404

        assert log_in(editor, server_a).status == 302
        form = editor.get(server_b, change)  # the session is shared too
        assert form.status == 200
        fields = form_data(form, "article_form")
        fields["csrfmiddlewaretoken"] = editor.cookies["csrftoken"]
        saved = editor.post(server_a, change, publish_now(fields))

        home = reader.get(server_b, "/")
        page = reader.get(server_b, story)
        api = reader.get(
            server_b,
            f"/api/v1/articles/{newsroom['slug']}/",
            headers=api_key(newsroom["keys"][2]),
        )

    assert saved.status == 302, saved.text[:3000]
    assert HEADLINE in home.text
    assert home.headers["X-Public-Cache"] == "miss"
    assert page.status == 200
    assert api.status == 200
    assert api.json()["headline"] == HEADLINE


def wait_for_a_fresh_window(seconds=60, margin=5):
    """Sleep past the end of the throttle's clock-aligned window if it is near.

    A burst that straddled two windows could be admitted twice over.
    """
    left = seconds - time.time() % seconds
    if left < margin:
        time.sleep(left + 0.2)


def test_r16_a_burst_on_two_workers_is_held_to_the_rate(
    stack, newsroom, reliability_report
):
    key, other = newsroom["keys"][:2]
    with stack.servers(1, workers=2, API_PARTNER_RATE=f"{LIMIT}/minute") as (server,):
        wait_for_a_fresh_window()
        with ThreadPoolExecutor(max_workers=10) as pool:
            responses = list(
                pool.map(
                    lambda _: Browser().get(server, API_URL, headers=api_key(key)),
                    range(BURST),
                )
            )
        second = Browser().get(server, API_URL, headers=api_key(other))
        workers = set(server.access_log_pids(API_URL))

    admitted = sum(r.status == 200 for r in responses)
    throttled = [r for r in responses if r.status == 429]
    without_retry_after = [r for r in throttled if not r.headers["Retry-After"]]
    reliability_report(
        f"R16 rate limits: burst {BURST} at limit {LIMIT} (RedisCache, "
        f"{len(workers)} gunicorn workers), admitted {admitted}, "
        f"429s {len(throttled)}, {len(without_retry_after)} without "
        f"Retry-After, second key {second.status}"
    )
    assert admitted <= LIMIT
    assert len(throttled) == BURST - admitted
    assert without_retry_after == []
    assert second.status == 200
    assert len(workers) >= 2
