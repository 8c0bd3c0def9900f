"""Club roles in the admin: a compact inline on the club, and a list of all."""

from django.contrib import admin

from ..models import ClubRole
from .archive import ArchiveAdminMixin
from .rendering import AdminModelForm
from .widgets import PreloadedAutocompleteInlineMixin

ROLE_FIELDS = ["role", "name", "person", "started_on", "ended_on"]


class ClubRoleInline(PreloadedAutocompleteInlineMixin, admin.TabularInline):
    """One line a role; a new coach is a new line, the old one gets an end date."""

    model = ClubRole
    form = AdminModelForm
    fields = ROLE_FIELDS
    autocomplete_fields = ["person"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("club", "person").in_order()


@admin.register(ClubRole)
class ClubRoleAdmin(ArchiveAdminMixin, admin.ModelAdmin):
    list_display = ["club", "role", "name", "started_on", "ended_on"]
    list_filter = ["role", ("club", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["club"]
    search_fields = ["name", "club__name", "club__aliases__name"]
    autocomplete_fields = ["club", "person"]
    fields = ["club", *ROLE_FIELDS]
