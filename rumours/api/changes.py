"""``changes/``: everything a partner applies to stay in sync, in order (#4, #17).

Three streams merged by (time of change, kind, id):

- stories published or updated (``upsert`` of an article), changed at the
  later of their update and publication times, so a scheduled story that
  comes due is a change at the moment it appears;
- claims of published stories (``upsert`` of a claim), changed at the later
  of the claim's update and its story's publication: editing one claim is
  one entry, and editing a story's words does not re-emit its claims, while
  a story published again brings its claims back;
- tombstones (``delete``) of stories and claims taken down.

Entries are light: what changed and where to read it (``url`` in the API,
``web_url`` on the site), never the object itself.

``since`` is a date (midnight UTC), an ISO 8601 time with its offset, or the
position token of a page's ``next`` link (changes strictly after that
entry). ``next`` is always there: when you are up to date
(``up_to_date``), it is where to ask again later.
"""

import base64
import binascii
import datetime as dt
import json
import re

from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import urlencode
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError

from ..models import Tombstone, TransferClaim
from .fields import absolute
from .pagination import MAX_PAGE_SIZE, parse_page_size

ARTICLE, CLAIM, TOMBSTONE = 0, 1, 2

MESSAGE_SINCE = (
    "Give a date (2026-12-04, from midnight UTC), an ISO 8601 time with its "
    "offset (2026-01-08T09:30:00Z) or the since of a page's “next” link."
)
MESSAGE_SINCE_SPACE = (
    "This time has a space where its offset's “+” should be: in a URL query a "
    "“+” means a space, so encode it as %2B (2026-01-08T09:30:00%2B01:00), or "
    "give the time in UTC with a Z."
)
MESSAGE_SINCE_TOKEN = (
    "This position is not one the API gave out: use the since of a page's "
    "“next” link, a date or a time."
)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A "+01:00" offset that arrived as " 01:00".
SPACED_OFFSET = re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d+)?)? \d{2}(:?\d{2})?$")
# The position tokens ``encode_cursor`` writes: URL-safe base64, no padding.
TOKEN_PATTERN = r"^[A-Za-z0-9_-]{20,}$"
SINCE_SCHEMA = {
    "oneOf": [
        {"type": "string", "format": "date"},
        {"type": "string", "format": "date-time"},
        {"type": "string", "pattern": TOKEN_PATTERN},
    ]
}


def encode_cursor(changed_at, rank, pk):
    payload = json.dumps({"t": changed_at.isoformat(), "r": rank, "i": pk})
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def parse_since(raw):
    """Return ``(time, None)`` for a date or time, ``(None, position)`` for a token.

    Raise a 400 naming ``since`` for a malformed value, a 404 for a
    well-formed token the API did not give out.
    """
    if raw is None:
        return None, None
    if not raw:
        raise ValidationError({"since": [MESSAGE_SINCE]})
    when = parse_time(raw)
    if when is not None:
        return when, None
    if SPACED_OFFSET.search(raw):
        raise ValidationError({"since": [MESSAGE_SINCE_SPACE]})
    if not re.match(TOKEN_PATTERN, raw):
        raise ValidationError({"since": [MESSAGE_SINCE]})
    try:
        padded = raw + "=" * (-len(raw) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        position = (
            dt.datetime.fromisoformat(data["t"]),
            int(data["r"]),
            int(data["i"]),
        )
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeError):
        raise NotFound(MESSAGE_SINCE_TOKEN) from None
    if position[0].tzinfo is None or position[1] not in (ARTICLE, CLAIM, TOMBSTONE):
        raise NotFound(MESSAGE_SINCE_TOKEN)
    try:
        return None, (position[0].astimezone(dt.UTC), *position[1:])
    except OverflowError:
        raise NotFound(MESSAGE_SINCE_TOKEN) from None


def parse_time(raw):
    """Return the aware time ``raw`` names (a date is its midnight UTC), or None.

    A time without an offset is a 400: which zone was meant cannot be known.
    """
    try:
        # A date first: Python reads "2026-12-04" as a naive datetime too.
        day = parse_date(raw) if DATE.match(raw) else None
        when = None if day is not None else parse_datetime(raw)
    except ValueError:
        raise ValidationError({"since": [MESSAGE_SINCE]}) from None
    if day is not None:
        return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    if when is not None and when.tzinfo is None:
        raise ValidationError({"since": [MESSAGE_SINCE]})
    return in_utc(when) if when is not None else None


def in_utc(when):
    """Return ``when`` in UTC; a 400 when UTC cannot hold it.

    PostgreSQL refuses offsets past 15:59 that Python accepts (``-20:20``).
    """
    try:
        return when.astimezone(dt.UTC)
    except OverflowError:
        raise ValidationError({"since": [MESSAGE_SINCE]}) from None


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
    """Return ``(entries, last_position)`` for the request's ``since`` and page size.

    ``entries`` has one more than a page when more follow. Three queries
    whatever the number of changes (the budget is in
    ``tests/api/test_api_queries.py``): the stories, the claims and the
    tombstones, each reading only what an entry says.
    """
    since, position = parse_since(request.query_params.get("since"))
    size = parse_page_size(request)
    stories = (
        articles.annotate(changed_at=Greatest("updated_at", "published_at"))
        .filter(after("changed_at", ARTICLE, since, position))
        .only("slug")
        .order_by("changed_at", "pk")[: size + 1]
    )
    claims = (
        TransferClaim.objects.public()
        .annotate(
            changed_at=Greatest("updated_at", F("article__published_at")),
            article_slug=F("article__slug"),
        )
        .filter(after("changed_at", CLAIM, since, position))
        .only("pk")
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
    return merged[: size + 1], size


def next_link(request, entries, size):
    """Return (the ``next`` link, up to date?): always a link to ask again.

    After the page's last entry; with no entry, the same ``since`` as asked.
    """
    page = entries[:size]
    if page:
        changed_at, rank, pk, _ = page[-1]
        since = encode_cursor(changed_at, rank, pk)
    else:
        since = request.query_params.get("since")
    params = {"since": since} if since else {}
    if "page_size" in request.query_params:
        params["page_size"] = request.query_params["page_size"]
    query = f"?{urlencode(params)}" if params else ""
    return request.build_absolute_uri(f"{request.path}{query}"), len(entries) <= size


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class ChangeLinkField(serializers.Field):
    """Where to read the changed object: in the API (``url``) or on the site."""

    def __init__(self, *, web, **kwargs):
        self.web = web
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, entry):
        _, rank, pk, item = entry
        if rank == TOMBSTONE:
            return None
        if rank == ARTICLE:
            path = (
                item.get_absolute_url()
                if self.web
                else reverse("api:article-detail", args=[item.slug])
            )
        elif self.web:
            path = reverse("rumours:article-detail", args=[item.article_slug])
            path += f"#claim-{pk}"
        else:
            path = reverse("api:claim-detail", args=[pk])
        return absolute(self.context.get("request"), path)


class ChangeSerializer(serializers.Serializer):
    """One change: what changed and where to read it, never the object itself."""

    action = serializers.ChoiceField(
        choices=["upsert", "delete"],
        help_text="upsert: fetch ``url`` and store it; delete: take the item down.",
    )
    kind = serializers.ChoiceField(choices=["article", "claim"])
    id = serializers.IntegerField(help_text="The article's or claim's id.")
    changed_at = serializers.DateTimeField()
    reason = serializers.ChoiceField(
        choices=Tombstone.Reason.choices,
        allow_null=True,
        help_text="Why it was taken down (for a delete), else null.",
    )
    url = ChangeLinkField(
        web=False, help_text="The object in the API (null for a delete)."
    )
    web_url = ChangeLinkField(
        web=True,
        help_text="Its page, or its place on its story's page (null for a delete).",
    )

    def to_representation(self, entry):
        changed_at, rank, _, item = entry
        tombstone = rank == TOMBSTONE
        return {
            "action": "delete" if tombstone else "upsert",
            "kind": item.kind if tombstone else ("article", "claim")[rank],
            "id": item.object_id if tombstone else item.pk,
            "changed_at": self.fields["changed_at"].to_representation(changed_at),
            "reason": item.reason if tombstone else None,
            "url": self.fields["url"].to_representation(entry),
            "web_url": self.fields["web_url"].to_representation(entry),
        }


class ChangesPageSerializer(serializers.Serializer):
    next = serializers.URLField(
        help_text="Where to continue: always given. Keep it (or its ``since``) "
        "and ask it next time; when you are up to date it returns what "
        "changed since this page's last entry."
    )
    up_to_date = serializers.BooleanField(
        help_text="True when this page holds the newest changes: stop paging."
    )
    results = ChangeSerializer(many=True)


@extend_schema_field(SINCE_SCHEMA)
class SinceField(serializers.CharField):
    """A date, a time with its offset, or a position token (``parse_since``)."""


class ChangesQuerySerializer(serializers.Serializer):
    """The query parameters, for the schema; parsing is ``parse_since()``."""

    since = SinceField(
        required=False,
        help_text="A date (from its midnight UTC), an ISO 8601 time with its "
        "offset (encode a “+” as %2B), or the since of a page's next link. "
        "Leave out to start from the beginning.",
    )
    page_size = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        help_text=f"Changes per page, 1 to {MAX_PAGE_SIZE} (default 20).",
    )
