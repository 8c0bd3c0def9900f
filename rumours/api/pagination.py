"""Cursor pagination that refuses what it cannot honour (#4, R15, #17).

DRF's ``CursorPagination`` silently caps ``page_size=1000000`` at the maximum;
here that is a 400 naming the parameter, as is an empty ``cursor=`` (the
schema asks for at least one character). A cursor the API did not give out
(its shape is right, its signature wrong) points at no page: a 404 that says
so, as DRF answers, since the schema can only describe the shape; a value of
the wrong shape is a 400 naming ``cursor``.
"""

import binascii
import re
from base64 import b64decode, b64encode
from urllib import parse

from django.core import signing
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.utils.urls import replace_query_param

from ..models.prepared import PreparedQuery

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20

MESSAGE_PAGE_SIZE = (
    f"Give a whole number from 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE})."
)
MESSAGE_CURSOR = (
    "This cursor is not one the API gave out. Follow the “next” or “previous” "
    "link of a page, or leave the cursor out to start at the first page."
)

MESSAGE_EMPTY_CURSOR = "Give a cursor, or leave the parameter out for the first page."
# A signed cursor: base64 of its position, a colon, the signature.
CURSOR_PATTERN = r"^[A-Za-z0-9+/]+={0,2}:[A-Za-z0-9_-]+$"

CURSOR_SIGNER = signing.Signer(salt="rumours.api.cursor")


def parse_page_size(request):
    """Return the requested page size, or raise a 400 naming ``page_size``."""
    raw = request.query_params.get("page_size")
    if raw is None:
        return DEFAULT_PAGE_SIZE
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
        raise ValidationError({"page_size": [MESSAGE_PAGE_SIZE]})
    return int(raw)


class PartnerCursorPagination(CursorPagination):
    """Newest first, stable while new items arrive; ``page_size`` up to 100."""

    ordering = ("-id",)
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_size_query_description = (
        f"Items per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE})."
    )

    def get_page_size(self, request):
        return parse_page_size(request)

    def encode_cursor(self, cursor):
        # Signed, so that only cursors the API gave out are accepted.
        tokens = {}
        if cursor.offset != 0:
            tokens["o"] = str(cursor.offset)
        if cursor.reverse:
            tokens["r"] = "1"
        if cursor.position is not None:
            tokens["p"] = cursor.position
        query = parse.urlencode(tokens, doseq=True)
        encoded = CURSOR_SIGNER.sign(b64encode(query.encode("ascii")).decode("ascii"))
        return replace_query_param(self.base_url, self.cursor_query_param, encoded)

    def decode_cursor(self, request):
        # DRF's decoder skips characters outside base64 ("%%%" is the first
        # page) and caps a huge offset silently; a forged cursor is a 400.
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        if not encoded:
            raise ValidationError({"cursor": [MESSAGE_EMPTY_CURSOR]})
        if not re.match(CURSOR_PATTERN, encoded):
            raise ValidationError({"cursor": [MESSAGE_CURSOR]})
        try:
            encoded = CURSOR_SIGNER.unsign(encoded)
            query = b64decode(encoded.encode("ascii"), validate=True).decode("ascii")
            tokens = parse.parse_qs(query, keep_blank_values=True)
            if not set(tokens) <= {"o", "r", "p"} or any(
                len(values) != 1 for values in tokens.values()
            ):
                raise ValueError(query)
            offset = tokens.get("o", ["0"])[0]
            reverse = tokens.get("r", ["0"])[0]
            if not offset.isdigit() or int(offset) > self.offset_cutoff:
                raise ValueError(offset)
            if reverse not in ("0", "1"):
                raise ValueError(reverse)
        except (ValueError, binascii.Error, signing.BadSignature):
            raise NotFound(MESSAGE_CURSOR) from None
        return Cursor(
            offset=int(offset),
            reverse=reverse == "1",
            position=tokens.get("p", [None])[0],
        )

    def paginate_queryset(self, queryset, request, view=None):
        # A cursor that decodes but carries a forged position ("p=tomorrow"
        # for a date) fails only when the database compares it.
        try:
            return super().paginate_queryset(queryset, request, view)
        except (DjangoValidationError, DataError, ValueError, TypeError):
            raise NotFound(MESSAGE_CURSOR) from None

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_PAGE_SIZE,
                    "default": DEFAULT_PAGE_SIZE,
                }
            elif parameter["name"] == self.cursor_query_param:
                parameter["schema"] = {"type": "string", "pattern": CURSOR_PATTERN}
        return parameters


class PreparedFirstPages:
    """A list's first pages in its default order, from SQL compiled once (#19).

    ``build()`` returns the list's queryset holding ``Param`` placeholders
    (``rumours.models.prepared``). ``rows(**values)`` stands in for that
    queryset in ``paginate_queryset()`` when the request has no cursor, no
    filter and no ``ordering``: DRF then orders it by the default ordering
    and reads its first ``page_size + 1`` rows, which is all it answers.
    The number of rows is in the SQL, so each has its own ``PreparedQuery``.
    ``attach(rows)``, when given, loads the rows' relations after them.
    """

    def __init__(self, build, ordering, attach=None):
        self.build = build
        self.ordering = tuple(ordering)
        self.attach = attach
        self.queries = {}

    def rows(self, **values):
        """Return the stand-in for the list's queryset, with ``values`` bound."""
        return FirstRows(self, values)

    def first(self, count, values):
        """Return the first ``count`` rows of the list with ``values`` bound."""
        query = self.queries.get(count)
        if query is None:
            query = PreparedQuery(lambda: self.build().order_by(*self.ordering)[:count])
            self.queries[count] = query
        rows = query.run(**values)
        if self.attach is not None:
            self.attach(rows)
        return rows


class FirstRows:
    """What ``paginate_queryset()`` asks of a list's queryset without a cursor."""

    def __init__(self, pages, values):
        self.pages = pages
        self.values = values

    def order_by(self, *ordering):
        if ordering != self.pages.ordering:
            raise NotImplementedError(f"Prepared in {self.pages.ordering} only.")
        return self

    def __getitem__(self, window):
        if not isinstance(window, slice) or window.start or window.stop is None:
            raise NotImplementedError("Only the first rows are prepared.")
        return self.pages.first(window.stop, self.values)
