"""The date filters of cards and claims write what ``date`` writes (#19)."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import timezone

FILTERS = {
    "iso8601": "date:'c'",
    "day": 'date:"j F Y"',
    "day_and_time": 'date:"j F Y, H:i"',
}
TIMES = [
    dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
    dt.datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC),
    dt.datetime(2025, 3, 30, 0, 30, tzinfo=dt.UTC),  # a clock change in Europe
    dt.date(2026, 7, 1),
    None,
    "",
]


def rendered(expression, value, zone):
    template = Template("{% load rumours_tags %}{{ value|" + expression + " }}")
    with timezone.override(zone):
        return template.render(Context({"value": value}))


# A date has no time of day for day_and_time to write.
CASES = [
    (name, value)
    for name in FILTERS
    for value in TIMES
    if not (name == "day_and_time" and type(value) is dt.date)
]


@pytest.mark.parametrize("zone", ["UTC", "Europe/Madrid", "America/New_York"])
@pytest.mark.parametrize(("name", "value"), CASES)
def test_a_date_filter_writes_what_date_writes(name, value, zone):
    assert rendered(name, value, zone) == rendered(FILTERS[name], value, zone)
