"""``changes/``: everything a partner applies to stay in sync, in order (#4).

Three streams merged by (time of change, kind, id):

- stories published or updated (``upsert`` of an article), changed at the
  later of their update and publication times, so a scheduled story that
  comes due is a change at the moment it appears;
- claims of published stories (``upsert`` of a claim), changed at the latest
  of the claim's update and its story's update and publication, so a story
  published again brings its claims back;
- tombstones (``delete``) of stories and claims taken down.

``since`` is an ISO 8601 time (changes at or after it) or the cursor of a
page's ``next`` link (changes strictly after that page). The cursor is the
last entry's position, so entries arriving meanwhile are never skipped.
"""

import base64
import binascii
import datetime as dt
import json

from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.utils.dateparse import parse_datetime
from django.utils.http import urlencode
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from ..models import Tombstone, TransferClaim
from .article_serializers import ArticleSerializer
from .pagination import MAX_PAGE_SIZE, parse_page_size
from .serializers import ClaimSerializer

ARTICLE, CLAIM, TOMBSTONE = 0, 1, 2

MESSAGE_SINCE = (
    "Give an ISO 8601 time with a time zone (2026-01-08T09:30:00Z) or the "
    "cursor from the “next” link of a page."
)


def encode_cursor(changed_at, rank, pk):
    payload = json.dumps({"t": changed_at.isoformat(), "r": rank, "i": pk})
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def parse_since(raw):
    """Return ``(time, None)`` for an ISO 8601 time, ``(None, position)`` for a cursor.

    Raise a 400 naming ``since`` for anything else.
    """
    if raw is None:
        return None, None
    try:
        when = parse_datetime(raw)
    except ValueError:
        when = None
    if when is not None:
        if when.tzinfo is None:
            raise ValidationError({"since": [MESSAGE_SINCE]})
        return when, None
    try:
        padded = raw + "=" * (-len(raw) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        position = (
            dt.datetime.fromisoformat(data["t"]),
            int(data["r"]),
            int(data["i"]),
        )
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeError):
        raise ValidationError({"since": [MESSAGE_SINCE]}) from None
    if position[0].tzinfo is None or position[1] not in (ARTICLE, CLAIM, TOMBSTONE):
        raise ValidationError({"since": [MESSAGE_SINCE]})
    return None, position


def after(field, rank, since, position):
    """Return the condition "this stream's entry comes after the request's start"."""
    if since is not None:
        return Q(**{f"{field}__gte": since})
    if position is None:
        return Q()
    changed_at, position_rank, pk = position
    later = Q(**{f"{field}__gt": changed_at})
    if rank > position_rank:
        return later | Q(**{field: changed_at})
    if rank == position_rank:
        return later | Q(**{field: changed_at, "pk__gt": pk})
    return later


def collect_changes(request, articles):
    """Return ``(entries, next_cursor)`` for the request's ``since`` and page size.

    ``articles`` is the published-story queryset with what the serializer
    reads. The same queries whatever the number of changes (the budget is in
    ``tests/api/test_api_queries.py``): the stories (with their clubs,
    players and claims), the claims (with their attributions and amounts),
    the tombstones.
    """
    since, position = parse_since(request.query_params.get("since"))
    size = parse_page_size(request)
    stories = (
        articles.annotate(changed_at=Greatest("updated_at", "published_at"))
        .filter(after("changed_at", ARTICLE, since, position))
        .order_by("changed_at", "pk")[: size + 1]
    )
    claims = (
        TransferClaim.objects.public()
        .with_parties()
        .with_attributions()
        .with_amounts()
        .with_lapse()
        .select_related("article")
        .annotate(
            changed_at=Greatest(
                "updated_at", F("article__updated_at"), F("article__published_at")
            )
        )
        .filter(after("changed_at", CLAIM, since, position))
        .order_by("changed_at", "pk")[: size + 1]
    )
    tombstones = (
        Tombstone.objects.annotate(changed_at=F("recorded_at"))
        .filter(after("changed_at", TOMBSTONE, since, position))
        .order_by("changed_at", "pk")[: size + 1]
    )
    merged = sorted(
        [
            *((item.changed_at, ARTICLE, item.pk, item) for item in stories),
            *((item.changed_at, CLAIM, item.pk, item) for item in claims),
            *((item.changed_at, TOMBSTONE, item.pk, item) for item in tombstones),
        ],
        key=lambda entry: entry[:3],
    )
    page = merged[:size]
    next_cursor = None
    if len(merged) > size:
        changed_at, rank, pk, _ = page[-1]
        next_cursor = encode_cursor(changed_at, rank, pk)
    return page, next_cursor


def next_link(request, cursor):
    if cursor is None:
        return None
    params = {"since": cursor}
    if "page_size" in request.query_params:
        params["page_size"] = request.query_params["page_size"]
    return request.build_absolute_uri(f"{request.path}?{urlencode(params)}")


class ChangeSerializer(serializers.Serializer):
    """One change; exactly one of ``article`` and ``claim`` is set for an upsert."""

    action = serializers.ChoiceField(
        choices=["upsert", "delete"],
        help_text="upsert: store this version; delete: take the item down.",
    )
    kind = serializers.ChoiceField(choices=["article", "claim"])
    id = serializers.IntegerField(help_text="The article's or claim's id.")
    changed_at = serializers.DateTimeField()
    reason = serializers.ChoiceField(
        choices=Tombstone.Reason.choices,
        allow_null=True,
        help_text="Why it was taken down (for a delete), else null.",
    )
    article = ArticleSerializer(allow_null=True)
    claim = ClaimSerializer(allow_null=True)

    def to_representation(self, entry):
        changed_at, rank, _, item = entry
        context = self.context
        base = {"changed_at": self.fields["changed_at"].to_representation(changed_at)}
        if rank == TOMBSTONE:
            return {
                "action": "delete",
                "kind": item.kind,
                "id": item.object_id,
                **base,
                "reason": item.reason,
                "article": None,
                "claim": None,
            }
        if rank == ARTICLE:
            return {
                "action": "upsert",
                "kind": "article",
                "id": item.pk,
                **base,
                "reason": None,
                "article": ArticleSerializer(item, context=context).data,
                "claim": None,
            }
        return {
            "action": "upsert",
            "kind": "claim",
            "id": item.pk,
            **base,
            "reason": None,
            "article": None,
            "claim": ClaimSerializer(item, context=context).data,
        }


class ChangesPageSerializer(serializers.Serializer):
    next = serializers.URLField(
        allow_null=True,
        help_text="The next page; null when you are up to date. Keep its "
        "``since`` for your next sync.",
    )
    results = ChangeSerializer(many=True)


class ChangesQuerySerializer(serializers.Serializer):
    """The query parameters, for the schema; parsing is ``parse_since()``."""

    since = serializers.CharField(
        required=False,
        help_text="An ISO 8601 time with a time zone, or the cursor of a "
        "page's next link. Leave out to start from the beginning.",
    )
    page_size = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        help_text=f"Changes per page, 1 to {MAX_PAGE_SIZE} (default 20).",
    )
