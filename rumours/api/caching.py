"""ETag, Last-Modified and Cache-Control for the partner API (#4).

The ETag hashes the body, so any change a partner would see changes it,
including a scheduled story coming due without being saved (the trap in
../shared/ECOSYSTEM.md). Last-Modified is the newsroom's latest change: the
latest of the published stories' update and publication times, the public
claims' update times and the tombstones. Clubs, players, sources and
competitions carry no timestamps, so their endpoints answer 304 on a
matching ``If-None-Match`` only, never on ``If-Modified-Since`` alone.
"""

import hashlib

from django.db.models import Max
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from ..models import Article, Tombstone, TransferClaim

CACHE_CONTROL = "private, max-age=60, must-revalidate"


def newsroom_last_modified():
    """Return when the public newsroom last changed, or None if it is empty.

    Three queries, whatever the size of the newsroom.
    """
    stories = Article.objects.published().aggregate(
        updated=Max("updated_at"), published=Max("published_at")
    )
    claims = TransferClaim.objects.public().aggregate(updated=Max("updated_at"))
    tombstones = Tombstone.objects.aggregate(recorded=Max("recorded_at"))
    times = [
        stories["updated"],
        stories["published"],
        claims["updated"],
        tombstones["recorded"],
    ]
    times = [time for time in times if time is not None]
    return max(times) if times else None


class ConditionalResponseMixin:
    """Add validators and Cache-Control to 200 GETs; answer 304 when they match.

    ``timestamps_cover_content`` says whether Last-Modified moves with every
    change of this endpoint's content (then ``If-Modified-Since`` is honoured).
    """

    timestamps_cover_content = False

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
        last_modified = newsroom_last_modified()
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified.timestamp())
        response["Cache-Control"] = CACHE_CONTROL
        honoured = last_modified if self.timestamps_cover_content else None
        conditional = get_conditional_response(
            request,
            etag=etag,
            last_modified=int(honoured.timestamp()) if honoured else None,
            response=response,
        )
        return conditional or response
