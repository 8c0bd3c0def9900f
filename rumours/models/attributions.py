"""Who else a claim is credited to: the relays that passed it on, the people quoted.

A claim's ``source`` is its originator, the one who broke it; a story often
adds a chain (“according to Kicker, via Sky Sport Deutschland”) or a person
quoted in their own words (“the player's agent told La Gazzetta dello
Sport”). Those are ``Attribution`` rows, in the order the story gives them.
"""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class AttributionRole(models.TextChoices):
    RELAY = "relay", "Relay (passed it on)"
    SPEAKER = "speaker", "Speaker (quoted in person)"


class Attribution(models.Model):
    Role = AttributionRole

    claim = models.ForeignKey(
        "rumours.TransferClaim", on_delete=models.CASCADE, related_name="attributions"
    )
    source = models.ForeignKey(
        "rumours.Source", on_delete=models.PROTECT, related_name="attributions"
    )
    role = models.CharField(max_length=10, choices=AttributionRole.choices)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the story: the nearest to the claim first."
    )

    history = HistoricalRecords()  # Who changed what, revertible (#5).

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=AttributionRole.values),
                name="rumours_attribution_role_valid",
                violation_error_message="Choose a known role: relay or speaker.",
            ),
            models.UniqueConstraint(
                fields=["claim", "source", "role"],
                name="rumours_attribution_once_per_role",
                violation_error_message=(
                    "This source already has this role in the claim's attribution."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.source} ({self.get_role_display()})"
