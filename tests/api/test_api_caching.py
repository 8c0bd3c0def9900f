"""Validators and 304s (#4): ETag, Last-Modified, Cache-Control."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from rumours.models import Article, Club, Tombstone, TransferClaim

from ..factories import ArticleFactory, ClubFactory, TransferClaimFactory

pytestmark = pytest.mark.django_db


def test_responses_carry_etag_last_modified_and_cache_control(api):
    ArticleFactory()

    response = api.get("/api/v1/articles/")

    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    assert response["Cache-Control"] == "private, max-age=60, must-revalidate"


def test_a_cached_answer_runs_no_query(api):
    ArticleFactory()
    api.get("/api/v1/articles/")

    with CaptureQueriesContext(connection) as context:
        response = api.get("/api/v1/articles/")

    assert response["X-Public-Cache"] == "hit"
    assert context.captured_queries == []


def test_matching_if_none_match_gets_304(api):
    ArticleFactory()
    etag = api.get("/api/v1/articles/")["ETag"]

    response = api.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response["ETag"] == etag
    assert response.content == b""


def test_if_modified_since_gets_304_while_nothing_changed(api):
    ArticleFactory()
    last_modified = api.get("/api/v1/articles/")["Last-Modified"]

    response = api.get("/api/v1/articles/", HTTP_IF_MODIFIED_SINCE=last_modified)

    assert response.status_code == 304


# update() sends no signal: the public cache (#6) would not know.
@pytest.mark.usefixtures("no_public_cache")
def test_scheduled_story_coming_due_is_not_a_304(api):
    two_days_ago = timezone.now() - dt.timedelta(days=2)
    ArticleFactory(published_at=two_days_ago)
    scheduled = ArticleFactory(scheduled=True)
    Article.objects.update(updated_at=two_days_ago)
    first = api.get("/api/v1/articles/")
    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - dt.timedelta(seconds=1),
        updated_at=timezone.now() - dt.timedelta(days=3),
    )

    by_etag = api.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = api.get(
        "/api/v1/articles/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )

    assert (by_etag.status_code, by_date.status_code) == (200, 200)


# update() sends no signal: the public cache (#6) would not know.
@pytest.mark.usefixtures("no_public_cache")
def test_club_renamed_changes_the_etag_and_ignores_if_modified_since(api):
    club = ClubFactory()
    first = api.get("/api/v1/clubs/")
    Club.objects.filter(pk=club.pk).update(name="Renamed FC")

    by_etag = api.get("/api/v1/clubs/", HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = api.get(
        "/api/v1/clubs/", HTTP_IF_MODIFIED_SINCE=http_date(timezone.now().timestamp())
    )

    assert (by_etag.status_code, by_date.status_code) == (200, 200)


# Whole seconds, as HTTP dates are; fixed once, so no test straddles a second.
NOW = timezone.now().replace(microsecond=0)
ONE_DAY_AGO, TWO_DAYS_AGO, THREE_DAYS_AGO = (
    NOW - dt.timedelta(days=days) for days in (1, 2, 3)
)


# update() sets the times without auto_now moving them again.
@pytest.mark.usefixtures("no_public_cache")
def test_last_modified_is_the_newest_public_claim_update(api):
    claim = TransferClaimFactory(article=ArticleFactory(published_at=THREE_DAYS_AGO))
    Article.objects.update(updated_at=THREE_DAYS_AGO)
    TransferClaim.objects.filter(pk=claim.pk).update(updated_at=ONE_DAY_AGO)

    response = api.get("/api/v1/articles/")

    assert response["Last-Modified"] == http_date(ONE_DAY_AGO.timestamp())


@pytest.mark.usefixtures("no_public_cache")
def test_last_modified_is_a_publication_later_than_every_update(api):
    story = ArticleFactory(published_at=ONE_DAY_AGO)
    Article.objects.filter(pk=story.pk).update(updated_at=TWO_DAYS_AGO)

    response = api.get("/api/v1/articles/")

    assert response["Last-Modified"] == http_date(ONE_DAY_AGO.timestamp())


@pytest.mark.parametrize("state", ["draft", "review", "scheduled"])
@pytest.mark.usefixtures("no_public_cache")
def test_last_modified_ignores_stories_and_claims_readers_cannot_see(api, state):
    ArticleFactory(published_at=THREE_DAYS_AGO)
    TransferClaimFactory(article=ArticleFactory(**{state: True}))
    Article.objects.update(updated_at=THREE_DAYS_AGO)
    TransferClaim.objects.update(updated_at=ONE_DAY_AGO)
    Article.objects.exclude(published_at=THREE_DAYS_AGO).update(updated_at=ONE_DAY_AGO)

    response = api.get("/api/v1/articles/")

    assert response["Last-Modified"] == http_date(THREE_DAYS_AGO.timestamp())


@pytest.mark.usefixtures("no_public_cache")
def test_last_modified_is_the_latest_take_down_once_nothing_is_published(api):
    story = ArticleFactory(draft=True)
    Tombstone.objects.create(
        kind=Tombstone.Kind.ARTICLE,
        object_id=story.pk,
        slug=story.slug,
        reason=Tombstone.Reason.UNPUBLISHED,
    )
    Tombstone.objects.update(recorded_at=TWO_DAYS_AGO)

    response = api.get("/api/v1/articles/")

    assert response["Last-Modified"] == http_date(TWO_DAYS_AGO.timestamp())
