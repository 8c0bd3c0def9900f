"""The public cache (#6): what it serves, when it forgets, whom it never serves.

Each invalidation test warms a page anonymously, changes what it shows in
one way an editor would, and reads it again: the change must be there on
the very next request.
"""

import datetime as dt

import pytest
import time_machine
from django.apps import apps
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from rest_framework_api_key.models import APIKey
from simple_history.models import HistoricalChanges

from rumours.cache import dependencies as cache_dependencies
from rumours.cache import public as public_cache
from rumours.cache import signals as cache_signals
from rumours.models import Article, TransferClaim
from rumours.services.workflow import unpublish_article

from .factories import (
    ArticleFactory,
    ClubFactory,
    PlayerFactory,
    TransferClaimFactory,
    UserFactory,
)
from .support.public_urls import build_newsroom

pytestmark = pytest.mark.django_db

HIT = public_cache.HIT_HEADER
STAFF_MARKER = "staff-only-7c1e5d"


class StaffMarkerMiddleware:
    """Write a marker into every response a logged-in user gets (R5).

    It stands for anything a page shows staff only (an "edit" link, a
    preview banner): if such a page were cached, readers would see it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and not response.streaming:
            response.content += f"<!-- {STAFF_MARKER} -->".encode()
        return response


@pytest.fixture
def staff_marker(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.StaffMarkerMiddleware"]


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(UserFactory(staff=True))
    return client


def test_a_second_anonymous_request_is_served_from_the_cache_without_queries(
    client, django_assert_num_queries
):
    article = ArticleFactory()
    first = client.get(article.get_absolute_url())

    with django_assert_num_queries(0):
        second = client.get(article.get_absolute_url())

    assert first[HIT] == "miss"
    assert second[HIT] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


class CountingCache:
    """The real cache, recording which of its methods the public cache calls.

    ``get_many_with`` (Redis: more keys and a command in the same ``MGET``'s
    round trip) is recorded as the ``get_many`` it is; asking whether a
    method exists is not a call.
    """

    def __init__(self, cache):
        self.cache = cache
        self.calls = []

    def __getattr__(self, name):
        method = getattr(self.cache, name)
        self.calls.append("get_many" if name == "get_many_with" else name)
        return method


def test_a_list_hit_reads_the_cache_in_one_round_trip(client, monkeypatch):
    """Generation, changes, due time and entry come in one get_many: one MGET."""
    ArticleFactory()
    client.get("/")
    counting = CountingCache(public_cache.cache)
    monkeypatch.setattr(public_cache, "cache", counting)
    monkeypatch.setattr(cache_dependencies, "cache", counting)

    response = client.get("/")

    assert response[HIT] == "hit"
    assert counting.calls == ["get_many"]


def test_a_story_page_hit_reads_the_cache_in_two_round_trips(client, monkeypatch):
    """The second reads the numbers of the rows the page showed (#19)."""
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    counting = CountingCache(public_cache.cache)
    monkeypatch.setattr(public_cache, "cache", counting)
    monkeypatch.setattr(cache_dependencies, "cache", counting)

    response = client.get(article.get_absolute_url())

    assert response[HIT] == "hit"
    assert counting.calls == ["get_many", "get_many"]


def test_an_entry_rendered_in_an_older_generation_is_not_served(client):
    """A reader who rendered before a save stores under the old generation."""
    article = ArticleFactory(headline="Milan enquire about Dragusin")
    request = RequestFactory().get(article.get_absolute_url())
    slot, _, _ = public_cache.lookup("page", request)
    Article.objects.filter(pk=article.pk).update(headline="Milan bid for Dragusin")
    public_cache.bump_generation()
    stale = client.get(article.get_absolute_url(), HTTP_HOST="testserver")
    public_cache.store(slot, stale)  # the slow reader's write lands late

    response = client.get(article.get_absolute_url())

    assert response[HIT] == "miss"
    assert "Milan bid for Dragusin" in response.text


def test_public_cache_seconds_zero_turns_the_cache_off(client, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    article = ArticleFactory()
    client.get(article.get_absolute_url())

    response = client.get(article.get_absolute_url())

    assert not response.has_header(HIT)


def test_publishing_a_story_shows_it_on_the_next_request(client):
    draft = ArticleFactory(draft=True, headline="Dragusin talks opened")
    client.get("/")

    draft.status = Article.Status.PUBLISHED
    draft.published_at = timezone.now()
    draft.save()
    response = client.get("/")

    assert "Dragusin talks opened" in response.text


def test_editing_a_story_shows_the_edit_on_the_next_request(client):
    article = ArticleFactory(headline="Milan enquire")
    client.get(article.get_absolute_url())

    article.headline = "Milan bid"
    article.save()
    response = client.get(article.get_absolute_url())

    assert "Milan bid" in response.text
    assert "Milan enquire" not in response.text


def test_a_correction_shows_on_the_next_request(client):
    correction_model = apps.all_models["rumours"].get("correction")
    if correction_model is None:
        pytest.skip("no Correction model yet (#5)")
    article = ArticleFactory()
    client.get(article.get_absolute_url())

    correction_model.objects.create(article=article, note="The fee was in euros.")
    response = client.get(article.get_absolute_url())

    assert "The fee was in euros." in response.text


def test_resolving_a_claim_shows_the_outcome_on_the_next_request(client):
    claim = TransferClaimFactory()
    url = f"/api/v1/claims/{claim.pk}/"
    _, key = APIKey.objects.create_key(name="Calcio Daily")
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
    client.get(url, **headers)

    claim.outcome = TransferClaim.Outcome.CONFIRMED
    claim.resolved_at = timezone.now()
    claim.save()
    response = client.get(url, **headers)

    assert response[HIT] == "miss"
    assert response.json()["outcome"] == "confirmed"


def test_unpublishing_a_story_takes_it_down_on_the_next_request(client):
    article = ArticleFactory()
    client.get(article.get_absolute_url())

    unpublish_article(article=article)
    response = client.get(article.get_absolute_url())

    assert response.status_code == 404


def test_a_scheduled_story_appears_when_due_without_any_save(client):
    now = timezone.now()
    ArticleFactory(
        headline="Dragusin signs at midnight",
        published_at=now + dt.timedelta(seconds=20),
    )
    before = client.get("/")

    # Well within PUBLIC_CACHE_SECONDS: only the due time can end the entry.
    with time_machine.travel(now + dt.timedelta(seconds=21)):
        after = client.get("/")

    assert "Dragusin signs at midnight" not in before.text
    assert "Dragusin signs at midnight" in after.text


def test_a_change_of_a_club_or_player_shows_on_the_next_request(client):
    player = PlayerFactory(name="Radu Dragusin", current_club=ClubFactory())
    client.get(player.get_absolute_url())

    player.name = "Radu Drăgușin"
    player.save()
    response = client.get(player.get_absolute_url())

    assert "Radu Drăgușin" in response.text


def test_many_to_many_changes_invalidate(client):
    article = ArticleFactory()
    club = ClubFactory(name="Tottenham Hotspur")
    client.get(club.get_absolute_url())

    article.clubs.add(club)
    response = client.get(club.get_absolute_url())

    assert article.headline in response.text


def test_a_bulk_update_needs_a_bump_and_then_shows(client):
    article = ArticleFactory(headline="Milan enquire")
    client.get(article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(headline="Milan bid")
    stale = client.get(article.get_absolute_url())

    public_cache.bump_generation()
    fresh = client.get(article.get_absolute_url())

    assert "Milan enquire" in stale.text
    assert "Milan bid" in fresh.text


@pytest.mark.parametrize(
    "model",
    sorted(
        # History tables are never shown: their rows change nothing public.
        (
            model
            for model in apps.get_app_config("rumours").get_models()
            if not issubclass(model, HistoricalChanges)
        ),
        key=lambda m: m.__name__,
    ),
    ids=lambda model: model.__name__,
)
def test_a_save_of_every_newsroom_model_starts_a_new_generation(model):
    before = public_cache.current_generation()

    cache_signals.content_changed(sender=model, created=True, update_fields=None)

    assert public_cache.current_generation() > before


def test_a_login_alone_does_not_empty_the_cache(client):
    user = UserFactory(staff=True)
    before = public_cache.current_generation()

    Client().post(
        "/admin/login/", {"username": user.username, "password": "correct-horse-9"}
    )

    assert public_cache.current_generation() == before


def test_staff_never_get_a_cached_page(client, staff_client):
    article = ArticleFactory(headline="Milan enquire")
    client.get(article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(headline="Milan bid")

    staff = staff_client.get(article.get_absolute_url())
    reader = client.get(article.get_absolute_url())

    assert "Milan bid" in staff.text
    assert not staff.has_header(HIT)
    assert "Milan enquire" in reader.text


def test_staff_responses_are_private(staff_client):
    article = ArticleFactory()

    response = staff_client.get(article.get_absolute_url())

    assert "private" in response["Cache-Control"]


def test_a_cached_page_still_answers_304_to_its_etag(client):
    ArticleFactory()
    etag = client.get("/feeds/latest.json")["ETag"]

    response = client.get("/feeds/latest.json", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response[HIT] == "hit"


def test_a_cached_api_body_still_needs_a_valid_key(client):
    ArticleFactory()
    api_key, key = APIKey.objects.create_key(name="Calcio Daily")
    client.get("/api/v1/articles/", HTTP_AUTHORIZATION=f"Api-Key {key}")
    api_key.revoked = True
    api_key.save()

    missing = client.get("/api/v1/articles/")
    revoked = client.get("/api/v1/articles/", HTTP_AUTHORIZATION=f"Api-Key {key}")

    assert missing.status_code == 401
    assert revoked.status_code == 403


def test_a_cached_api_body_is_still_throttled(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"partner": "3/hour"},
    }
    _, key = APIKey.objects.create_key(name="Calcio Daily")
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
    admitted = [client.get("/api/v1/competitions/", **headers) for _ in range(3)]

    throttled = client.get("/api/v1/competitions/", **headers)

    assert [r[HIT] for r in admitted] == ["miss", "hit", "hit"]
    assert throttled.status_code == 429


def test_a_cached_api_body_keeps_its_validators_and_answers_304(client):
    ArticleFactory()
    _, key = APIKey.objects.create_key(name="Calcio Daily")
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
    first = client.get("/api/v1/articles/", **headers)

    second = client.get("/api/v1/articles/", **headers)
    conditional = client.get(
        "/api/v1/articles/", HTTP_IF_NONE_MATCH=first["ETag"], **headers
    )

    assert second[HIT] == "hit"
    assert second["ETag"] == first["ETag"]
    assert second["Last-Modified"] == first["Last-Modified"]
    assert conditional.status_code == 304


def test_the_editors_preview_is_never_cached(client):
    article = ArticleFactory(draft=True, headline="Secret bid for Dragusin")
    editor = Client()
    editor.force_login(UserFactory(superuser=True))
    preview = reverse("rumours:article-preview", kwargs={"pk": article.pk})
    seen_by_editor = editor.get(preview)

    anonymous = client.get(preview)

    assert seen_by_editor.status_code == 200
    assert not seen_by_editor.has_header(HIT)
    assert "private" in seen_by_editor["Cache-Control"]
    assert anonymous.status_code == 404
    assert "Secret bid for Dragusin" not in anonymous.text


def test_r5_pages_warmed_by_staff_are_never_served_to_readers(
    staff_marker, staff_client, reliability_report
):
    newsroom = build_newsroom()
    pages = newsroom.public_pages()
    api = newsroom.api_urls()
    not_private = []
    for url in pages.values():
        response = staff_client.get(url)
        assert STAFF_MARKER in response.text, url
        if "private" not in response["Cache-Control"]:
            not_private.append(url)
    for url in api.values():
        staff_client.get(url, **newsroom.api_headers)
    reader = Client()

    hits = [url for url in pages.values() if STAFF_MARKER in reader.get(url).text]
    hits += [
        url
        for url in api.values()
        if STAFF_MARKER in reader.get(url, **newsroom.api_headers).text
    ]
    cached_now = [url for url in pages.values() if reader.get(url)[HIT] == "hit"]

    reliability_report(
        f"R5 cache isolation: {len(pages) + len(api)} urls, {len(hits)} marker "
        f"hits, {len(not_private)} staff responses without Cache-Control: private"
    )
    assert hits == []
    assert not_private == []
    assert cached_now == list(pages.values())  # the readers' cache did work


def test_a_plain_http_request_is_redirected_even_when_the_page_is_cached(
    client, settings
):
    """The cache sits outside SecurityMiddleware: the key holds the scheme."""
    settings.SECURE_SSL_REDIRECT = True
    article = ArticleFactory()
    secure = client.get(article.get_absolute_url(), secure=True)
    assert client.get(article.get_absolute_url(), secure=True)[HIT] == "hit"

    response = client.get(article.get_absolute_url())

    assert secure.status_code == 200
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


# Targeted invalidation (#19): a save forgets the pages that show what it
# changed, and every list, but not the rest of the newsroom.


def test_saving_one_story_leaves_another_storys_page_cached(client):
    kept, edited = ArticleFactory(), ArticleFactory()
    client.get(kept.get_absolute_url())

    edited.headline = "Milan bid"
    edited.save()
    response = client.get(kept.get_absolute_url())

    assert response[HIT] == "hit"


def test_any_save_forgets_the_home_page(client):
    ArticleFactory()
    client.get("/")

    ClubFactory()
    response = client.get("/")

    assert response[HIT] == "miss"


def test_editing_a_storys_text_leaves_the_home_page_cached(client):
    article = ArticleFactory()
    client.get("/")

    article.body = "A new paragraph."
    article.mark_revised()
    article.save()
    response = client.get("/")

    assert response[HIT] == "hit"


def test_a_new_headline_shows_on_the_home_page(client):
    article = ArticleFactory()
    client.get("/")

    article.headline = "Milan bid for Dragusin"
    article.save()

    assert "Milan bid for Dragusin" in client.get("/").text


def test_a_claim_saved_forgets_the_home_page(client):
    claim = TransferClaimFactory()
    client.get("/")

    claim.quote = "Milan have bid."
    claim.save()
    response = client.get("/")

    assert response[HIT] == "miss"


def test_editing_a_storys_text_forgets_the_feeds(client):
    article = ArticleFactory()
    feed = reverse("rumours:feed-latest-atom")
    client.get(feed)

    article.body = "A new paragraph."
    article.save()
    response = client.get(feed)

    assert response[HIT] == "miss"


def test_a_claims_change_shows_on_its_story_and_its_players_page(client):
    claim = TransferClaimFactory(quote="Milan have asked.")
    story, player = claim.article.get_absolute_url(), claim.player.get_absolute_url()
    client.get(story)
    client.get(player)

    claim.quote = "Milan have bid."
    claim.save()

    assert "Milan have bid." in client.get(story).text
    assert "Milan have bid." in client.get(player).text


def test_a_player_who_moves_leaves_both_squad_views_fresh(client):
    old, new = ClubFactory(), ClubFactory()
    player = PlayerFactory(name="Radu Dragusin", current_club=old)
    client.get(old.get_squad_url())
    client.get(new.get_squad_url())

    player.current_club = new
    player.save()

    assert "Radu Dragusin" not in client.get(old.get_squad_url()).text
    assert "Radu Dragusin" in client.get(new.get_squad_url()).text


def test_an_unpublished_story_leaves_its_clubs_and_players_pages(client):
    article = ArticleFactory(headline="Milan enquire about Dragusin")
    club, player = ClubFactory(), PlayerFactory()
    article.clubs.add(club)
    article.players.add(player)
    assert article.headline in client.get(club.get_absolute_url()).text
    assert article.headline in client.get(player.get_absolute_url()).text

    unpublish_article(article=article)

    assert article.headline not in client.get(club.get_absolute_url()).text
    assert article.headline not in client.get(player.get_absolute_url()).text


def test_a_page_rendered_while_something_was_saved_is_not_kept():
    article = ArticleFactory()
    request = RequestFactory().get(article.get_absolute_url())
    slot, _, _ = public_cache.lookup("page", request)
    ClubFactory()  # a save while the page renders: its rows may predate it
    rendered = HttpResponse("Rendered from rows read before the save.")
    public_cache.store(slot, rendered, tags={f"rumours.article:{article.pk}"})

    assert public_cache.lookup("page", request)[2] is None  # nothing stored


class SaveAsNumbersAreRead:
    """The real cache, with a save landing just before a page's row numbers are read."""

    def __init__(self, cache, tag):
        self.cache, self.tag, self.saved = cache, tag, False

    def __getattr__(self, name):
        return getattr(self.cache, name)

    def get_many(self, keys, *args, **kwargs):
        keys = list(keys)
        if not self.saved and cache_dependencies.TAG_KEY.format(tag=self.tag) in keys:
            self.saved = True
            cache_dependencies.bump({self.tag})
        return self.cache.get_many(keys, *args, **kwargs)


def test_a_page_whose_rows_were_saved_as_it_was_stored_is_not_kept(monkeypatch):
    article = ArticleFactory()
    request = RequestFactory().get(article.get_absolute_url())
    slot, _, _ = public_cache.lookup("page", request)
    tag = f"rumours.article:{article.pk}"
    rendered = HttpResponse("Rendered from rows read before the save.")
    monkeypatch.setattr(
        cache_dependencies, "cache", SaveAsNumbersAreRead(cache_dependencies.cache, tag)
    )

    public_cache.store(slot, rendered, tags={tag})

    assert public_cache.lookup("page", request)[2] is None  # nothing stored


def story_listing_another():
    """Return (a story, another its "More on these players" lists)."""
    player = PlayerFactory()
    listed, edited = ArticleFactory(), ArticleFactory(headline="Milan enquire")
    listed.players.add(player)
    edited.players.add(player)
    return listed, edited


def test_editing_a_storys_text_leaves_the_stories_that_list_it_cached(client):
    listed, edited = story_listing_another()
    client.get(listed.get_absolute_url())

    edited.body = "A new paragraph."
    edited.save()
    response = client.get(listed.get_absolute_url())

    assert response[HIT] == "hit"


def test_a_new_headline_shows_on_the_stories_that_list_it(client):
    listed, edited = story_listing_another()
    client.get(listed.get_absolute_url())

    edited.headline = "Milan bid"
    edited.save()
    response = client.get(listed.get_absolute_url())

    assert "Milan bid" in response.text


def test_publishing_a_story_shows_its_claims_on_their_sources_page(client):
    claim = TransferClaimFactory(article__draft=True, quote="Napoli have bid.")
    client.get(claim.source.get_absolute_url())

    claim.article.status = Article.Status.PUBLISHED
    claim.article.published_at = timezone.now()
    claim.article.save()

    assert "Napoli have bid." in client.get(claim.source.get_absolute_url()).text


def test_resolving_a_claim_refreshes_its_sources_record(client):
    """Even when the page no longer lists that claim: only its newest 100."""
    claim = TransferClaimFactory(reported_at=timezone.now() - dt.timedelta(days=9))
    TransferClaimFactory.create_batch(100, source=claim.source)
    client.get(claim.source.get_absolute_url())

    claim.outcome = TransferClaim.Outcome.CONFIRMED
    claim.resolved_at = timezone.now()
    claim.save()
    response = client.get(claim.source.get_absolute_url())

    assert response[HIT] == "miss"
