"""Sources in the admin; only editors set a reliability tier."""

from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from ..models import (
    Source,
    roles,
)
from .archive import ArchiveAdminMixin
from .checks import NeedsCheckAdminMixin


@admin.register(Source)
class SourceAdmin(ArchiveAdminMixin, NeedsCheckAdminMixin, SimpleHistoryAdmin):
    list_display = [
        "name",
        "kind",
        "outlet",
        "reliability_tier",
        "country",
        "language",
    ]
    list_filter = ["kind", "reliability_tier", "language"]
    list_select_related = ["outlet"]
    search_fields = ["name", "slug", "outlet__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["outlet"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not roles.can_set_tier(request.user):
            readonly.append("reliability_tier")  # Editors set tiers (#5).
        return readonly

    def save_model(self, request, obj, form, change):
        forged = request.POST.get("reliability_tier")
        kept = "" if obj.reliability_tier is None else str(obj.reliability_tier)
        if "reliability_tier" not in form.fields and forged not in (None, kept):
            self.message_user(
                request,
                roles.ONLY_EDITORS_SET_TIER.format(tier=obj.tier_label),
                messages.WARNING,
            )
        super().save_model(request, obj, form, change)
