"""When a sentence says something happened, if before the report.

“Back in the winter”, “last summer”, “in January”, “earlier this month”:
the claim is about then, so it gets an event date and its precision (the
interchange format's ``event``), a day within the period before the date
the story was reported.
"""

import datetime as dt
import re

from ..models.claim_terms import EventPrecision

MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
]  # fmt: skip
WINDOW = re.compile(
    r"\b(?:back in|last|in|during|earlier this|this past|over) (?:the )?"
    r"(?P<period>winter|summer|january window|summer window|winter window|"
    r"(?:" + "|".join(MONTHS) + r")(?: (?P<year>20\d\d))?|year|month)\b"
)
PAST = re.compile(
    r"\b(?:had (?:been|made|submitted|agreed|rejected|tried|wanted)|previously|"
    r"back in|last (?:summer|winter|season|year|month|january))\b"
)

FUTURE = re.compile(
    r"\b(?:will|would|could|next|coming|hop(?:e|es|ing)|plan(?:s|ning)?|set to|"
    r"ready to|want(?:s)?|wanting|intend|expected|likely)\b|'ll\b"
)


def event_of(folded_sentence, reported_on):
    """Return ``{"date", "precision"}`` for a sentence set in the past, or None."""
    match = WINDOW.search(folded_sentence)
    if match is None or not (
        PAST.search(folded_sentence) or not FUTURE.search(folded_sentence)
    ):
        return None
    period = match.group("period")
    if "winter" in period or period == "january window":
        day = _last(reported_on, 1, 15)
        return {"date": day.isoformat(), "precision": EventPrecision.WINTER.value}
    if "summer" in period:
        day = _last(reported_on, 7, 15)
        return {"date": day.isoformat(), "precision": EventPrecision.SUMMER.value}
    if period.split()[0] in MONTHS:
        month = MONTHS.index(period.split()[0]) + 1
        year = match.group("year")
        day = dt.date(int(year), month, 1) if year else _last(reported_on, month, 1)
        return {"date": day.isoformat(), "precision": EventPrecision.MONTH.value}
    return None


def _last(reported_on, month, day):
    """The latest date on ``month``/``day`` before the report (this year or last)."""
    this_year = dt.date(reported_on.year, month, day)
    if this_year.replace(day=1) <= reported_on.replace(day=1) and (
        this_year.month < reported_on.month
    ):
        return this_year
    return this_year.replace(year=reported_on.year - 1)
