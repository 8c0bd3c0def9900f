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

from django.db.models import Count, Q
from django.utils import timezone

from .attributions import Attribution, AttributionRole
from .claim_terms import KIND_TERMS, Outcome

RECORD_FLOOR = 10
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


def records_by_kind(claims):
    """Return [(kind, TrackRecord)] of ``claims`` (a queryset), in ladder order."""
    rows = (
        claims.filter(scored())
        .values("claim_type")
        .annotate(**{
            "proved": Count("pk", filter=Q(outcome=Outcome.CONFIRMED)),
            "resolved": Count("pk"),
        })
        .order_by()
    )  # fmt: skip
    found = {row["claim_type"]: row for row in rows}
    return [
        (kind, TrackRecord(found[kind]["proved"], found[kind]["resolved"]))
        for kind in KIND_TERMS
        if kind in found
    ]


def relay_record(source):
    """Return the ``TrackRecord`` of the claims ``source`` passed on, as a relay."""
    relays = Attribution.objects.filter(source=source, role=AttributionRole.RELAY)
    counts = relays.aggregate(**record_counts("claim"))
    return TrackRecord(counts["record_true"], counts["record_resolved"])
