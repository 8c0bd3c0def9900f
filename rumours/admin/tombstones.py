"""What partners were told to take down, read-only."""

from django.contrib import admin

from ..models import (
    Tombstone,
)


@admin.register(Tombstone)
class TombstoneAdmin(admin.ModelAdmin):
    """Read-only: what partners were told to take down (#4)."""

    list_display = ["recorded_at", "kind", "object_id", "slug", "reason"]
    list_filter = ["kind", "reason"]
    search_fields = ["slug"]
    date_hierarchy = "recorded_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
