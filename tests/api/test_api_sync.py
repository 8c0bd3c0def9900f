"""A partner's nightly sync, replayed (#17): ``changes/`` from empty to up to
date, then kept up across new stories, an edited claim, a withdrawal, a
correction and a new headline, ending equal to what the API serves.

The partner here is a small mirror that knows only the API: it follows
``next`` until ``up_to_date``, fetches each upsert's ``url`` and drops each
delete, and keeps the last ``next`` for its next run.
"""

import datetime as dt

import pytest
import time_machine

from rumours.models import Article
from rumours.services.workflow import add_correction, unpublish_article

from ..factories import ArticleFactory, TransferClaimFactory
from ..support.editorial import editor

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 1, 8, 9, 0, tzinfo=dt.UTC)


class Mirror:
    def __init__(self, api):
        self.api = api
        self.items = {}  # (kind, id) → the object as the API served it
        self.resume = "/api/v1/changes/?page_size=3"

    def sync(self):
        """Apply every change since the last run; return the entries applied."""
        applied = []
        while True:
            page = self.api.get(self.resume).json()
            for entry in page["results"]:
                key = (entry["kind"], entry["id"])
                if entry["action"] == "delete":
                    self.items.pop(key, None)
                else:
                    self.items[key] = self.api.get(entry["url"]).json()
                applied.append((entry["action"], *key))
            self.resume = page["next"]
            if page["up_to_date"]:
                return applied


def served(api):
    """Return every story and claim the API lists now, as the mirror keys them."""
    items = {}
    for kind, path in (("article", "articles"), ("claim", "claims")):
        url = f"/api/v1/{path}/?page_size=100"
        while url:
            page = api.get(url).json()
            items.update({(kind, item["id"]): item for item in page["results"]})
            url = page["next"]
    return items


def at(hours):
    return time_machine.travel(START + dt.timedelta(hours=hours), tick=False)


@pytest.fixture
def newsroom():
    with at(0):
        stories = [ArticleFactory(published_at=START) for _ in range(3)]
        claims = [TransferClaimFactory(article=story) for story in stories]
        TransferClaimFactory(article=stories[0], claim_type="bid")
        ArticleFactory(draft=True)  # never anything a partner sees
    return stories, claims


def test_a_first_sync_from_empty_ends_equal_to_the_api(api, newsroom):
    mirror = Mirror(api)

    applied = mirror.sync()

    assert len(applied) == 7
    assert mirror.items == served(api)


def test_the_mirror_keeps_up_with_every_kind_of_change(api, newsroom):
    stories, claims = newsroom
    mirror = Mirror(api)
    mirror.sync()

    with at(1):
        new = TransferClaimFactory(article=ArticleFactory(published_at=START))
    assert mirror.sync() == [("upsert", "article", new.article_id),
                             ("upsert", "claim", new.pk)]  # fmt: skip

    with at(2):
        claims[1].quote = "They asked about him again."
        claims[1].save()
    assert mirror.sync() == [("upsert", "claim", claims[1].pk)]

    with at(3):
        unpublish_article(article=stories[2])
    assert mirror.sync() == [("delete", "article", stories[2].pk),
                             ("delete", "claim", claims[2].pk)]  # fmt: skip

    with at(4):
        add_correction(article=stories[1], note="It was Roma.", user=editor())
    assert mirror.sync() == [("upsert", "article", stories[1].pk)]

    with at(5):
        story = Article.objects.get(pk=stories[0].pk)  # as the admin loads it
        story.headline = "A sharper headline"
        story.save()
    assert [entry[1] for entry in mirror.sync()] == ["article", "claim", "claim"]

    assert mirror.items == served(api)


def test_a_mirror_that_is_up_to_date_applies_nothing(api, newsroom):
    mirror = Mirror(api)
    mirror.sync()

    assert mirror.sync() == []
