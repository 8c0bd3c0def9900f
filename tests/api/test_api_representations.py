"""Bodies written in one pass are the ones the declared fields write (#19)."""

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import timezone
from rest_framework import serializers as drf_serializers

from rumours.api.article_serializers import ArticleSerializer, OriginalReportSerializer
from rumours.api.fields import absolute
from rumours.models import Article

from ..factories import (
    ArticleFactory,
    AttributionFactory,
    ClaimAmountFactory,
    CorrectionFactory,
    SourceFactory,
    TransferClaimFactory,
)

pytestmark = pytest.mark.django_db


def aggregated_story():
    """Return a story with every optional part filled, loaded as the API loads it."""
    article = ArticleFactory(
        hero_credit="Photo: Agency",
        hero_alt="The player",
        hero_caption="At training",
        original_source=SourceFactory(),
        original_url="https://example.com/report",
        original_published_at=timezone.now() - dt.timedelta(days=1),
    )
    Article.objects.filter(pk=article.pk).update(
        hero_image="heroes/2026/01/abc.jpg", hero_width=1200, hero_height=800
    )
    claim = TransferClaimFactory(article=article, with_fee=True, deal_type="loan")
    ClaimAmountFactory(claim=claim, kind="release_clause", position=1)
    AttributionFactory(claim=claim)
    article.clubs.add(claim.to_club, claim.from_club)
    article.players.add(claim.player)
    CorrectionFactory(article=article)
    CorrectionFactory(article=article, note="Second note, with “quotes”.")
    return Article.objects.published().for_api().get(pk=article.pk)


def request():
    return RequestFactory().get("/api/v1/articles/", secure=True)


def test_a_story_in_one_pass_is_what_its_declared_fields_write():
    article = aggregated_story()
    serializer = ArticleSerializer(article, context={"request": request()})

    declared = drf_serializers.ModelSerializer.to_representation(serializer, article)

    assert serializer.data == declared
    assert list(serializer.data) == list(declared)
    assert declared["hero_image"]
    assert declared["original"]
    assert len(declared["corrections"]) == 2


@pytest.mark.parametrize("url", ["https://example.com/report", ""])
def test_an_original_report_is_what_its_declared_fields_write(url):
    article = aggregated_story()
    article.original_url = url
    serializer = OriginalReportSerializer(context={"request": request()})

    declared = drf_serializers.Serializer.to_representation(serializer, article)
    declared["url"] = declared["url"] or None  # the API's null for no address

    assert serializer.to_representation(article) == declared


def test_the_desk_s_own_story_has_no_original_report():
    article = Article.objects.published().for_api().get(pk=ArticleFactory().pk)

    data = ArticleSerializer(article, context={"request": request()}).data

    assert data["original"] is None
    assert data["hero_image"] is None


@pytest.mark.parametrize(
    "path",
    [
        "/players/ada-hegerberg/",
        "/stories/a-story/#claim-12",
        "/search/?q=a&page=2",
        "/players/josé/",
        "/players/with space/",
        "//elsewhere.example/x",
        "/a/./b/",
        "/a/../b/",
        "relative/",
    ],
)
def test_a_link_is_the_one_django_builds(path):
    expected = request().build_absolute_uri(path)

    assert absolute(request(), path) == expected
