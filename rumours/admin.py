"""The editors' admin: every newsroom model, with bounded queries.

Every changelist and change page runs a fixed number of queries whatever the
number of rows or inline forms; ``tests/test_admin.py`` measures them at two
sizes.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from . import roles
from .admin_workflow import (
    VERSION_FIELD,
    ArticleInlineRulesMixin,
    ArticleWorkflowAdmin,
    ClaimForm,
    ClaimWorkflowAdmin,
    VersionedFormSetMixin,
)
from .models import (
    Article,
    Club,
    ClubAlias,
    Competition,
    Correction,
    Player,
    Position,
    Source,
    SquadTarget,
    Tombstone,
    TransferClaim,
)
from .services.articles import sync_article_subjects
from .services.csv_export import export_claims_csv
from .services.publishing import (
    add_correction,
    delete_articles,
    delete_claims,
    is_public,
    tombstone_article,
    tombstone_claims,
)
from .widgets import PreloadedAutocompleteSelect, preload_autocomplete_labels

CLAIM_FIELDS = (
    ("player", "replaces"),
    ("from_club", "to_club"),
    ("claim_type", "deal_type"),
    ("fee_amount", "fee_upper_amount", "fee_add_ons", "fee_currency"),
    "source",
    "quote",
    "reported_at",
    ("outcome", "resolved_at"),
    VERSION_FIELD,
)
CLAIM_AUTOCOMPLETE_FIELDS = ("player", "replaces", "from_club", "to_club", "source")


class PreloadedAutocompleteFormSet(BaseInlineFormSet):
    @cached_property
    def forms(self):
        forms = super().forms
        preload_autocomplete_labels(forms)
        return forms


class PreloadedAutocompleteInlineMixin:
    """Autocomplete inline fields with one label query per field, not per form."""

    formset = PreloadedAutocompleteFormSet

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                PreloadedAutocompleteSelect(
                    db_field, self.admin_site, using=kwargs.get("using")
                ),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Competition)
class CompetitionAdmin(admin.ModelAdmin):
    list_display = ["name", "country"]
    list_filter = ["country"]
    search_fields = ["name", "country"]
    prepopulated_fields = {"slug": ["name"]}


class ClubAliasInline(admin.TabularInline):
    model = ClubAlias
    extra = 1


@admin.register(ClubAlias)
class ClubAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "club"]
    list_select_related = ["club"]
    search_fields = ["name", "club__name"]
    autocomplete_fields = ["club"]


@admin.register(Club)
class ClubAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "alias_names", "competition", "country"]
    list_filter = ["competition", "country"]
    list_select_related = ["competition"]
    search_fields = ["name", "short_name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ClubAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="aliases")
    def alias_names(self, club):
        return ", ".join(alias.name for alias in club.aliases.all())


class PlayerAdminForm(forms.ModelForm):
    # Ticks instead of typing JSON; Player.clean() orders and checks them.
    secondary_positions = forms.MultipleChoiceField(
        choices=Position.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Positions the player covers besides the primary one.",
    )


@admin.register(Player)
class PlayerAdmin(SimpleHistoryAdmin):
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
    autocomplete_fields = ["current_club", "previous_club"]
    fields = [
        "name",
        "slug",
        "date_of_birth",
        "nationality",
        "primary_position",
        "secondary_positions",
        ("current_club", "previous_club"),
        ("fitness", "fitness_note"),
    ]


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
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
        if "reliability_tier" not in form.fields and forged not in (
            None,
            str(obj.reliability_tier),
        ):
            self.message_user(
                request,
                roles.ONLY_EDITORS_SET_TIER.format(tier=obj.reliability_tier),
                messages.WARNING,
            )
        super().save_model(request, obj, form, change)


class ClaimInlineFormSet(VersionedFormSetMixin, PreloadedAutocompleteFormSet):
    pass


class TransferClaimInline(
    ArticleInlineRulesMixin, PreloadedAutocompleteInlineMixin, admin.StackedInline
):
    model = TransferClaim
    form = ClaimForm
    formset = ClaimInlineFormSet
    fields = CLAIM_FIELDS
    autocomplete_fields = CLAIM_AUTOCOMPLETE_FIELDS
    formfield_overrides = {
        models.TextField: {"widget": AdminTextareaWidget({"rows": 3})}
    }
    show_change_link = True

    def get_queryset(self, request):
        # Headings print player and clubs; read-only forms print every party.
        return super().get_queryset(request).with_parties()

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if obj is None else 0

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not roles.can_resolve(request.user):
            readonly += ["outcome", "resolved_at"]
        return readonly


class CorrectionInline(admin.StackedInline):
    """Editors append dated corrections to a published story (#5)."""

    model = Correction
    fields = ["created_at", "note"]
    extra = 0

    def has_change_permission(self, request, obj=None):
        return False  # Corrections are appended, never rewritten.

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(ArticleWorkflowAdmin, SimpleHistoryAdmin):
    list_display = [
        "headline",
        "status_label",
        "published_at",
        "author",
        "last_changed_by",
        "number_of_claims",
        "hero_thumbnail",
    ]
    list_filter = [
        "status",
        "claims__claim_type",
        ("clubs", admin.RelatedOnlyFieldListFilter),
        ("author", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["author"]
    search_fields = ["headline", "slug", "players__name", "clubs__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["author", "clubs", "players"]
    readonly_fields = ["hero_preview"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body"]}),
        (
            "Hero image",
            {
                "fields": [
                    "hero_image",
                    "hero_preview",
                    "hero_alt",
                    "hero_caption",
                    "hero_credit",
                ]
            },
        ),
        (
            "Publishing",
            {
                "fields": ["status", "published_at", "author", VERSION_FIELD],
                "description": (
                    "Publish now: choose Published and leave the time empty. "
                    "Schedule: choose Published and a time to come."
                ),
            },
        ),
        (
            "Subjects",
            {
                "fields": ["clubs", "players"],
                "description": "Saving adds the clubs and players the claims name.",
            },
        ),
    ]
    inlines = [TransferClaimInline, CorrectionInline]

    def get_queryset(self, request):
        # distinct: a search or filter on clubs or players joins again.
        last_change = Article.history.filter(id=OuterRef("pk")).order_by(
            "-history_date", "-history_id"
        )
        return (
            super()
            .get_queryset(request)
            .annotate(
                claim_count=Count("claims", distinct=True),
                last_changed_by_name=Subquery(
                    last_change.values("history_user__username")[:1]
                ),
            )
        )

    def get_changeform_initial_data(self, request):
        return {
            "author": request.user.pk,
            **super().get_changeform_initial_data(request),
        }

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        sync_article_subjects(form.instance)

    # Tombstones (#4): partners take down what readers can no longer see.
    def save_model(self, request, obj, form, change):
        was_public = change and is_public(obj.pk)
        super().save_model(request, obj, form, change)
        if was_public and not obj.is_published:
            tombstone_article(article=obj, reason=Tombstone.Reason.UNPUBLISHED)

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            save_corrections(request, formset)
            return
        super().save_formset(request, form, formset, change)
        deleted = [claim.pk for claim in getattr(formset, "deleted_objects", [])]
        if deleted and form.instance.is_published:
            tombstone_claims(claim_ids=deleted, reason=Tombstone.Reason.DELETED)

    def delete_model(self, request, obj):
        delete_articles(articles=Article.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        delete_articles(articles=queryset)

    def view_on_site(self, article):
        # "View on site" opens the staff preview: drafts have no public page.
        return reverse("rumours:article-preview", args=[article.pk])

    @admin.display(description="claims", ordering="claim_count")
    def number_of_claims(self, article):
        return article.claim_count

    @admin.display(description="status", ordering="status")
    def status_label(self, article):
        if article.is_scheduled:
            return f"Scheduled for {article.published_at:%d %b %Y, %H:%M}"
        return article.get_status_display()

    @admin.display(description="last changed by")
    def last_changed_by(self, article):
        return article.last_changed_by_name

    def get_inlines(self, request, obj):
        if obj is None or obj.status != Article.Status.PUBLISHED:
            return [TransferClaimInline]  # Only a published story is corrected.
        return super().get_inlines(request, obj)

    @admin.display(description="hero")
    def hero_thumbnail(self, article):
        if not article.hero_image:
            return ""
        return format_html(
            '<img src="{}" alt="{}" width="80" loading="lazy">',
            article.hero_image.url,
            article.hero_alt,
        )

    @admin.display(description="preview")
    def hero_preview(self, article):
        if not article.hero_image:
            return "No hero image yet."
        return format_html(
            '<a href="{url}"><img src="{url}" alt="{alt}" width="320"></a>',
            url=article.hero_image.url,
            alt=article.hero_alt,
        )


def save_corrections(request, formset):
    """Append the new corrections of ``formset`` through the service (#5)."""
    for correction in formset.save(commit=False):
        add_correction(
            article=formset.instance,
            note=correction.note,
            user=request.user,
            at=correction.created_at,
        )


@admin.register(Correction)
class CorrectionAdmin(SimpleHistoryAdmin):
    list_display = ["created_at", "article", "note", "created_by"]
    list_select_related = ["article", "created_by"]
    search_fields = ["note", "article__headline"]
    date_hierarchy = "created_at"
    readonly_fields = ["article", "created_at", "note", "created_by"]

    def has_add_permission(self, request):
        return False  # Added from the story's page, through add_correction().


@admin.register(TransferClaim)
class TransferClaimAdmin(ClaimWorkflowAdmin, SimpleHistoryAdmin):
    list_display = [
        "player",
        "route",
        "claim_type",
        "fee",
        "source_with_tier",
        "outcome",
        "article",
    ]
    list_filter = [
        "claim_type",
        "outcome",
        "source__reliability_tier",
        "source__kind",
        "deal_type",
        ("from_club", admin.RelatedOnlyFieldListFilter),
        ("to_club", admin.RelatedOnlyFieldListFilter),
        "player__primary_position",
    ]
    list_select_related = ["player", "from_club", "to_club", "source", "article"]
    search_fields = [
        "player__name",
        "from_club__name",
        "to_club__name",
        "source__name",
        "article__headline",
        "quote",
    ]
    date_hierarchy = "reported_at"
    autocomplete_fields = ["article", *CLAIM_AUTOCOMPLETE_FIELDS]
    fields = ["article", *CLAIM_FIELDS]
    actions = [*ClaimWorkflowAdmin.actions, "export_as_csv"]

    @admin.action(description="Export selected claims as CSV (spreadsheet-safe)")
    def export_as_csv(self, request, queryset):
        response = HttpResponse(
            export_claims_csv(queryset), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="claims.csv"'
        return response

    def save_model(self, request, obj, form, change):
        # A claim moved from a public story to a hidden one leaves (#4).
        was_public = (
            change and TransferClaim.objects.public().filter(pk=obj.pk).exists()
        )
        super().save_model(request, obj, form, change)
        sync_article_subjects(obj.article)
        if was_public and not obj.article.is_published:
            tombstone_claims(claim_ids=[obj.pk], reason=Tombstone.Reason.UNPUBLISHED)

    def delete_model(self, request, obj):
        delete_claims(claims=TransferClaim.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        delete_claims(claims=queryset)

    @admin.display(description="route")
    def route(self, claim):
        return claim.route

    @admin.display(description="fee", ordering="fee_amount")
    def fee(self, claim):
        return claim.fee_display

    @admin.display(description="source", ordering="source__reliability_tier")
    def source_with_tier(self, claim):
        if claim.source is None:
            return None
        return f"{claim.source} (tier {claim.source.reliability_tier})"


@admin.register(SquadTarget)
class SquadTargetAdmin(admin.ModelAdmin):
    list_display = ["club", "position", "target_count", "note", "article"]
    list_filter = ["position", ("club", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["club", "article"]
    search_fields = ["club__name", "club__aliases__name", "note"]
    autocomplete_fields = ["club", "article"]


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
