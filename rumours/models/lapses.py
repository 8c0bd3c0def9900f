"""How long an open claim stays news when nothing follows it (#13).

A bid is stale within weeks, interest within a couple of months. Each stage
has a window an editor can change; a claim still open when its window ends
has lapsed. Nothing is written when that happens: readers' queries compare
the window with the clock (``TransferClaimQuerySet.with_lapse()``), so no
job has to run. A stage without a window never lapses.
"""

import datetime as dt

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .claim_terms import ClaimType


class LapseWindow(models.Model):
    claim_type = models.CharField(
        "stage", max_length=24, choices=ClaimType.choices, unique=True
    )
    window = models.DurationField(
        help_text="An open claim at this stage lapses this long after it was "
        "reported (days, e.g. “21 days”). Delete the window to keep such claims "
        "open until an editor resolves them."
    )

    history = HistoricalRecords()  # Who changed what, revertible (#5).

    class Meta:
        ordering = ["claim_type"]
        constraints = [
            models.CheckConstraint(
                condition=Q(claim_type__in=ClaimType.values),
                name="rumours_lapse_stage_valid",
                violation_error_message="Choose a known stage.",
            ),
            models.CheckConstraint(
                condition=Q(window__gte=dt.timedelta(days=1)),
                name="rumours_lapse_at_least_a_day",
                violation_error_message="A window lasts at least a day.",
            ),
        ]

    def __str__(self):
        return f"{self.get_claim_type_display()}: {self.window.days} days"
