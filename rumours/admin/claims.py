"""Transfer claims in the admin: their own pages and the story's inline."""

from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models
from django.db.models import Q
from django.http import HttpResponse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from ..models import (
    Article,
    Attribution,
    ClaimAmount,
    Club,
    Player,
    Source,
    Tombstone,
    TransferClaim,
)
from ..models.amounts import AMOUNT_FIELDS
from ..search import stories_matching
from ..services.subjects import sync_article_subjects
from ..services.takedown import delete_claims, recording_withdrawals
from .archive import ArchiveAdminMixin
from .csv_export import export_claims_csv
from .fieldsets import PythonFieldsetsInlineMixin
from .forms import (
    VERSION_FIELD,
    ArticleClaimForm,
    VersionedFormSetMixin,
)
from .money_fields import ClaimAmountForm
from .rendering import AdminModelForm
from .widgets import PreloadedAutocompleteFormSet, PreloadedAutocompleteInlineMixin
from .workflow import (
    ArticleInlineRulesMixin,
    BrowseOnlyAdminMixin,
    ClaimInlineRulesMixin,
    ClaimWorkflowAdmin,
    ResolutionRulesMixin,
)

CLAIM_FIELDS = (
    ("player", "replaces"),
    ("from_club", "free_agent", "to_club"),
    ("from_described", "to_described"),
    ("claim_type", "deal_type"),
    "source",
    "quote",
    ("reported_at", "event_date", "event_precision"),
    ("outcome", "resolved_at"),
    "resolution_note",
    ("evidence_article", "evidence_url"),
    VERSION_FIELD,
)
# Under its story, a claim has its fee at hand (ArticleClaimForm).
INLINE_CLAIM_FIELDS = (
    *CLAIM_FIELDS[:3],
    ArticleClaimForm.QUICK_FEE_FIELDS,
    *CLAIM_FIELDS[3:],
)
CLAIM_AUTOCOMPLETE_FIELDS = (
    "player",
    "replaces",
    "from_club",
    "to_club",
    "source",
    "evidence_article",
)


class ClaimInlineFormSet(VersionedFormSetMixin, PreloadedAutocompleteFormSet):
    pass


class TransferClaimInline(
    PythonFieldsetsInlineMixin,
    ResolutionRulesMixin,
    ArticleInlineRulesMixin,
    PreloadedAutocompleteInlineMixin,
    admin.StackedInline,
):
    model = TransferClaim
    fk_name = "article"
    form = ArticleClaimForm
    formset = ClaimInlineFormSet
    fields = INLINE_CLAIM_FIELDS
    autocomplete_fields = CLAIM_AUTOCOMPLETE_FIELDS
    formfield_overrides = {
        models.TextField: {"widget": AdminTextareaWidget({"rows": 3})},
        models.URLField: {"assume_scheme": "https"},
    }
    show_change_link = True

    def get_queryset(self, request):
        # Headings print player and clubs; read-only forms print every party;
        # each form shows its claim's fee.
        return super().get_queryset(request).with_parties().with_amounts()

    readonly_fields = ["another_claim"]

    def get_extra(self, request, obj=None, **kwargs):
        if obj is None:
            return 1
        return 1 if extra_claim_initial(request, obj) else 0

    def get_fields(self, request, obj=None):
        return [*super().get_fields(request, obj), "another_claim", "attribution_from"]

    @admin.display(description="")
    def another_claim(self, claim):
        """Link the story's form with a new claim copying this one's parties (#14)."""
        if claim.pk is None:
            return ""
        return format_html(
            '<a href="?another={}#claims-group" class="another-claim">'
            "Another claim for this player</a>",
            claim.pk,
        )

    # Shown when the story is read-only: its claims' amounts, in words.
    def fee(self, claim):
        return claim.fee_display

    def fee_currency(self, claim):
        return ""

    def fee_qualifier(self, claim):
        return ""


def extra_claim_initial(request, article):
    """Return the initial fields of the story form's empty claim, or {} (#14).

    ``?another=<claim>`` copies that claim's player, selling side and
    attribution (its source here, its relays and speakers when saved:
    ``ArticleClaimForm.attribution_from``); else a story with no claim gets
    its first from its subjects.
    """
    another = request.GET.get("another", "")
    if another.isdigit():
        copied = (
            article.claims.filter(pk=another)
            .values("player", "from_club", "from_described", "source")
            .first()
        )
        if copied:
            return {**copied, "attribution_from": int(another)}
    return first_claim_initial(article)


def first_claim_initial(article):
    """Return the first claim's fields from a story's subjects, or {} (#14).

    Only for a story with no claim yet: its one player, the club he plays
    for, and the one other club the story is about. Three queries.
    """
    if article.pk is None or article.claims.exists():
        return {}
    players = list(article.players.only("pk", "current_club_id")[:2])
    if len(players) != 1:
        return {}
    player = players[0]
    initial = {"player": player.pk, "from_club": player.current_club_id}
    suitors = list(
        article.clubs.exclude(pk=player.current_club_id).values_list("pk", flat=True)[
            :2
        ]
    )
    if len(suitors) == 1:
        initial["to_club"] = suitors[0]
    return initial


class AttributionInline(ClaimInlineRulesMixin, admin.TabularInline):
    """Relays and speakers, in the story's order, on the claim's own page.

    The common case, one source, is the claim's ``source`` field and needs
    no row here.
    """

    model = Attribution
    form = AdminModelForm
    fields = ["source", "role", "position"]
    autocomplete_fields = ["source"]
    extra = 0
    verbose_name = "further attribution"
    verbose_name_plural = (
        "further attributions (relays who passed the claim on, people quoted)"
    )


class ClaimAmountInline(ClaimInlineRulesMixin, admin.TabularInline):
    """The fees, prices, add-ons and wages the story quotes, in its order.

    One row for the common case (one fee); add-ons of unknown size are an
    add-ons row with no amount.
    """

    model = ClaimAmount
    form = ClaimAmountForm
    fields = [*AMOUNT_FIELDS, "position"]
    extra = 0
    verbose_name = "amount"
    verbose_name_plural = "amounts (fee, loan fee, option price, add-ons, wages...)"

    def get_extra(self, request, obj=None, **kwargs):
        # An empty row to fill in when the claim has no amount yet.
        return 0 if obj is not None and obj.amounts.exists() else 1


@admin.register(Attribution)
class AttributionAdmin(ArchiveAdminMixin, BrowseOnlyAdminMixin, SimpleHistoryAdmin):
    """Every relay and speaker: which claims a source passed on or spoke in.

    A list to browse: they are entered on the claim's own page, where the
    story's workflow decides who may change them.
    """

    list_display = ["source", "role", "claim"]
    list_filter = ["role", "source__kind"]
    list_select_related = [
        "source",
        "claim__player",
        "claim__from_club",
        "claim__to_club",
    ]
    search_fields = ["source__name", "claim__player__name"]


@admin.register(ClaimAmount)
class ClaimAmountAdmin(ArchiveAdminMixin, BrowseOnlyAdminMixin, SimpleHistoryAdmin):
    """Every amount a story quoted: release clauses, asking prices, wages (#13).

    A list to browse and filter; amounts are entered on their claim's page.
    """

    list_display = ["claim", "kind", "display"]
    list_filter = ["kind", "qualifier", "currency"]
    list_select_related = ["claim__player", "claim__from_club", "claim__to_club"]
    search_fields = ["claim__player__name"]

    @admin.display(description="as readers see it")
    def display(self, amount):
        return amount.display


@admin.register(TransferClaim)
class TransferClaimAdmin(ArchiveAdminMixin, ClaimWorkflowAdmin, SimpleHistoryAdmin):
    inlines = [ClaimAmountInline, AttributionInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
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
        "free_agent",
        # Every club from the clubs table, not a DISTINCT over the claims (#19).
        ("from_club", admin.RelatedFieldListFilter),
        ("to_club", admin.RelatedFieldListFilter),
        "player__primary_position",
    ]
    list_select_related = ["player", "from_club", "to_club", "source", "article"]
    # Searched by get_search_results: names through their small tables, the
    # story through its stored search document (which holds the quotes).
    search_fields = ["player__name"]
    search_help_text = (
        "Words of the player's, a club's or the source's name, or of the story "
        "(its headline, text and quotes)."
    )
    date_hierarchy = "reported_at"
    show_full_result_count = False  # no second count of the archive (#19)
    autocomplete_fields = [
        "article",
        *CLAIM_AUTOCOMPLETE_FIELDS,
        "from_competition",
        "to_competition",
        "answers",
        "swap_with",
    ]
    # The story's inline keeps to the common case; a described side's
    # competition and country, and the links between claims, are here.
    fields = [
        "article",
        *CLAIM_FIELDS,
        ("from_competition", "from_country"),
        ("to_competition", "to_country"),
        ("answers", "swap_with"),
        "true_when",
    ]
    readonly_fields = ["true_when"]
    actions = [*ClaimWorkflowAdmin.actions, "export_as_csv"]

    @admin.action(description="Export selected claims as CSV (spreadsheet-safe)")
    def export_as_csv(self, request, queryset):
        response = HttpResponse(
            export_claims_csv(queryset), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="claims.csv"'
        return response

    def get_queryset(self, request):
        # The list's amounts column reads every claim's amounts: one query.
        return super().get_queryset(request).with_amounts()

    def get_search_results(self, request, queryset, search_term):
        """Find claims by the words of a name or of their story (#19).

        Each name is looked up in its own small table, the story in its
        stored search document: no ``icontains`` over the claims' joins,
        which the count, the page and the date hierarchy each ran again.
        """
        words = search_term.split()
        if not words:
            return queryset, False
        players = Player.objects.named(words).values("pk")
        clubs, sources = Club.objects.all(), Source.objects.all()
        for word in words:
            clubs = clubs.filter(name__icontains=word)
            sources = sources.filter(name__icontains=word)
        matches = (
            Q(player__in=players)
            | Q(from_club__in=clubs.values("pk"))
            | Q(to_club__in=clubs.values("pk"))
            | Q(source__in=sources.values("pk"))
        )
        story = stories_matching(search_term)
        if story is not None:
            matches |= Q(article__in=Article.objects.filter(story).values("pk"))
        return queryset.filter(matches), False

    def save_model(self, request, obj, form, change):
        # A claim moved from a public story to a hidden one leaves (#4).
        moved = [obj.pk] if change else []
        with recording_withdrawals(claims=moved, reason=Tombstone.Reason.UNPUBLISHED):
            super().save_model(request, obj, form, change)
        sync_article_subjects(obj.article)

    def delete_model(self, request, obj):
        delete_claims(claims=TransferClaim.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        delete_claims(claims=queryset)

    @admin.display(description="true when")
    def true_when(self, claim):
        """What resolving it as confirmed asserts: the claim, not the move."""
        return claim.true_when if claim.claim_type else ""

    @admin.display(description="route")
    def route(self, claim):
        return claim.route

    @admin.display(description="amounts")
    def fee(self, claim):
        return claim.fee_display

    @admin.display(description="source", ordering="source__reliability_tier")
    def source_with_tier(self, claim):
        if claim.source is None:
            return None
        return f"{claim.source} ({claim.source.tier_label})"
