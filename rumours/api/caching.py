"""ETag, Last-Modified and Cache-Control for the partner API (#4).

The ETag hashes the body, so any change a partner would see changes it,
including a scheduled story coming due without being saved. Last-Modified
is the newsroom's latest change: the latest of the published stories'
update and publication times, the public claims' update times and the
tombstones. Clubs, players, sources and competitions carry no timestamps,
so their endpoints answer 304 on a matching ``If-None-Match`` only, never
on ``If-Modified-Since`` alone.

Bodies are kept in the public cache (#6, ``rumours.cache.public``) with
their validators and every header the middleware gave them, except the
per-request ``RateLimit-*``. ``PartnerCacheMiddleware``, outermost, answers
a keyed GET from the cache before Django's stack and DRF run (#19): it reads
the key's row with the entry, in one round trip, checks the key and counts
the request against its rate limit exactly as DRF would, and otherwise
leaves the request to the view. There, the cache is entered after the key,
the permissions and the throttle have been checked (``initial()``), and a
handler wrapped in ``answered_from_cache`` returns the kept body instead of
running: a cached answer skips the queries, never the key or the count.
"""

import functools
import hashlib

from django.core.signals import setting_changed
from django.db.models import Exists, OuterRef, Subquery
from django.dispatch import receiver
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe
from rest_framework.exceptions import APIException

from ..cache import edge
from ..cache import public as public_cache
from ..models import Article, Tombstone, TransferClaim
from ..models.prepared import Param, PreparedQuery
from .auth import KEY_CACHE, checked_key, key_from_entry, presented_key
from .throttling import PartnerKeyThrottle, rate_limit_headers

CACHE_CONTROL = "private, max-age=60, must-revalidate"
# What differs between two partners' answers from one kept body.
PER_REQUEST_HEADERS = ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")
API_PREFIX = "/api/"
# What the partner API renders: JSON. A request that accepts no JSON gets
# DRF's 406 from the view, never an early answer.
JSON_MEDIA_RANGES = frozenset({"*/*", "application/*", "application/json"})
TOMBSTONE_TIMES = Tombstone.objects.order_by("-recorded_at").values("recorded_at")


def newest(rows, field):
    """Return a one-row queryset of the newest ``field`` among ``rows``.

    The rows are named in a correlated ``EXISTS`` on the primary key, so the
    database walks the index on ``field`` from the newest end and checks
    each row until one qualifies. Filtered directly, SQLite reads every
    published story through the (status, published_at) index and sorts
    them instead, an order of magnitude slower on the bulk newsroom
    (``bench/README.md``).
    """
    model = rows.model
    return (
        model._default_manager.filter(Exists(rows.filter(pk=OuterRef("pk"))))
        .order_by(f"-{field}")
        .values(field)[:1]
    )


def _newsroom_changes():
    """Return the one-row query of ``newsroom_last_modified()``, "now" a ``Param``."""
    now = Param("now", Article._meta.get_field("published_at"))
    stories = Article.objects.published(now=now)
    return (
        stories.order_by("-published_at")
        .annotate(
            story_updated=Subquery(newest(stories, "updated_at")),
            claim_updated=Subquery(
                newest(TransferClaim.objects.public(now=now), "updated_at")
            ),
            recorded=Subquery(TOMBSTONE_TIMES[:1]),
        )
        .values_list("published_at", "story_updated", "claim_updated", "recorded")[:1]
    )


# Compiled once a process: building and compiling the query cost far more
# than running it (#19, ``bench/README.md``).
NEWSROOM_CHANGES = PreparedQuery(_newsroom_changes)


def newsroom_last_modified():
    """Return when the public newsroom last changed, or None if it is empty.

    One query, whatever the size of the newsroom: the newest published story
    carries, as subqueries, the newest story update, public claim update and
    tombstone, each an index walk that stops at the first row that counts.
    Only an empty newsroom (no published story) asks once more, for the
    tombstones.
    """
    found = NEWSROOM_CHANGES.run(now=timezone.now())
    row = (
        found[0] if found else TOMBSTONE_TIMES.values_list("recorded_at", flat=True)[:1]
    )
    times = [time for time in row if time is not None]
    return max(times) if times else None


def answered_from_cache(handler):
    """Answer with the public cache's kept body, when it has one, not ``handler``."""

    @functools.wraps(handler)
    def answer(view, request, *args, **kwargs):
        visit = view.public_cache_visit
        if visit is not None and visit.hit is not None:
            return visit.hit
        return handler(view, request, *args, **kwargs)

    answer.answers_from_cache = True  # for ``PartnerCacheMiddleware``
    return answer


@functools.lru_cache(maxsize=4096)
def answers_from_cache(path):
    """Return whether the API view ``path`` resolves to answers GETs from the cache.

    Remembered per process, as the page door remembers its views.
    """
    try:
        view = resolve(path).func
    except Resolver404:
        return False
    view_class = getattr(view, "cls", None)
    if view_class is None or not issubclass(view_class, ConditionalResponseMixin):
        return False
    actions = getattr(view, "actions", None)
    handler = getattr(view_class, actions.get("get", "") if actions else "get", None)
    return getattr(handler, "answers_from_cache", False)


@receiver(setting_changed)
def forget_resolved_paths(*, setting, **kwargs):
    """Forget the remembered views when a test changes the URLconf."""
    if setting == "ROOT_URLCONF":
        answers_from_cache.cache_clear()


def accepts_json(request):
    """Return whether DRF would pick its JSON renderer for ``request``'s Accept."""
    accept = request.META.get("HTTP_ACCEPT", "*/*")
    ranges = {media.split(";")[0].strip().lower() for media in accept.split(",")}
    return not ranges.isdisjoint(JSON_MEDIA_RANGES)


def may_answer_early(request):
    """Return whether ``PartnerCacheMiddleware`` may answer ``request`` itself.

    A keyed GET of an endpoint that answers from the cache, accepting JSON.
    Conditional requests are left to the view, which honours
    ``If-Modified-Since`` where its timestamps cover its content.
    """
    meta = request.META
    return (
        request.path_info.startswith(API_PREFIX)
        and "HTTP_AUTHORIZATION" in meta
        and "HTTP_IF_NONE_MATCH" not in meta
        and "HTTP_IF_MODIFIED_SINCE" not in meta
        and public_cache.may_use_cache(request)
        and accepts_json(request)
        and answers_from_cache(request.path_info)
    )


class PartnerCacheMiddleware:
    """Answer partners from the public cache before the stack runs; keep bodies.

    Outermost, before ``PublicCacheMiddleware``. An early answer is given
    only when the kept body is fresh, the key's row is in the shared cache
    (read with the entry) and passes ``checked_key``, and the request is
    within its rate limit (counted here, once: DRF's throttle reuses the
    count). Anything else, a wrong or revoked key, a 429, a key not yet
    cached, goes through the whole stack and DRF, which answer it as they
    always have. Bodies are kept here, after every middleware has added its
    headers, so that an early answer carries the CSP and security headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Not twice: the edge (``rumours.cache.edge``) tried already if it
        # handed over its lookup.
        tried = getattr(request, "public_cache_visit", None) is not None
        if not tried and may_answer_early(request):
            answer = self.answer_early(request)
            if answer is not None:
                return answer
        response = self.get_response(request)
        visit = getattr(request, "public_cache_visit", None)
        if getattr(response, "partner_cache_keep", False) and visit is not None:
            # The body is the same for every partner; the key was checked.
            visit.keep(
                response,
                private_ok=True,
                leave_out=PER_REQUEST_HEADERS,
                all_headers=True,
            )
        return response

    def answer_early(self, request):
        hit = early_hit(request)
        if hit is None:
            return None
        response, rate_limit = hit[0].hit, hit[1]
        for header, value in rate_limit.items():
            response[header] = value
        return response


def early_hit(request):
    """Return ``(visit, RateLimit headers)`` when a partner may have the kept body.

    The kept body is fresh and was kept with every header, the key's row
    read with it is in the shared cache and passes ``checked_key``, and the
    request is within its rate limit (counted here, once). Otherwise None.
    """
    try:
        presented = presented_key(request)
    except APIException:
        return None  # the view says what is wrong with the header
    if presented is None:
        return None
    key, prefix = presented
    row = {KEY_CACHE.format(prefix=prefix): None}
    throttle = PartnerKeyThrottle()
    # A key this process has found valid is counted with the lookup, in one
    # round trip; any other only once checked, so that a wrong secret never
    # spends a partner's allowance.
    fetch = throttle.counting_fetch(request, prefix) if key in valid_keys else None
    visit = public_cache.enter(request, "api", also=row, fetch=fetch)
    entry = row.popitem()[1]
    if visit.entry is None or not visit.stored.get("all_headers") or entry is None:
        return None
    try:
        api_key = checked_key(key_from_entry(entry), key)
    except APIException:
        return None
    valid_keys.add(key)
    if not throttle.admits(request, api_key.prefix):
        return None  # DRF answers 429, with the request counted once
    return visit, rate_limit_headers(request)


class ValidKeys:
    """The partner keys this process has seen pass ``checked_key``.

    Only as digests, and bounded: forgotten all at once when full. A key
    in here is still checked on every request (it may have been revoked
    since); it is only counted before the check.
    """

    def __init__(self, size):
        self.size = size
        self.digests = set()

    def __contains__(self, key):
        return self.digest(key) in self.digests

    def add(self, key):
        if len(self.digests) >= self.size:
            self.digests.clear()
        self.digests.add(self.digest(key))

    @staticmethod
    def digest(key):
        return hashlib.sha256(key.encode()).digest()


valid_keys = ValidKeys(10_000)


def partner_hit(request):
    """The edge's partner door (``rumours.cache.edge``): ``(headers, body)`` or None.

    What ``PartnerCacheMiddleware`` would answer early, with the same
    headers; when it would not, the lookup and the count go to Django.
    """
    if not may_answer_early(request):
        return None
    hit = early_hit(request)
    if hit is None:
        edge.hand_over(request, "public_cache_visit", "partner_counted", "rate_limit")
        return None
    visit, rate_limit = hit
    headers = edge.hit_headers(visit.entry)
    headers += rate_limit.items()
    return headers, visit.entry["content"]


class ConditionalResponseMixin:
    """Add validators and Cache-Control to 200 GETs; answer 304 when they match.

    ``timestamps_cover_content`` says whether Last-Modified moves with every
    change of this endpoint's content (then ``If-Modified-Since`` is honoured).
    """

    timestamps_cover_content = False
    public_cache_visit = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # key, permissions, throttle
        # Entered already when ``PartnerCacheMiddleware`` tried to answer.
        visit = getattr(request._request, "public_cache_visit", None)
        if visit is None:
            visit = public_cache.enter(request._request, "api")
        self.public_cache_visit = visit

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if not getattr(response, "public_cache_hit", False):
            self.add_validators(response)
            # Kept by ``PartnerCacheMiddleware`` once every header is on it.
            response.partner_cache_keep = True
        last_modified = None
        if self.timestamps_cover_content and response.has_header("Last-Modified"):
            last_modified = parse_http_date_safe(response["Last-Modified"])
        conditional = get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=last_modified,
            response=response,
        )
        if conditional is not None and self.public_cache_visit is not None:
            # The 200 never reaches ``PartnerCacheMiddleware``: keep it with
            # the headers it has, for the view to answer from, never early.
            self.public_cache_visit.keep(response, private_ok=True)
        return conditional or response

    def add_validators(self, response):
        response.render()
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
        last_modified = newsroom_last_modified()
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified.timestamp())
        response["Cache-Control"] = CACHE_CONTROL
