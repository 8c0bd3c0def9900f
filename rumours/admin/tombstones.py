"""What partners were told to take down, read-only."""

from django.contrib import admin

from ..models import Tombstone
from .archive import ArchiveAdminMixin
from .workflow import BrowseOnlyAdminMixin


@admin.register(Tombstone)
class TombstoneAdmin(ArchiveAdminMixin, BrowseOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: what partners were told to take down (#4)."""

    list_display = ["recorded_at", "kind", "object_id", "slug", "reason"]
    list_filter = ["kind", "reason"]
    search_fields = ["slug"]
    date_hierarchy = "recorded_at"
