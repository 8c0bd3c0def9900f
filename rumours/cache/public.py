"""The public cache (#6): anonymous pages, feeds, sitemaps and API bodies.

One component with one door: ``enter(request, kind)`` says whether the
request may use the cache and returns a ``Visit`` holding the stored
response (``visit.hit``) or the slot to keep a fresh one in
(``visit.keep(response)``). The page middleware (``rumours.cache.middleware``)
and the partner API (``rumours.api.caching``) both go through it.

What is cached: the rendered response of an allow-listed public view, for
GETs without a session cookie, in Django's cache (Redis when ``REDIS_URL``
is set, so every app server shares it), for ``PUBLIC_CACHE_SECONDS`` (0
turns it off).

Invalidation: every entry holds the newsroom's *generation* it was rendered
in, and is served only while that is still the generation: a number in the
shared cache, read in the same round trip as the entry. Writes that send no
model signal (bulk imports) bump it, at once and again when the transaction
commits (a reader between the two could have cached the old rows under the
new number). A scheduled story coming due saves nothing, so the cache also
records, per generation, when the next scheduled story is due; the first
request after that time starts a new generation.

A save forgets less (#19, ``dependencies``): a list's entry counts while
no save has happened since it was rendered (the changes counter, read in the
same round trip), a page about one thing while none of the rows it showed
has changed (a second round trip, for those rows' numbers). An entry is not
kept at all when a save happened while it was being rendered.

Staff never get a cached page: a request with a session cookie neither reads
nor fills the cache.
"""

import hashlib
import time
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response

from ..models import Article
from .dependencies import (
    CARD_CHANGES_KEY,
    CHANGES_KEY,
    increment,
    packed,
    tag_generations,
    tags_unmoved,
)
from .remembered import remembered_tags

GENERATION_KEY = "public-cache:generation"
# (generation, POSIX time the next scheduled story is due or 0), one key for
# all generations, so a lookup reads it in the same round trip as the entry.
NEXT_DUE_KEY = "public-cache:next-due"
# v2: the rows' numbers kept packed (``dependencies.packed``).
ENTRY_KEY = "public-cache:v2:{kind}:{digest}"
NOTHING_DUE = 0
NEXT_DUE_SECONDS = 3600
HIT_HEADER = "X-Public-Cache"
# What a database that is down or unreachable raises.
DATABASE_DOWN = (OperationalError, InterfaceError)


def cache_seconds():
    return settings.PUBLIC_CACHE_SECONDS


def stale_seconds():
    return settings.PUBLIC_CACHE_STALE_SECONDS


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
    """Return when the next scheduled story is due (a POSIX time), or 0."""
    due = Article.objects.next_due()
    return due.timestamp() if due else NOTHING_DUE


def current_generation():
    """Return the generation to read and write, starting a new one when due."""
    return lookup_slot(None)[0]


@dataclass(frozen=True)
class Slot:
    """Where a response is kept, and the generation and changes it was looked up in."""

    key: str
    generation: int
    changes: int = 0
    card_changes: int = 0


def read_keys(keys, counters=(), command=None):
    """Return ``({key: value}, counters' numbers, command's reply)`` in one round trip.

    ``counters``: keys of numbers kept by ``increment``, given back in their
    order as digits in bytes (or None), as Redis holds them, so that a page's
    row numbers compare at once (``newsroom.cache``'s ``get_many_with``). On
    a cache without it (local memory: development, tests), ``get_many`` and
    the same form; ``command`` (sent to Redis alone) then has no reply.
    """
    if not counters and command is None:
        return cache.get_many(keys), [], None
    get_many_with = getattr(cache, "get_many_with", None)
    if get_many_with is not None:
        return get_many_with(keys, counters=counters, command=command)
    found = cache.get_many([*keys, *counters])
    return found, [as_digits(found.get(counter)) for counter in counters], None


def as_digits(number):
    return None if number is None else b"%d" % number


def lookup_slot(key, also=None, fetch=None):
    """Return ``(generation, changes, entry, stored)``: the entry at ``key`` if
    still current, and whatever is stored there (for ``stale_response``, in
    the middleware).
    ``changes`` is the pair of counters (every change, changes to cards).

    ``also``, a dict of further cache keys, is filled with what they hold,
    read in the same round trip (the partner API's key row). ``fetch`` reads
    the keys as ``read_keys`` does (the partner door's also counts the
    request, in the same round trip).

    One cache round trip: the generation, the next due time and the entry
    together, with the numbers of the rows this process last found the
    entry depending on (``remembered_tags``), so that a page about one
    thing is usually checked in that same trip. An entry holds the
    generation it was rendered in and counts only under that generation.
    When the due time was recorded for an older generation, it is looked up
    again (one query, once per generation); when it has passed, a new
    generation starts and the entry (stored before the story came due) is
    not used.
    """
    stored = None
    for _attempt in range(2):
        keys = [GENERATION_KEY, CHANGES_KEY, CARD_CHANGES_KEY, NEXT_DUE_KEY]
        if key:
            keys.append(key)
        if also:
            keys += also
        tag_keys = remembered_tags.get(key) if key else ()
        found, numbers, _reply = (fetch or read_keys)(keys, tag_keys)
        if also:
            also.update((name, found.get(name)) for name in also)
        stored = found.get(key) if key else None
        generation = found.get(GENERATION_KEY)
        changes = found.get(CHANGES_KEY), found.get(CARD_CHANGES_KEY)
        if generation is None:
            bump_generation()
            continue
        if None in changes:
            increment([CHANGES_KEY, CARD_CHANGES_KEY])
            continue
        recorded = found.get(NEXT_DUE_KEY)
        if recorded is not None and recorded[0] == generation:
            due = recorded[1]
        else:
            due = next_due_timestamp()
            cache.set(NEXT_DUE_KEY, (generation, due), timeout=NEXT_DUE_SECONDS)
        if due == NOTHING_DUE or time.time() < due:
            fresh = is_fresh(stored, generation, changes, key=key, numbers=numbers)
            return generation, changes, stored if fresh else None, stored
        bump_generation()
    changes = cache.get(CHANGES_KEY), cache.get(CARD_CHANGES_KEY)
    return cache.get(GENERATION_KEY), changes, None, stored


def is_fresh(entry, generation, changes, *, key=None, numbers=None):
    """Return whether a stored entry may be served.

    Of this generation, not too old, and unchanged: a list while no save has
    happened (a list of story cards: no save a card may show), a page about
    one thing while none of its rows has moved (their ``numbers`` as
    ``read_keys`` gave them, when the lookup fetched the keys this process
    remembered for ``key``). ``changes``: the pair of counters
    ``lookup_slot`` read.
    """
    if entry is None or entry.get("generation") != generation:
        return False
    if time.time() >= entry.get("stored_at", 0) + cache_seconds():
        return False
    if "card_changes" in entry:
        return entry["card_changes"] == changes[1]
    if "tags" not in entry:
        return entry.get("changes") == changes[0]
    tags, kept = entry["tags"], entry["numbers"]
    if numbers is not None and remembered_tags.holds(key, tags):
        return None not in numbers and b" ".join(numbers) == kept
    if key is not None:
        remembered_tags.remember(key, tags)
    return tags_unmoved(tags, kept)


def lookup(kind, request, also=None, fetch=None):
    """Return ``(slot, entry or None, stored or None)`` of ``request``'s response.

    The absolute URL (scheme, host, path and query) names the response: the
    feeds, sitemaps and API links are absolute. Pass the slot to ``store``.
    ``also``, ``fetch``: as for ``lookup_slot``.
    """
    digest = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    key = ENTRY_KEY.format(kind=kind, digest=digest)
    try:
        generation, changes, entry, stored = lookup_slot(key, also, fetch)
    except DATABASE_DOWN:
        # Finding when the next story is due needs the database: without
        # it, nothing is served fresh or kept, but a stale copy may help.
        return None, None, cache.get(key)
    return Slot(key, generation, *changes), entry, stored


def store(
    slot,
    response,
    *,
    private_ok=False,
    tags=None,
    cards=False,
    leave_out=(),
    all_headers=False,
):
    """Keep a rendered 200 response's body and headers, unless it sets cookies.

    Headers named in ``leave_out`` are not kept (they differ per request).
    ``all_headers`` says the response has been through every middleware,
    so the entry may be served without them (``rumours.api.caching``).

    A response marked ``private`` is kept only with ``private_ok``: the API's
    bodies are the same for every partner, and the key is checked before a
    kept body is served (``private`` tells shared HTTP caches to keep out).
    With ``tags`` (the rows a page about one thing showed), the entry
    depends on those rows only; it is not kept if anything was saved while
    it was rendered, since the rows read may predate that save. With
    ``cards`` (a list of story cards), it depends on the changes cards show.
    """
    if response.status_code != 200 or response.streaming or response.cookies:
        return
    cache_control = response.get("Cache-Control", "")
    if "no-store" in cache_control or ("private" in cache_control and not private_ok):
        return
    entry = {
        "generation": slot.generation,
        "stored_at": time.time(),
        "content": response.content,
        "headers": [
            (header, value)
            for header, value in response.items()
            if header not in leave_out
        ],
    }
    if all_headers:
        entry["all_headers"] = True
    if cards:
        entry["card_changes"] = slot.card_changes
    elif tags is None:
        entry["changes"] = slot.changes
    else:
        generations, changes = tag_generations(tags)
        if changes != slot.changes:
            return
        entry["tags"], entry["numbers"] = packed(generations)
    # Kept past its freshness, to answer with if the database goes down.
    cache.set(slot.key, entry, timeout=cache_seconds() + stale_seconds())


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


@dataclass
class Visit:
    """A request's way through the cache: what it found, and where to keep."""

    request: object
    slot: Slot | None = None
    entry: dict | None = None  # the fresh entry found, if any
    stored: dict | None = None  # any copy kept, fresh or not

    @cached_property
    def hit(self):
        """The fresh entry as a response, or None (built once, when asked)."""
        return thaw(self.entry) if self.entry is not None else None

    def keep(self, response, **options):
        """Keep ``response`` for the next reader, if the request may use the cache.

        ``options``: those of ``store``.
        """
        if self.slot is None or getattr(response, "public_cache_hit", False):
            return response
        store(self.slot, response, **options)
        response[HIT_HEADER] = "miss"
        return response


def enter(request, kind, also=None, fetch=None):
    """Return the ``Visit`` of ``request`` to the ``kind`` ("page", "api") cache.

    A request that may not use the cache (not a GET, a session cookie, the
    cache turned off) gets an empty visit: no hit, and nothing is kept.
    ``also``, ``fetch``: as for ``lookup_slot``.
    """
    if not may_use_cache(request):
        return Visit(request)
    slot, entry, stored = lookup(kind, request, also, fetch)
    visit = Visit(request, slot, entry, stored)
    request.public_cache_visit = visit  # for ``stale_response``
    return visit
