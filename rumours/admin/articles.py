"""Stories and their corrections in the admin."""

from django.contrib import admin
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from ..models import (
    Article,
    Correction,
    Tombstone,
    TransferClaim,
)
from ..models.claim_terms import ClaimType
from ..search import stories_matching
from ..services.subjects import sync_article_subjects
from ..services.takedown import delete_articles, recording_withdrawals
from ..services.workflow import add_correction
from .archive import ArchiveAdminMixin
from .claims import TransferClaimInline, extra_claim_initial
from .fieldsets import PythonFieldsetsAdminMixin
from .forms import VERSION_FIELD
from .proposals import ProposalsAdminMixin
from .workflow import ArticleWorkflowAdmin


class ClaimKindFilter(admin.SimpleListFilter):
    """Stories with a claim of one kind, offered from the kinds' vocabulary."""

    title = "kind of claim"
    parameter_name = "claims__claim_type"

    def lookups(self, request, model_admin):
        return ClaimType.choices

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        claims = TransferClaim.objects.filter(claim_type=self.value())
        return queryset.filter(pk__in=claims.values("article_id"))


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
class ArticleAdmin(
    ArchiveAdminMixin,
    PythonFieldsetsAdminMixin,
    ProposalsAdminMixin,
    ArticleWorkflowAdmin,
    SimpleHistoryAdmin,
):
    list_display = [
        "headline",
        "status_label",
        "published_at",
        "author",
        "last_changed_by",
        "number_of_claims",
        "hero_thumbnail",
    ]
    # At archive size (#19) no filter reads the stories to find its choices:
    # kinds of claim from their vocabulary, clubs from the clubs table.
    list_filter = [
        "status",
        ClaimKindFilter,
        ("clubs", admin.RelatedFieldListFilter),
        ("author", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["author"]
    # Searched through the stored search documents (get_search_results).
    search_fields = ["headline"]
    search_help_text = (
        "Words of the headline, standfirst, body, or the names of its clubs "
        "and players."
    )
    show_full_result_count = False
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["author", "clubs", "players", "original_source"]
    readonly_fields = ["hero_preview"]
    # An address typed without a scheme is taken as https://, as Django 6 will.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
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
        (
            "Based on another's report",
            {
                "fields": [
                    "original_source",
                    "original_url",
                    "original_published_at",
                ],
                "classes": ["collapse"],
                "description": (
                    "For a story written from another outlet's report: readers "
                    "see who published it first, and when."
                ),
            },
        ),
    ]
    inlines = [TransferClaimInline, CorrectionInline]

    def get_queryset(self, request):
        # Subqueries, not a Count() over a join: no GROUP BY over every
        # column, and the database works them out for the page's rows only.
        last_change = Article.history.filter(id=OuterRef("pk")).order_by(
            "-history_date", "-history_id"
        )
        claims = (
            TransferClaim.objects.filter(article=OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(
                claim_count=Coalesce(Subquery(claims), 0),
                last_changed_by_name=Subquery(
                    last_change.values("history_user__username")[:1]
                ),
            )
        )

    def get_search_results(self, request, queryset, search_term):
        matches = stories_matching(search_term)
        if matches is None:
            return queryset, False
        return queryset.filter(matches), False

    def get_changeform_initial_data(self, request):
        return {
            "author": request.user.pk,
            **super().get_changeform_initial_data(request),
        }

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, TransferClaimInline) and obj is not None:
            first = extra_claim_initial(request, obj)  # the same on GET and POST
            if first:
                kwargs["initial"] = [first]
        return kwargs

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        sync_article_subjects(form.instance)

    # Tombstones (#4): partners take down what readers can no longer see.
    def save_model(self, request, obj, form, change):
        if change:
            obj.mark_revised()  # Readers see “Updated” (#13).
        withdrawn = [obj.pk] if change else []
        with recording_withdrawals(
            articles=withdrawn, reason=Tombstone.Reason.UNPUBLISHED
        ):
            super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            save_corrections(request, formset)
            return
        deleted = [
            inline.instance.pk
            for inline in formset.deleted_forms
            if inline.instance.pk is not None
        ]
        with recording_withdrawals(claims=deleted, reason=Tombstone.Reason.DELETED):
            super().save_formset(request, form, formset, change)

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
class CorrectionAdmin(ArchiveAdminMixin, SimpleHistoryAdmin):
    list_display = ["created_at", "article", "note", "created_by"]
    list_select_related = ["article", "created_by"]
    search_fields = ["note", "article__headline"]
    date_hierarchy = "created_at"
    readonly_fields = ["article", "created_at", "note", "created_by"]

    def has_add_permission(self, request):
        return False  # Added from the story's page, through add_correction().
