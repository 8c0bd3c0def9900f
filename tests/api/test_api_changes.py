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
    while not page["up_to_date"]:
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


# ------------------------------------------------- a light feed (#17)


def test_an_entry_says_what_changed_and_where_to_read_it(api):
    claim = TransferClaimFactory()

    results = api.get("/api/v1/changes/").json()["results"]

    story, claimed = results
    assert story["url"] == f"http://testserver/api/v1/articles/{claim.article.slug}/"
    assert story["web_url"] == f"http://testserver/stories/{claim.article.slug}/"
    assert claimed["url"] == f"http://testserver/api/v1/claims/{claim.pk}/"
    assert claimed["web_url"].endswith(
        f"/stories/{claim.article.slug}/#claim-{claim.pk}"
    )
    assert set(story) == {
        "action", "kind", "id", "changed_at", "reason", "url", "web_url",
    }  # fmt: skip


def test_editing_one_claim_is_one_entry(api):
    with time_machine.travel(START, tick=False):
        claim, other = TransferClaimFactory.create_batch(
            2, article=ArticleFactory(published_at=START)
        )
    later = START + dt.timedelta(hours=1)
    with time_machine.travel(later, tick=False):
        claim.quote = "A new quote."
        claim.save()

    response = api.get("/api/v1/changes/", {"since": later.isoformat()})

    assert entries(response) == [("upsert", "claim", claim.pk)]


def test_editing_a_story_does_not_send_its_claims_again(api):
    with time_machine.travel(START, tick=False):
        claim = TransferClaimFactory(article=ArticleFactory(published_at=START))
    later = START + dt.timedelta(hours=1)
    with time_machine.travel(later, tick=False):
        claim.article.headline = "A better headline"
        claim.article.save()

    response = api.get("/api/v1/changes/", {"since": later.isoformat()})

    assert entries(response) == [("upsert", "article", claim.article_id)]


def test_next_is_always_there_and_says_when_you_are_up_to_date(api):
    with time_machine.travel(START, tick=False):
        claim = TransferClaimFactory(article=ArticleFactory(published_at=START))

    page = api.get("/api/v1/changes/").json()
    again = api.get(page["next"]).json()
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        claim.save()
    then = api.get(page["next"]).json()

    assert page["up_to_date"] is True
    assert (again["results"], again["up_to_date"]) == ([], True)
    assert again["next"] == page["next"]
    assert [(e["kind"], e["id"]) for e in then["results"]] == [("claim", claim.pk)]


def test_an_empty_feed_still_gives_a_next_link(api):
    body = api.get("/api/v1/changes/").json()

    assert body == {
        "next": "http://testserver/api/v1/changes/",
        "up_to_date": True,
        "results": [],
    }


def test_since_takes_a_date_from_its_midnight_utc(api):
    with time_machine.travel(START, tick=False):
        TransferClaimFactory(article=ArticleFactory(published_at=START))

    on_the_day = api.get("/api/v1/changes/", {"since": "2026-01-08"})
    the_day_after = api.get("/api/v1/changes/", {"since": "2026-01-09"})

    assert len(on_the_day.json()["results"]) == 2
    assert the_day_after.json()["results"] == []


def test_an_offset_whose_plus_became_a_space_says_to_encode_it(api):
    response = api.get("/api/v1/changes/?since=2026-01-08T09:30:00+01:00")

    assert response.status_code == 400
    assert "encode it as %2B" in response.json()["since"][0]
