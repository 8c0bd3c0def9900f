"""The public cache (#6): anonymous pages, feeds, sitemaps and API bodies.

What is cached: the rendered response of an allow-listed public view (below;
the API's bodies in ``rumours.api.caching``), for GETs without a session
cookie, in Django's cache (Redis when ``REDIS_URL`` is set, so every app server
shares it), for ``PUBLIC_CACHE_SECONDS`` (0 turns it off).

Invalidation: every entry holds the newsroom's *generation* it was rendered
in, and is served only while that is still the generation: a number in the
shared cache, read in the same round trip as the entry. Any save, delete or
many-to-many change of a newsroom model (every model of this app, so new
ones are covered without a line here) bumps it, at once and again when the
transaction commits (a reader between the two could have cached the old rows
under the new number). A scheduled story coming due saves nothing, so the
cache also records, per generation, when the next scheduled story is due;
the first request after that time starts a new generation (the trap in
../shared/ECOSYSTEM.md).

Staff never get a cached page: a request with a session cookie neither reads
nor fills the cache, and its response is marked ``Cache-Control: private``.
The editors' preview and the admin are not on the allow-list.
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control

GENERATION_KEY = "public-cache:generation"
# (generation, POSIX time the next scheduled story is due or 0), one key for
# all generations, so a lookup reads it in the same round trip as the entry.
NEXT_DUE_KEY = "public-cache:next-due"
ENTRY_KEY = "public-cache:{kind}:{digest}"
NOTHING_DUE = 0
NEXT_DUE_SECONDS = 3600
HIT_HEADER = "X-Public-Cache"

# The public pages, feeds and sitemaps whose anonymous responses are cached.
CACHED_VIEWS = frozenset(
    {
        "rumours:home",
        "rumours:article-detail",
        "rumours:player-detail",
        "rumours:club-detail",
        "rumours:club-squad",
        "rumours:source-detail",
        "rumours:search",
        "feed-latest-json",
        "feed-latest-atom",
        "feed-latest-rss",
        "feed-club",
        "sitemap",
        "news-sitemap",
    }
)


def cache_seconds():
    return settings.PUBLIC_CACHE_SECONDS


def has_session(request):
    """Return whether the request may belong to a logged-in user.

    Decided from the cookie alone, with no query: the reader site never
    starts a session, so only a login sets one.
    """
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def may_use_cache(request):
    """Return whether this request may read and fill the public cache."""
    return cache_seconds() > 0 and request.method == "GET" and not has_session(request)


def bump_generation():
    """Make every cached page and body stale, on every app server.

    Call it after a write that sends no signal (``QuerySet.update()``,
    ``bulk_create()``); saves and deletes call it themselves.
    """
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        # Never set, or evicted: start from the clock, above any number
        # whose entries might still be stored.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)


def bump_generation_now_and_on_commit():
    bump_generation()
    transaction.on_commit(bump_generation)


def next_due_timestamp():
    """Return when the next scheduled story is due (a POSIX time), or 0.

    One query, on the (status, published_at) index.
    """
    from .models import Article

    due = Article.objects.filter(
        status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
    ).aggregate(due=Min("published_at"))["due"]
    return due.timestamp() if due else NOTHING_DUE


def current_generation():
    """Return the generation to read and write, starting a new one when due."""
    return lookup_slot(None)[0]


@dataclass(frozen=True)
class Slot:
    """Where a response is kept, and the generation it must be kept under."""

    key: str
    generation: int


def lookup_slot(key):
    """Return ``(generation, entry)``: the entry at ``key``, if still current.

    One cache round trip (a ``get_many``): the generation, the next due time
    and the entry together. An entry holds the generation it was rendered
    in and counts only under that generation. When the due time was recorded
    for an older generation, it is looked up again (one query, once per
    generation); when it has passed, a new generation starts and the entry
    (stored before the story came due) is not used.
    """
    for _attempt in range(2):
        keys = (
            [GENERATION_KEY, NEXT_DUE_KEY, key]
            if key
            else [GENERATION_KEY, NEXT_DUE_KEY]
        )
        found = cache.get_many(keys)
        generation = found.get(GENERATION_KEY)
        if generation is None:
            bump_generation()
            continue
        recorded = found.get(NEXT_DUE_KEY)
        if recorded is not None and recorded[0] == generation:
            due = recorded[1]
        else:
            due = next_due_timestamp()
            cache.set(NEXT_DUE_KEY, (generation, due), timeout=NEXT_DUE_SECONDS)
        if due == NOTHING_DUE or time.time() < due:
            entry = found.get(key)
            if entry is not None and entry.get("generation") != generation:
                entry = None
            return generation, entry
        bump_generation()
    return cache.get(GENERATION_KEY), None


def lookup(kind, request):
    """Return ``(slot, entry or None)`` of ``request``'s response.

    The absolute URL (scheme, host, path and query) names the response: the
    feeds, sitemaps and API links are absolute. Pass the slot to ``store``.
    """
    digest = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    key = ENTRY_KEY.format(kind=kind, digest=digest)
    generation, entry = lookup_slot(key)
    return Slot(key, generation), entry


def store(slot, response, *, private_ok=False):
    """Keep a rendered 200 response's body and headers, unless it sets cookies.

    A response marked ``private`` is kept only with ``private_ok``: the API's
    bodies are the same for every partner, and the key is checked before a
    kept body is served (``private`` tells shared HTTP caches to keep out).
    """
    if response.status_code != 200 or response.streaming or response.cookies:
        return
    cache_control = response.get("Cache-Control", "")
    if "no-store" in cache_control or ("private" in cache_control and not private_ok):
        return
    entry = {
        "generation": slot.generation,
        "content": response.content,
        "headers": list(response.items()),
    }
    cache.set(slot.key, entry, timeout=cache_seconds())


def thaw(entry):
    """Return the response ``store`` kept, marked as a cache hit."""
    response = HttpResponse(entry["content"])
    for header, value in entry["headers"]:
        response[header] = value
    response[HIT_HEADER] = "hit"
    response.public_cache_hit = True
    return response


def answer_conditionally(request, response):
    """Answer 304 to a matching ``If-None-Match``, as the views themselves do.

    Only the ETag is honoured: the pages that send one honour nothing else.
    """
    if not response.has_header("ETag"):
        return response
    conditional = get_conditional_response(
        request, etag=response["ETag"], response=response
    )
    if conditional is None:
        return response
    conditional[HIT_HEADER] = "hit"
    return conditional


def is_cached_view(request):
    if request.path_info.startswith(settings.STATIC_URL):
        return False  # WhiteNoise's, below; skip resolving the path.
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in CACHED_VIEWS


class PublicCacheMiddleware:
    """Serve and fill the public cache for anonymous GETs of public views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (may_use_cache(request) and is_cached_view(request)):
            response = self.get_response(request)
            if has_session(request):
                # Whatever a logged-in user sees stays in their browser.
                patch_cache_control(response, private=True)
            return response
        slot, entry = lookup("page", request)
        if entry is not None:
            return answer_conditionally(request, thaw(entry))
        response = self.get_response(request)
        if "Cookie" in response.get("Vary", "") and request.COOKIES:
            # The page read a cookie this request carries: not for everyone.
            return response
        store(slot, response)
        response[HIT_HEADER] = "miss"
        return response


def content_changed(sender, **kwargs):
    """Signal receiver: a newsroom row changed, so every cached view is stale."""
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    if sender._meta.app_label == "rumours" or is_byline_change(sender, kwargs):
        bump_generation_now_and_on_commit()


def is_byline_change(sender, kwargs):
    """Return whether a user's save may change a byline (not just a login)."""
    from django.contrib.auth import get_user_model

    if sender is not get_user_model():
        return False
    update_fields = kwargs.get("update_fields")
    return not (update_fields and set(update_fields) <= {"last_login"})


def connect_signals():
    """Bump the generation on every change of a newsroom model (apps.ready)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for name, signal in [
        ("post_save", post_save),
        ("post_delete", post_delete),
        ("m2m_changed", m2m_changed),
    ]:
        signal.connect(content_changed, dispatch_uid=f"public-cache-{name}")
