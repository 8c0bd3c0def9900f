"""Read one JSON object of a newsroom file, noting every problem with its path.

``Fields`` wraps one object (a club, a claim, a fee) and reads its values by
type: text, a choice, a date, a time, a whole number, an amount, a list, a
nested object or a reference to another item. A value that cannot be read
becomes ``INVALID`` and its problem is noted; the caller carries on, so one
pass finds every problem in the file.
"""

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime

from .errors import NewsroomImportError, describe

INVALID = type("Invalid", (), {"__repr__": lambda self: "INVALID"})()
MISSING = type("Missing", (), {"__repr__": lambda self: "MISSING"})()

DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
AMOUNT_PATTERN = re.compile(r"-?\d+(?:\.\d+)?")
CENT = Decimal("0.01")
# DecimalField(max_digits=14, decimal_places=2) holds up to 999,999,999,999.99.
AMOUNT_LIMIT = Decimal("1000000000000")


class Ref:
    """A reference to another item in the words the file uses; resolved later."""

    __slots__ = ("kind", "value", "path", "key")

    def __init__(self, kind, value, path):
        self.kind = kind
        self.value = value
        self.path = path
        self.key = INVALID  # the key of the item it names, once resolved


def key_of(ref):
    """Return the key a resolved reference names: None for null, INVALID if bad."""
    return ref if ref is None or ref is INVALID else ref.key


class Fields:
    """One object of the file: its path, its keys, and readers for its values."""

    def __init__(self, value, path, allowed, problems, *, noun):
        self.path = path
        self.problems = problems
        self.noun = noun
        self.data = None
        if not isinstance(value, dict):
            problems.add(path, f"expected an object {{...}}, not {describe(value)}")
            return
        self.data = value
        for key in value:
            if key not in allowed:
                problems.add(
                    self.at(key), f"unknown field; expected one of {', '.join(allowed)}"
                )

    @property
    def ok(self):
        return self.data is not None

    def at(self, name):
        return f"{self.path}.{name}" if self.path else name

    def has(self, name):
        return self.data is not None and name in self.data

    def get(self, name, *, required=False):
        """Return the raw value, ``MISSING`` if absent (a problem when required)."""
        if self.data is None:
            return INVALID
        if name not in self.data:
            if required:
                self.problems.add(
                    self.at(name), f"missing; every {self.noun} needs one"
                )
            return MISSING
        return self.data[name]

    def fail(self, name, message):
        self.problems.add(self.at(name), message)
        return INVALID

    def text(self, name, *, model=None, field=None, required=False, default=""):
        """Return a string, checked by the model field's own rules if given."""
        value = self.get(name, required=required)
        if value is MISSING:
            return INVALID if required else default
        if value is INVALID:
            return INVALID
        if not isinstance(value, str):
            return self.fail(name, f"expected text, not {describe(value)}")
        if model is None:
            return value
        return self.check(name, value, model, field or name)

    def check(self, name, value, model, field_name):
        """Return ``value`` if the model field accepts it (length, slug, username)."""
        return check_value(
            self.problems, self.at(name), value, model, field_name, noun=self.noun
        )

    def choice(self, name, choices, *, required=False, default=None, nullable=False):
        """Return one of ``choices`` (or None when ``nullable``)."""
        value = self.get(name, required=required)
        if value is MISSING:
            return INVALID if required else default
        if value is INVALID or (value is None and nullable):
            return value
        if not isinstance(value, str) or value not in choices:
            allowed = ", ".join(choices) + (", or null" if nullable else "")
            return self.fail(name, f"{describe(value)} is not one of {allowed}")
        return value

    def integer(
        self, name, *, minimum, maximum, required=False, default=None, nullable=False
    ):
        value = self.get(name, required=required)
        if value is MISSING:
            return INVALID if required else default
        if value is INVALID:
            return INVALID
        if value is None and nullable:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not minimum <= value <= maximum
        ):
            return self.fail(
                name,
                f"expected a whole number from {minimum} to {maximum}"
                f"{', or null' if nullable else ''}, not {describe(value)}",
            )
        return value

    def boolean(self, name, *, default):
        value = self.get(name)
        if value is MISSING:
            return default
        if value is INVALID:
            return INVALID
        if not isinstance(value, bool):
            return self.fail(name, f"expected true or false, not {describe(value)}")
        return value

    def date(self, name, *, required=False):
        """Return a date written ``YYYY-MM-DD``, or None."""
        value = self.get(name, required=required)
        if value is MISSING:
            return INVALID if required else None
        if value is INVALID:
            return INVALID
        if value is None and not required:
            return None
        if isinstance(value, str) and DATE_PATTERN.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        return self.fail(
            name,
            f"{describe(value)} is not a date; write it as YYYY-MM-DD, e.g. 2001-05-24",
        )

    def time(self, name, *, required=False):
        """Return an aware datetime from ISO 8601 text with a time zone, or None."""
        value = self.get(name, required=required)
        if value is MISSING:
            return INVALID if required else None
        if value is INVALID:
            return INVALID
        if value is None and not required:
            return None
        parsed = None
        if isinstance(value, str):
            try:
                parsed = parse_datetime(value)
            except ValueError:
                parsed = None
        if parsed is None:
            return self.fail(
                name,
                f"{describe(value)} is not an ISO 8601 time; "
                "write it like 2026-01-08T09:30:00Z",
            )
        if parsed.tzinfo is None:
            return self.fail(
                name,
                f"{value!r} has no time zone; write it as {parsed.isoformat()}Z",
            )
        return parsed

    def amount(self, name, *, required=False):
        """Return a Decimal with two places from a decimal string or an integer."""
        value = self.get(name, required=required)
        if value is MISSING:
            return INVALID if required else None
        if value is INVALID or (value is None and not required):
            return value
        if isinstance(value, float):
            return self.fail(
                name,
                f"{value!r} is a number with a fraction, which can lose pence; "
                f'write amounts as strings, e.g. "{Decimal(repr(value)):.2f}"',
            )
        whole = isinstance(value, int) and not isinstance(value, bool)
        if whole or (isinstance(value, str) and AMOUNT_PATTERN.fullmatch(value)):
            amount = Decimal(value)
        else:
            return self.fail(
                name,
                f"{describe(value)} is not an amount; write it as a string such "
                f'as "55000000.00"',
            )
        if amount.as_tuple().exponent < -2:
            return self.fail(name, f"{value!r} has more than 2 decimal places")
        if amount < 0:
            return self.fail(name, f"{value!r} is negative; amounts start at 0")
        if amount >= AMOUNT_LIMIT:
            return self.fail(
                name, f"{value!r} is too large; amounts stop at 999999999999.99"
            )
        return amount.quantize(CENT)

    def items(self, name):
        """Return the list of ``(path, value)`` pairs, empty if absent."""
        value = self.get(name)
        if value is MISSING:
            return []
        if value is INVALID:
            return INVALID
        if not isinstance(value, list):
            return self.fail(name, f"expected a list, not {describe(value)}")
        return [(f"{self.at(name)}[{index}]", item) for index, item in enumerate(value)]

    def nested(self, name, allowed, *, noun):
        """Return a ``Fields`` for a nested object, or None for null or absent."""
        value = self.get(name)
        if value is MISSING or value is None:
            return None
        if value is INVALID:
            return INVALID
        return Fields(value, self.at(name), allowed, self.problems, noun=noun)

    def ref(self, name, kind, *, required=False):
        """Return a ``Ref`` to an item of ``kind``, or None for null."""
        value = self.get(name, required=required)
        if value is MISSING:
            return INVALID if required else None
        if value is INVALID:
            return INVALID
        if value is None:
            if required:
                return self.fail(
                    name, f"expected a reference to one of the {kind}, not null"
                )
            return None
        return Ref(kind, value, self.at(name))


def check_value(problems, path, value, model, field_name, *, noun):
    """Return ``value`` if the model field's own rules accept it, else INVALID.

    Those rules are the field's validators (length, slug, username) and its
    ``blank``; rules spanning rows are left to ``full_clean()`` when writing.
    """
    if value is INVALID:
        return INVALID
    model_field = model._meta.get_field(field_name)
    if value == "" and not model_field.blank:
        problems.add(path, f"empty; every {noun} needs one")
        return INVALID
    try:
        model_field.run_validators(value)
    except ValidationError as error:
        for message in error.messages:
            problems.add(path, message)
        return INVALID
    return value


def load_newsroom_file(path):
    """Return the document in the JSON file at ``path``.

    Raise NewsroomImportError naming the line and column of invalid JSON, and
    every key written twice in one object (JSON would silently keep the last).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NewsroomImportError([f"{path}: no such file"]) from None
    except UnicodeDecodeError as error:
        raise NewsroomImportError(
            [f"{path}: not UTF-8 text (byte {error.start}); save the file as UTF-8"]
        ) from None
    except OSError as error:
        raise NewsroomImportError(
            [f"{path}: cannot be read: {error.strerror}"]
        ) from None

    repeated = []

    def refuse_repeated_keys(pairs):
        seen = set()
        for key, _value in pairs:
            if key in seen:
                repeated.append(
                    f"{path}: the key {key!r} appears twice in one object; "
                    "write it once (JSON would keep only the last)"
                )
            seen.add(key)
        return dict(pairs)

    try:
        data = json.loads(text, object_pairs_hook=refuse_repeated_keys)
    except json.JSONDecodeError as error:
        raise NewsroomImportError(
            [
                f"{path}: invalid JSON at line {error.lineno}, "
                f"column {error.colno}: {error.msg}"
            ]
        ) from None
    if repeated:
        raise NewsroomImportError(repeated)
    return data
