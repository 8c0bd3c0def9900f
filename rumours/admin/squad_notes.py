"""Squad notes in the admin: a compact inline on the club, and a list of all."""

from django.contrib import admin

from ..models import SquadNote
from .archive import ArchiveAdminMixin
from .rendering import AdminModelForm
from .widgets import PreloadedAutocompleteInlineMixin

NOTE_FIELDS = ["position", "kind", "count", "note", "noted_on", "article", "source"]


class SquadNoteForm(AdminModelForm):
    """A new note is dated: only notes migrated from undated targets lack a date."""

    class Meta:
        model = SquadNote
        fields = ["club", *NOTE_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "noted_on" in self.fields:  # Absent for those who may only view.
            undated = self.instance.pk is not None and self.instance.noted_on is None
            self.fields["noted_on"].required = not undated


class SquadNoteInline(PreloadedAutocompleteInlineMixin, admin.TabularInline):
    """One line a note, newest first; add a new note rather than editing an old one."""

    model = SquadNote
    form = SquadNoteForm
    fields = NOTE_FIELDS
    autocomplete_fields = ["article", "source"]
    extra = 1

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("club", "article", "source")
            .newest_first()
        )


@admin.register(SquadNote)
class SquadNoteAdmin(ArchiveAdminMixin, admin.ModelAdmin):
    list_display = ["club", "position", "kind", "count", "noted_on", "note"]
    list_filter = ["kind", "position", ("club", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["club"]
    search_fields = ["club__name", "club__aliases__name", "note"]
    autocomplete_fields = ["club", "article", "source"]
    form = SquadNoteForm
    fields = ["club", *NOTE_FIELDS]
    date_hierarchy = "noted_on"
