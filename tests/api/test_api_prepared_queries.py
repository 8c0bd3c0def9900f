"""The partner API's queries compiled once a process, run with "now" (#19)."""

import datetime as dt
from unittest import mock

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from rumours.api.article_serializers import ArticleSerializer
from rumours.api.caching import newsroom_last_modified
from rumours.api.pagination import PreparedFirstPages
from rumours.models import Article, TransferClaim
from rumours.models.article_queries import published_api_story

from ..factories import (
    ArticleFactory,
    AttributionFactory,
    ClubFactory,
    CompetitionFactory,
    CorrectionFactory,
    PlayerFactory,
    TransferClaimFactory,
    loan_with_option,
)

pytestmark = pytest.mark.django_db

ONE_HOUR_AGO = timezone.now() - dt.timedelta(hours=1)


def later(moment):
    """Patch "now" to ``moment``."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def api_fields(story):
    """Return what the API shows of ``story``, and how many queries that took."""
    request = Request(APIRequestFactory().get("/api/v1/articles/"))
    with CaptureQueriesContext(connection) as queries:
        shown = ArticleSerializer(story, context={"request": request}).data
    return shown, len(queries)


def test_the_api_story_is_loaded_as_for_api():
    story = ArticleFactory()
    story.players.add(PlayerFactory())
    story.clubs.add(ClubFactory(), ClubFactory())
    AttributionFactory(claim=TransferClaimFactory(article=story))
    TransferClaimFactory(
        article=story,
        claim_type="enquiry",
        outcome="confirmed",
        resolved_at=timezone.now(),
        evidence_article=ArticleFactory(),
    )
    CorrectionFactory(article=story)
    expected = Article.objects.published().for_api().get(pk=story.pk)

    found = published_api_story(story.slug)

    assert found.get_deferred_fields() == expected.get_deferred_fields()
    assert api_fields(found) == (api_fields(expected)[0], 0)


def test_the_api_story_is_found_only_once_it_is_due():
    story = ArticleFactory(scheduled=True)

    assert published_api_story(story.slug) is None
    with later(story.published_at):
        assert published_api_story(story.slug) == story


def test_last_modified_counts_a_scheduled_story_from_when_it_is_due():
    ArticleFactory()
    due = timezone.now() + dt.timedelta(hours=1)
    ArticleFactory(published_at=due)

    assert newsroom_last_modified() < due
    with later(due):
        assert newsroom_last_modified() == due


def test_last_modified_is_compiled_once():
    story = ArticleFactory()
    newsroom_last_modified()

    with mock.patch.object(SQLCompiler, "as_sql", autospec=True) as compile_sql:
        found = newsroom_last_modified()

    compile_sql.assert_not_called()
    assert found == max(story.published_at, story.updated_at)


def claim_ids(response):
    return [claim["id"] for claim in response.json()["results"]]


# Coming due sends no signal: the public cache (#6) would not know.
@pytest.mark.usefixtures("no_public_cache")
def test_the_first_page_of_claims_shows_a_scheduled_storys_claims_once_due(api):
    scheduled = ArticleFactory(scheduled=True)
    claim = TransferClaimFactory(article=scheduled)

    assert claim_ids(api.get("/api/v1/claims/")) == []
    with later(scheduled.published_at):
        assert claim_ids(api.get("/api/v1/claims/")) == [claim.pk]


def test_each_page_size_gets_its_own_first_page(api):
    claims = [
        TransferClaimFactory(reported_at=ONE_HOUR_AGO - dt.timedelta(minutes=n))
        for n in range(3)
    ]

    one = api.get("/api/v1/claims/?page_size=1").json()
    two = api.get("/api/v1/claims/?page_size=2").json()

    assert [claim["id"] for claim in one["results"]] == [claims[0].pk]
    assert [claim["id"] for claim in two["results"]] == [claims[0].pk, claims[1].pk]
    assert one["previous"] is None
    assert claim_ids(api.get(two["next"])) == [claims[2].pk]


def test_first_rows_answer_nothing_but_the_first_rows_in_the_default_order():
    rows = PreparedFirstPages(TransferClaim.objects.all, ("-id",)).rows()

    with pytest.raises(NotImplementedError):
        rows.order_by("id")
    with pytest.raises(NotImplementedError):
        rows[1:3]


def test_the_first_page_writes_each_claim_as_a_filtered_list_does(api):
    serie_a, bundesliga = (
        CompetitionFactory(slug=s) for s in ("serie-a", "bundesliga")
    )
    described = TransferClaimFactory(
        from_club=None,
        from_described="a Serie A side",
        from_competition=serie_a,
        to_club=None,
        to_described="a Bundesliga side",
        to_competition=bundesliga,
    )
    AttributionFactory(claim=described)
    fee = loan_with_option()
    TransferClaimFactory()  # nothing described, credited or priced

    first = api.get("/api/v1/claims/?page_size=5").json()["results"]
    filtered = api.get("/api/v1/claims/?page_size=5&ordering=-reported_at").json()

    assert first == filtered["results"]
    shown = {claim["id"]: claim for claim in first}
    assert shown[described.pk]["from_party"]["competition"] == "serie-a"
    assert shown[described.pk]["to_party"]["competition"] == "bundesliga"
    assert shown[described.pk]["attributions"]
    assert shown[fee.pk]["amounts"]
