"""``changes/`` (#4): what a partner applies to stay in sync, tombstones included."""

import datetime as dt

import pytest
import time_machine

from rumours.models import Article, Tombstone
from rumours.services.takedown import delete_articles
from rumours.services.workflow import unpublish_article

from ..factories import ArticleFactory, TransferClaimFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 1, 8, 9, 0, tzinfo=dt.UTC)


def entries(response):
    return [
        (entry["action"], entry["kind"], entry["id"])
        for entry in response.json()["results"]
    ]


def test_changes_list_stories_and_claims_published_in_order(api):
    with time_machine.travel(START, tick=False):
        first = TransferClaimFactory(article=ArticleFactory(published_at=START))
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        second = TransferClaimFactory(
            article=ArticleFactory(published_at=START + dt.timedelta(hours=1))
        )

    response = api.get("/api/v1/changes/")

    assert entries(response) == [
        ("upsert", "article", first.article_id),
        ("upsert", "claim", first.pk),
        ("upsert", "article", second.article_id),
        ("upsert", "claim", second.pk),
    ]


def test_story_unpublished_after_a_sync_appears_as_a_tombstone(api):
    with time_machine.travel(START, tick=False):
        claim = TransferClaimFactory(article=ArticleFactory(published_at=START))
    synced = api.get("/api/v1/changes/").json()
    with time_machine.travel(START + dt.timedelta(hours=2), tick=False):
        unpublish_article(article=claim.article)

    since = (START + dt.timedelta(hours=1)).isoformat()
    response = api.get("/api/v1/changes/", {"since": since})

    assert len(synced["results"]) == 2
    assert entries(response) == [
        ("delete", "article", claim.article_id),
        ("delete", "claim", claim.pk),
    ]
    assert response.json()["results"][0]["reason"] == "unpublished"


def test_deleted_story_leaves_tombstones_but_a_draft_does_not(api):
    published = TransferClaimFactory().article
    draft = TransferClaimFactory(article=ArticleFactory(draft=True)).article

    delete_articles(articles=Article.objects.filter(pk__in=[published.pk, draft.pk]))

    assert sorted(Tombstone.objects.values_list("kind", "reason")) == [
        ("article", "deleted"),
        ("claim", "deleted"),
    ]


def test_next_cursor_continues_without_gaps_or_repeats(api):
    with time_machine.travel(START, tick=False):
        stories = ArticleFactory.create_batch(5, published_at=START)

    page = api.get("/api/v1/changes/", {"page_size": 2}).json()
    seen = [entry["id"] for entry in page["results"]]
    while page["next"]:
        page = api.get(page["next"]).json()
        seen += [entry["id"] for entry in page["results"]]

    assert seen == sorted(story.pk for story in stories)


def test_since_without_time_zone_is_a_400(api):
    response = api.get("/api/v1/changes/", {"since": "2026-01-08T09:00:00"})

    assert response.status_code == 400
    assert list(response.json()) == ["since"]


def test_editor_unpublishing_in_the_admin_records_tombstones(admin_client):
    claim = TransferClaimFactory()
    article = claim.article
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "claims-TOTAL_FORMS": "0",
        "claims-INITIAL_FORMS": "0",
        # The version the form was loaded at, and the corrections inline (#5).
        "loaded_version": str(article.version),
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }

    response = admin_client.post(f"/admin/rumours/article/{article.pk}/change/", data)

    assert response.status_code == 302, response.content[:2000]
    assert sorted(Tombstone.objects.values_list("kind", "object_id")) == [
        ("article", article.pk),
        ("claim", claim.pk),
    ]


def test_editor_deleting_a_published_claim_records_a_tombstone(admin_client):
    claim = TransferClaimFactory()

    admin_client.post(
        f"/admin/rumours/transferclaim/{claim.pk}/delete/", {"post": "yes"}
    )

    assert list(Tombstone.objects.values_list("kind", "object_id", "reason")) == [
        ("claim", claim.pk, "deleted")
    ]
