"""Corrections: dated notes an editor appends to a published story (#5)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Correction(models.Model):
    """A dated note an editor appends to a published story (#5)."""

    article = models.ForeignKey(
        "rumours.Article", on_delete=models.CASCADE, related_name="corrections"
    )
    note = models.TextField(
        help_text="What was wrong and what is right now, in plain words."
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="corrections",
        null=True,
        blank=True,
        editable=False,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Correction of {self.created_at:%d %B %Y}"
