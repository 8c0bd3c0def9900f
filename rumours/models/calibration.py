"""Do our likelihoods mean what they say? Calibration over resolved links (#15).

Every link (a player and a named suitor) whose published claims are all
resolved is replayed as it stood at its last report before the outcome: the
furthest stage short of completion, its sources and how many distinct ones
first reported it. ``likelihood()`` gives the number the desk would have put
on it; the link happened if a completed move to that club was confirmed.
Squad needs, a block and how quiet it had gone are left out of the replay:
their history is not kept, so today's values would flatter the number.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import timezone

from .claim_terms import ClaimType, Outcome
from .claims import TransferClaim
from .likelihood import STAGE_BASE, TIER_RELIABILITY, Evidence, likelihood
from .source_records import records_of_sources

BINS = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.0))
QUARTERS_SHOWN = 8  # on the page and in the API


@dataclass
class Bin:
    """The resolved links put between ``low`` and ``high``, and how many happened."""

    low: float
    high: float
    links: int = 0
    happened: int = 0
    said: float = 0.0  # the sum of the likelihoods put on them

    @property
    def share(self):
        return self.happened / self.links if self.links else None

    @property
    def mean_said(self):
        return self.said / self.links if self.links else None


@dataclass
class Period:
    """One quarter's calibration (or all of them): bins and the Brier score."""

    label: str
    bins: list = field(default_factory=lambda: [Bin(*edges) for edges in BINS])
    squared_error: float = 0.0

    @property
    def links(self):
        return sum(b.links for b in self.bins)

    @property
    def brier(self):
        """Return the mean of (likelihood − outcome)², 0 perfect; None without links."""
        return self.squared_error / self.links if self.links else None

    def add(self, said, happened):
        index = min(int(said * len(BINS)), len(BINS) - 1)
        chosen = self.bins[index]
        chosen.links += 1
        chosen.happened += happened
        chosen.said += said
        self.squared_error += (said - happened) ** 2


@dataclass(frozen=True)
class ReplayedLink:
    said: float
    happened: bool
    resolved_at: dt.datetime


def quarter_of(moment):
    return f"{moment.year} Q{(moment.month - 1) // 3 + 1}"


def calibration(links):
    """Return (the whole ``Period``, [one ``Period`` a quarter, newest first])."""
    overall = Period("All resolved links")
    quarters = {}
    for link in links:
        label = quarter_of(link.resolved_at)
        for period in (overall, quarters.setdefault(label, Period(label))):
            period.add(link.said, int(link.happened))
    return overall, [quarters[label] for label in sorted(quarters, reverse=True)]


def replayed_links(claims):
    """Return a ``ReplayedLink`` per resolved link of ``claims``: two queries.

    ``claims`` are the public ones; a link with a claim still open is not
    resolved yet, and one that only ever reported the completed move had no
    likelihood before it happened.
    """
    rows = (
        claims.filter(to_club__isnull=False, claim_type__in=list(STAGE_BASE))
        .values_list(
            "player_id",
            "to_club_id",
            "claim_type",
            "outcome",
            "source_id",
            "source__reliability_tier",
            "resolved_at",
        )
        .order_by()
    )
    links = defaultdict(list)
    for player_id, club_id, *rest in rows:
        links[player_id, club_id].append(rest)
    sources = {source for rows in links.values() for *_, source, _, _ in rows}
    records = records_of_sources(sources)
    replayed = []
    for rows in links.values():
        link = replay(rows, records)
        if link is not None:
            replayed.append(link)
    return replayed


def replay(rows, records):
    """Return the ``ReplayedLink`` of one link's rows, or None if not resolved."""
    if any(outcome == Outcome.OPEN for _, outcome, *_ in rows):
        return None
    before = [row for row in rows if row[0] != ClaimType.COMPLETED]
    if not before:
        return None
    stage = max(
        (kind for kind, *_ in before), key=lambda kind: list(STAGE_BASE).index(kind)
    )
    tiers = {source: tier for _, _, source, tier, _ in before if source is not None}
    reliability = max(
        (
            records[source].share
            if source in records and records[source].enough
            else TIER_RELIABILITY.get(tier, 0.5)
            for source, tier in tiers.items()
        ),
        default=None,
    )
    said = likelihood(Evidence(stage, reliability, len(tiers)))
    happened = any(
        kind == ClaimType.COMPLETED and outcome == Outcome.CONFIRMED
        for kind, outcome, *_ in rows
    )
    resolved_at = max(
        (moment for *_, moment in rows if moment is not None), default=timezone.now()
    )
    return ReplayedLink(said, happened, resolved_at)


# Replaying every resolved link reads every public claim of a move (about
# two seconds on the 100,000-claim bench newsroom), and the figures move
# only as links resolve: they are worked out at most every quarter hour.
CALIBRATION_KEY = "calibration:desk:1"
CALIBRATION_SECONDS = 15 * 60


def desk_calibration():
    """Return the desk's (overall, quarters): from the shared cache, or worked out."""
    return cache.get_or_set(
        CALIBRATION_KEY,
        lambda: calibration(replayed_links(TransferClaim.objects.public())),
        CALIBRATION_SECONDS,
    )
