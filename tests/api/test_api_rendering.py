"""orjson writes the claims' and stories' JSON byte for byte as DRF did (#19)."""

import datetime as dt

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ErrorDetail
from rest_framework.renderers import JSONRenderer

from rumours.api.rendering import PlainJSONRenderer

PLAIN = {
    "id": 12,
    "headline": 'Müller “agrees” to join – \\ "quoted" / slashed',
    "controls": "tab\there\nline\x01\x1f\x7f",
    "separators": "a\u2028b\u2029c",
    "emoji": "⚽ 🏆",
    "flags": [True, False, None],
    "nested": {"z": 1, "a": [{"b": "c"}], "empty": {}},
    "big": 2**63 - 1,
    "negative": -5,
}


@pytest.mark.parametrize(
    "data",
    [
        PLAIN,
        [PLAIN, PLAIN],
        {"detail": ErrorDetail("No such story.", code="not_found")},
        {"page_size": [ErrorDetail("Give a whole number.", code="invalid")]},
        {"label": gettext_lazy("Transfer")},
        {"at": dt.datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=dt.UTC)},
        {"huge": 2**70},
        {},
        [],
    ],
)
def test_it_writes_what_drf_writes(data):
    assert PlainJSONRenderer().render(data) == JSONRenderer().render(data)


def test_an_indented_answer_is_left_to_drf():
    media_type = "application/json; indent=4"

    assert PlainJSONRenderer().render(PLAIN, media_type) == JSONRenderer().render(
        PLAIN, media_type
    )


def test_no_data_is_no_body():
    assert PlainJSONRenderer().render(None) == b""
