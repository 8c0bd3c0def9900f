"""What a public cache hit costs (#19): its round trips, kept as fresh as before.

A process remembers the rows each page about one thing depended on when it
last read it, and fetches their numbers with the entry itself the next time.
"""

import pytest
from django.db.models.signals import post_init

from rumours.cache import dependencies as cache_dependencies
from rumours.cache import edge
from rumours.cache import public as public_cache
from rumours.cache.remembered import remembered_tags
from rumours.models import Source, SourceRecord, TransferClaim

from .factories import ArticleFactory, SourceFactory, TransferClaimFactory
from .test_cache import CountingCache

pytestmark = pytest.mark.django_db

HIT = public_cache.HIT_HEADER


def count_calls(monkeypatch):
    counting = CountingCache(public_cache.cache)
    monkeypatch.setattr(public_cache, "cache", counting)
    monkeypatch.setattr(cache_dependencies, "cache", counting)
    return counting


def test_a_story_page_read_again_is_checked_in_one_round_trip(client, monkeypatch):
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    client.get(article.get_absolute_url())
    counting = count_calls(monkeypatch)

    response = client.get(article.get_absolute_url())

    assert response[HIT] == "hit"
    assert counting.calls == ["get_many"]


def test_a_save_after_the_rows_were_remembered_shows_on_the_next_request(client):
    claim = TransferClaimFactory(quote="Milan have asked.")
    story = claim.article.get_absolute_url()
    client.get(story)
    client.get(story)

    claim.quote = "Milan have bid."
    claim.save()
    response = client.get(story)

    assert response[HIT] == "miss"
    assert "Milan have bid." in response.text


def test_a_page_rendered_again_with_other_rows_is_checked_against_them(client):
    article = ArticleFactory()
    story = article.get_absolute_url()
    client.get(story)
    client.get(story)
    claim = TransferClaimFactory(article=article, quote="Milan have asked.")
    client.get(story)  # rendered again: now also shows the claim and its player

    claim.player.name = "Radu Dragusin"
    claim.player.save()
    response = client.get(story)

    assert response[HIT] == "miss"
    assert "Radu Dragusin" in response.text


@pytest.mark.parametrize(
    "kept",
    [
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", "5")],
        [("X-Frame-Options", "DENY"), ("Content-Type", "application/json")],
        [("content-length", "5"), ("ETag", '"abc"')],
    ],
    ids=["content-type-first", "content-type-later", "no-content-type"],
)
def test_the_edge_sends_the_headers_of_the_thawed_response_in_its_order(kept):
    entry = {"content": b"hello", "headers": kept}

    assert edge.hit_headers(entry) == list(public_cache.thaw(entry).items())


def test_rows_are_heard_only_while_a_page_records_them():
    claim = TransferClaimFactory()
    tag = f"rumours.transferclaim:{claim.pk}"
    assert not post_init.has_listeners(TransferClaim)

    with cache_dependencies.recording() as outer:
        with cache_dependencies.recording() as inner:
            TransferClaim.objects.get(pk=claim.pk)
        heard_after_inner = post_init.has_listeners(TransferClaim)
        TransferClaim.objects.get(pk=claim.pk)

    assert (inner, outer, heard_after_inner) == ({tag}, {tag}, True)
    assert not post_init.has_listeners(TransferClaim)


def test_a_sources_kept_record_is_not_a_row_pages_depend_on():
    """Derived rows are rewritten without signals: their numbers never move."""
    claim = TransferClaimFactory(confirmed=True)
    assert SourceRecord.objects.filter(source=claim.source).exists()

    with cache_dependencies.recording() as tags:
        list(SourceRecord.objects.all())
        Source.objects.get(pk=claim.source_id)

    assert tags == {f"rumours.source:{claim.source_id}"}


def test_a_claim_resolved_elsewhere_updates_the_record_beside_its_source(client):
    source = SourceFactory()
    TransferClaimFactory.create_batch(10, source=source, confirmed=True)
    elsewhere = TransferClaimFactory(source=source)
    story = TransferClaimFactory(source=source).article.get_absolute_url()
    client.get(story)
    assert "10 proved true" in client.get(story).text

    elsewhere.outcome = TransferClaim.Outcome.CONFIRMED
    elsewhere.resolved_at = elsewhere.reported_at
    elsewhere.save()
    response = client.get(story)

    assert response[HIT] == "miss"
    assert "11 proved true" in response.text


@pytest.mark.parametrize("remembered", [True, False], ids=["remembered", "first-read"])
def test_a_page_whose_row_number_was_evicted_is_rendered_again(client, remembered):
    article = ArticleFactory()
    story = article.get_absolute_url()
    client.get(story)
    client.get(story)
    if not remembered:  # as in a process that has not read the entry yet
        remembered_tags.keys.clear()

    public_cache.cache.delete(cache_dependencies.TAG_KEY.format(tag=tag_of(article)))
    response = client.get(story)

    assert response[HIT] == "miss"


def test_a_page_about_one_thing_is_served_while_its_rows_are_unmoved(client):
    article = ArticleFactory()
    story = article.get_absolute_url()
    client.get(story)
    remembered_tags.keys.clear()

    assert [client.get(story)[HIT] for _ in range(2)] == ["hit", "hit"]


def tag_of(article):
    return cache_dependencies.tag_of(type(article), article.pk)
