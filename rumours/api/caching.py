"""ETag, Last-Modified and Cache-Control for the partner API (#4).

The ETag hashes the body, so any change a partner would see changes it,
including a scheduled story coming due without being saved. Last-Modified
is the newsroom's latest change: the latest of the published stories'
update and publication times, the public claims' update times and the
tombstones. Clubs, players, sources and competitions carry no timestamps,
so their endpoints answer 304 on a matching ``If-None-Match`` only, never
on ``If-Modified-Since`` alone.

Bodies are kept in the public cache (#6, ``rumours.cache.public``) with
their validators. The API enters it after the key, the permissions and the
throttle have been checked (``initial()``), and a handler wrapped in
``answered_from_cache`` returns the kept body instead of running: a cached
answer skips the queries, never the key.
"""

import functools
import hashlib

from django.db.models import Exists, OuterRef, Subquery
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from ..cache import public as public_cache
from ..models import Article, Tombstone, TransferClaim

CACHE_CONTROL = "private, max-age=60, must-revalidate"


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


def newsroom_last_modified():
    """Return when the public newsroom last changed, or None if it is empty.

    One query, whatever the size of the newsroom: the newest published story
    carries, as subqueries, the newest story update, public claim update and
    tombstone, each an index walk that stops at the first row that counts.
    Only an empty newsroom (no published story) asks once more, for the
    tombstones.
    """
    stories = Article.objects.published()
    tombstones = Tombstone.objects.order_by("-recorded_at").values("recorded_at")
    row = (
        stories.order_by("-published_at")
        .annotate(
            story_updated=Subquery(newest(stories, "updated_at")),
            claim_updated=Subquery(
                newest(TransferClaim.objects.public(), "updated_at")
            ),
            recorded=Subquery(tombstones[:1]),
        )
        .values_list("published_at", "story_updated", "claim_updated", "recorded")
        .first()
    )
    if row is None:
        row = tombstones.values_list("recorded_at", flat=True)[:1]
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

    return answer


class ConditionalResponseMixin:
    """Add validators and Cache-Control to 200 GETs; answer 304 when they match.

    ``timestamps_cover_content`` says whether Last-Modified moves with every
    change of this endpoint's content (then ``If-Modified-Since`` is honoured).
    """

    timestamps_cover_content = False
    public_cache_visit = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # key, permissions, throttle
        self.public_cache_visit = public_cache.enter(request._request, "api")

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if not getattr(response, "public_cache_hit", False):
            self.add_validators(response)
            if self.public_cache_visit is not None:
                # The body is the same for every partner; the key was checked.
                self.public_cache_visit.keep(response, private_ok=True)
        last_modified = None
        if self.timestamps_cover_content and response.has_header("Last-Modified"):
            last_modified = parse_http_date_safe(response["Last-Modified"])
        conditional = get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=last_modified,
            response=response,
        )
        return conditional or response

    def add_validators(self, response):
        response.render()
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
        last_modified = newsroom_last_modified()
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified.timestamp())
        response["Cache-Control"] = CACHE_CONTROL
