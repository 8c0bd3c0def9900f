"""What partners must take down: tombstones of withdrawn stories and claims.

A story that is unpublished or deleted after a partner copied it leaves a
``Tombstone``, and so does each of its claims; the API's ``changes/`` feed
lists them in order with the stories and claims published or updated, so a
partner can apply every change (#4).
"""

from django.db import models


class TombstoneKind(models.TextChoices):
    ARTICLE = "article", "Article"
    CLAIM = "claim", "Claim"


class TombstoneReason(models.TextChoices):
    UNPUBLISHED = "unpublished", "Unpublished"
    DELETED = "deleted", "Deleted"


class Tombstone(models.Model):
    Kind = TombstoneKind
    Reason = TombstoneReason

    kind = models.CharField(max_length=10, choices=TombstoneKind.choices)
    # Not a foreign key: the row it stands for may be gone.
    object_id = models.BigIntegerField()
    slug = models.SlugField(
        max_length=200, blank=True, help_text="The story's slug; empty for a claim."
    )
    reason = models.CharField(max_length=12, choices=TombstoneReason.choices)
    recorded_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        # Rows are written only by rumours.services.publishing (the admin is
        # read-only); CHECK constraints on kind and reason can join once
        # tests/test_constraints.py has cases for them.

    def __str__(self):
        return f"{self.kind} {self.object_id} {self.reason}"
