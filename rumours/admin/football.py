"""The football directory in the admin: competitions, clubs, players."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ..models import (
    Club,
    ClubAlias,
    Competition,
    Player,
    Position,
)
from ..models.positions import POSITION_NOT_GIVEN
from .archive import ArchiveAdminMixin
from .checks import NeedsCheckAdminMixin
from .club_roles import ClubRoleInline
from .rendering import AdminModelForm
from .squad_notes import SquadNoteInline


@admin.register(Competition)
class CompetitionAdmin(admin.ModelAdmin):
    list_display = ["name", "country"]
    list_filter = ["country"]
    search_fields = ["name", "country"]
    prepopulated_fields = {"slug": ["name"]}


class ClubAliasInline(admin.TabularInline):
    model = ClubAlias
    form = AdminModelForm
    extra = 1


@admin.register(ClubAlias)
class ClubAliasAdmin(ArchiveAdminMixin, admin.ModelAdmin):
    list_display = ["name", "club"]
    list_select_related = ["club"]
    search_fields = ["name", "club__name"]
    autocomplete_fields = ["club"]


@admin.register(Club)
class ClubAdmin(ArchiveAdminMixin, NeedsCheckAdminMixin, SimpleHistoryAdmin):
    form = AdminModelForm
    list_display = ["name", "short_name", "alias_names", "competition", "country"]
    list_filter = ["competition", "country"]
    list_select_related = ["competition"]
    search_fields = ["name", "short_name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ClubAliasInline, ClubRoleInline, SquadNoteInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="aliases")
    def alias_names(self, club):
        return ", ".join(alias.name for alias in club.aliases.all())


class PlayerAdminForm(AdminModelForm):
    # Ticks instead of typing JSON; Player.clean() orders and checks them.
    secondary_positions = forms.MultipleChoiceField(
        choices=Position.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Positions the player covers besides the primary one.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "primary_position" in self.fields:  # Absent for those who only view.
            # Blank is a fact readers see: no story gave a position (#13).
            self.fields["primary_position"].choices = [
                ("", POSITION_NOT_GIVEN),
                *Position.choices,
            ]


@admin.register(Player)
class PlayerAdmin(ArchiveAdminMixin, NeedsCheckAdminMixin, SimpleHistoryAdmin):
    form = PlayerAdminForm
    list_display = [
        "name",
        "primary_position",
        "current_club",
        "nationality",
        "fitness",
    ]
    list_filter = ["primary_position", "fitness", "current_club__competition"]
    list_select_related = ["current_club"]
    search_fields = ["name", "slug", "current_club__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["current_club", "previous_club", "agent"]
    fields = [
        "name",
        "slug",
        "date_of_birth",
        "nationality",
        "primary_position",
        "secondary_positions",
        ("current_club", "previous_club"),
        ("fitness", "fitness_note"),
        "agent",
        ("picture", "picture_credit"),
        "needs_check",
    ]
