"""A new source is not yet rated: no tier is shown that no editor chose (#13)."""

import pytest
from django.test import Client

from rumours.models import Source
from rumours.services.interchange import NewsroomImportError, import_newsroom

from .factories import SourceFactory, TransferClaimFactory
from .support.editorial import editor, logged_in, reporter

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]


def newsroom_with_sources(*sources):
    return {"format": "transfer-desk-newsroom", "version": 1, "sources": list(sources)}


def test_a_source_starts_unrated():
    source = Source.objects.create(
        name="Il Corriere", slug="il-corriere", kind="outlet"
    )

    assert source.reliability_tier is None
    assert source.get_reliability_tier_display() == "Not yet rated"


def test_a_story_credits_an_unrated_source_without_a_tier(client):
    source = SourceFactory(name="Il Corriere", reliability_tier=None)
    claim = TransferClaimFactory(source=source, quote="")

    page = client.get(claim.article.get_absolute_url()).content.decode()

    assert "(not yet rated)" in page
    assert "(tier" not in page


def test_the_source_page_says_not_yet_rated(client):
    source = SourceFactory(reliability_tier=None)

    page = client.get(source.get_absolute_url()).content.decode()

    assert "<dt>Reliability</dt><dd>Not yet rated</dd>" in page


def test_unrated_sources_sort_after_tier_5():
    weak = SourceFactory(name="B", reliability_tier=5)
    unrated = SourceFactory(name="A", reliability_tier=None)
    strong = SourceFactory(name="C", reliability_tier=1)

    assert list(Source.objects.all()) == [strong, weak, unrated]


def test_the_dashboard_lists_unrated_sources_for_those_who_rate():
    SourceFactory(name="Rated Gazette", reliability_tier=2)
    SourceFactory(name="New Voice", reliability_tier=None)

    response = logged_in(Client(), editor()).get("/admin/")

    assert [s.name for s in response.context["desk"]["unrated_sources"]] == [
        "New Voice"
    ]
    assert "?reliability_tier__isnull=True" in response.content.decode()


def test_the_dashboard_has_no_rating_list_for_a_reporter():
    SourceFactory(reliability_tier=None)

    response = logged_in(Client(), reporter()).get("/admin/")

    assert response.context["desk"]["unrated_sources"] is None
    assert "Sources to rate" not in response.content.decode()


def test_the_admin_filters_the_sources_not_yet_rated():
    SourceFactory(name="Rated Gazette", reliability_tier=2)
    SourceFactory(name="New Voice", reliability_tier=None)

    response = logged_in(Client(), editor()).get(
        "/admin/rumours/source/?reliability_tier__isnull=True"
    )

    names = [s.name for s in response.context["cl"].result_list]
    assert names == ["New Voice"]


def test_an_imported_source_without_a_tier_is_unrated():
    import_newsroom(newsroom_with_sources({"name": "Radio Sport", "kind": "outlet"}))

    assert Source.objects.get(name="Radio Sport").reliability_tier is None


def test_an_imported_tier_out_of_range_names_null_as_allowed():
    document = newsroom_with_sources(
        {"name": "Radio Sport", "kind": "outlet", "reliability_tier": 0}
    )

    with pytest.raises(NewsroomImportError) as error:
        import_newsroom(document)

    assert "expected a whole number from 1 to 5, or null, not 0" in str(error.value)
    assert not Source.objects.filter(name="Radio Sport").exists()
