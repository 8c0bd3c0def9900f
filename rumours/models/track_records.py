"""How often a source's claims proved true (#15): counts and their uncertainty.

A claim is scored when it was resolved either way: confirmed (the claim was
true at its stage: the enquiry was made, the bid was rejected) or denied (it
was not). A lapsed claim stopped being news without being settled, and a
kind that asserts nothing (a journalist's non-confirmation) is never scored.
Only claims readers can see count.

Credit goes to the originator, the claim's source. A source that passed a
claim on (a relay, ``Attribution``) has a separate relay record, so no
claim counts twice for anyone.

Below ``RECORD_FLOOR`` resolved claims a share says more than it knows:
with 3 of 4, the 95% interval runs from 30% to 95%. Pages then say "not
enough resolved claims yet" and show the counts alone.
"""

import math
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from .attributions import Attribution, AttributionRole
from .claim_terms import KIND_TERMS, Outcome
from .links import slug_url

RECORD_FLOOR = 10
RECORDS_LISTED = 10  # clubs and competitions on a source's page
Z_95 = 1.959964  # the normal quantile of a two-sided 95% interval
SCORED_KINDS = tuple(kind for kind, terms in KIND_TERMS.items() if terms.scored)
SCORED_OUTCOMES = (Outcome.CONFIRMED, Outcome.DENIED)


def wilson_interval(successes, trials, z=Z_95):
    """Return the Wilson score interval (low, high) of ``successes`` in ``trials``.

    Unlike p ± z·√(p(1−p)/n), it stays within 0 and 1 and is honest at small
    n and at 0 or all successes. None without trials.
    """
    if trials == 0:
        return None
    share = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (share + z2 / (2 * trials)) / denominator
    margin = z * math.sqrt(share * (1 - share) / trials + z2 / (4 * trials**2))
    margin /= denominator
    return max(0.0, centre - margin), min(1.0, centre + margin)


@dataclass(frozen=True)
class TrackRecord:
    """``proved_true`` of ``resolved`` scored claims."""

    proved_true: int
    resolved: int

    @property
    def enough(self):
        return self.resolved >= RECORD_FLOOR

    @property
    def share(self):
        return self.proved_true / self.resolved if self.resolved else None

    @property
    def interval(self):
        return wilson_interval(self.proved_true, self.resolved)


def scored(prefix=""):
    """Return the condition "a scored, public claim" on the path ``prefix``."""
    return Q(
        **{
            f"{prefix}claim_type__in": SCORED_KINDS,
            f"{prefix}outcome__in": SCORED_OUTCOMES,
            f"{prefix}article__status": "published",
            f"{prefix}article__published_at__lte": timezone.now(),
        }
    )


def record_counts(prefix):
    """Return the two aggregates of a record over the claims at ``prefix``."""
    condition = scored(f"{prefix}__")
    return {
        "record_true": Count(
            prefix, filter=condition & Q(**{f"{prefix}__outcome": Outcome.CONFIRMED})
        ),
        "record_resolved": Count(prefix, filter=condition),
    }


def records_by_kind(rows):
    """Return [(kind, TrackRecord)] of ``scored_rows``, in ladder order."""
    found = {}
    for row in rows:
        proved, resolved = found.get(row["kind"], (0, 0))
        found[row["kind"]] = (proved + row["proved"], resolved + row["resolved"])
    return [(kind, TrackRecord(*found[kind])) for kind in KIND_TERMS if kind in found]


# The share of claims proved true each tier stands for (#15): a tier is
# suggested from a record's share once the record reaches the floor, and a
# tier disagrees with a record when its band lies outside the record's 95%
# interval: the evidence rules the tier out, not merely leans against it.
TIER_BANDS = {
    1: (0.80, 1.00),
    2: (0.65, 0.80),
    3: (0.45, 0.65),
    4: (0.25, 0.45),
    5: (0.00, 0.25),
}


def suggested_tier(record):
    """Return the tier whose band holds the record's share, or None below the floor."""
    if not record.enough:
        return None
    share = record.share
    return next(tier for tier, (low, high) in TIER_BANDS.items() if share >= low)


def tier_disagrees(tier, record):
    """Return True if ``record``'s 95% interval rules out ``tier``'s band."""
    if tier is None or not record.enough:
        return False
    low, high = record.interval
    band_low, band_high = TIER_BANDS[tier]
    return high < band_low or low > band_high


class GroupRecord(NamedTuple):
    """A source's record over the claims about one club or in one competition."""

    name: str
    url: str
    record: TrackRecord


def counted(rows, into, key_of, name_of, url_of):
    """Add each row's counts to ``into``, keyed by ``key_of(row)`` unless None."""
    for row in rows:
        key = key_of(row)
        if key is None:
            continue
        entry = into.setdefault(key, [name_of(row), url_of(row), 0, 0])
        entry[2] += row["proved"]
        entry[3] += row["resolved"]


def grouped(claims, **by):
    """Return ``claims``' scored rows counted per the expressions ``by``."""
    return (
        claims.filter(scored())
        .values(**by)
        .annotate(
            proved=Count("pk", filter=Q(outcome=Outcome.CONFIRMED)),
            resolved=Count("pk"),
        )
        .order_by()
    )


def ranked(totals, limit):
    """Return the ``limit`` groups with the most resolved claims, as ``GroupRecord``."""
    rows = sorted(totals.values(), key=lambda entry: (-entry[3], entry[0]))[:limit]
    return [
        GroupRecord(name, url, TrackRecord(proved, resolved))
        for name, url, proved, resolved in rows
    ]


# A claim's competition: the suitor's (named or described), else the seller's.
COMPETITION_PATHS = (
    "to_club__competition",
    "to_competition",
    "from_club__competition",
    "from_competition",
)


def scored_rows(claims):
    """Return ``claims``' scored counts per kind, clubs and competition: one query.

    Everything a source's page breaks its record down by, grouped in the
    database at once; ``records_by_kind``, ``records_by_club`` and
    ``records_by_competition`` add the rows up each their way.
    """
    return list(
        grouped(
            claims,
            kind=F("claim_type"),
            to_id=F("to_club"),
            to_name=F("to_club__short_name"),
            to_slug=F("to_club__slug"),
            from_id=F("from_club"),
            from_name=F("from_club__short_name"),
            from_slug=F("from_club__slug"),
            competition_id=Coalesce(*COMPETITION_PATHS),
            competition_name=Coalesce(*(f"{p}__name" for p in COMPETITION_PATHS)),
            competition_slug=Coalesce(*(f"{p}__slug" for p in COMPETITION_PATHS)),
        )
    )


def records_by_club(rows, limit=RECORDS_LISTED):
    """Return the ``GroupRecord`` per club ``scored_rows`` name, either side (#15).

    A claim counts for each club it names (never twice for one: its clubs
    differ). The clubs with the most resolved claims first.
    """
    totals = {}
    for side in ("to", "from"):
        counted(
            rows,
            totals,
            lambda row, side=side: row[f"{side}_id"],
            lambda row, side=side: row[f"{side}_name"],
            lambda row, side=side: slug_url("rumours:club-detail", row[f"{side}_slug"]),
        )
    return ranked(totals, limit)


def records_by_competition(rows, limit=RECORDS_LISTED):
    """Return the ``GroupRecord`` per competition of ``scored_rows`` (#15).

    One competition a claim (``COMPETITION_PATHS``), so none counts twice.
    """
    totals = {}
    counted(
        rows,
        totals,
        lambda row: row["competition_id"],
        lambda row: row["competition_name"],
        # A competition's page is its clubs' index.
        lambda row: (
            f"{reverse('rumours:club-list')}?competition={row['competition_slug']}"
        ),
    )
    return ranked(totals, limit)


def relay_record(source):
    """Return the ``TrackRecord`` of the claims ``source`` passed on, as a relay."""
    relays = Attribution.objects.filter(source=source, role=AttributionRole.RELAY)
    counts = relays.aggregate(**record_counts("claim"))
    return TrackRecord(counts["record_true"], counts["record_resolved"])


class SourceRecords(NamedTuple):
    """Everything a source's page and its API detail say about its record."""

    by_kind: list
    by_club: list
    by_competition: list
    as_relay: TrackRecord


def records_of_source(source):
    """Return ``SourceRecords`` for ``source``: two grouped queries, any archive."""
    rows = scored_rows(source.claims.all())
    return SourceRecords(
        by_kind=records_by_kind(rows),
        by_club=records_by_club(rows),
        by_competition=records_by_competition(rows),
        as_relay=relay_record(source),
    )
