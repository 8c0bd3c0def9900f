"""The editorial workflow in the admin: role rules and actions (#5).

The model families' modules register the admin classes; this module holds
what the workflow adds to them: the role rules applied on the server, and
the actions for each step. Every action saves row by row through
``rumours/services/``, so each change leaves a history row with its user
and the save signals run.
"""

import datetime as dt

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html

from ..models import Article, TransferClaim, roles
from ..services.claims import movable, move_players, resolve_claims
from ..services.notifications import notify_review
from ..services.workflow import (
    WorkflowError,
    publish_article,
    schedule_article,
    send_back_article,
    submit_article,
    unpublish_article,
)
from .forms import ArticleForm, ClaimForm, ScheduleForm, VersionedAdminMixin
from .settlements import SettlementAdminMixin


def run_step(modeladmin, request, items, step, done):
    """Apply ``step`` to each of ``items``; report what was done and what not."""
    succeeded = 0
    for item in items:
        try:
            step(item)
        except (WorkflowError, PermissionDenied, ValueError) as refusal:
            modeladmin.message_user(request, str(refusal), messages.ERROR)
        else:
            succeeded += 1
    if succeeded:
        modeladmin.message_user(request, done.format(count=succeeded), messages.SUCCESS)


def live_link(article):
    """Return the message linking a published story's public page (#14)."""
    return format_html(
        '“{}” is live: <a href="{}" class="live-link">{}</a>',
        article.headline,
        article.get_absolute_url(),
        article.get_absolute_url(),
    )


class BrowseOnlyAdminMixin:
    """A record editors read but never write here: it changes elsewhere."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RowRulesMixin:
    """The model permission, then ``may_edit()`` for the row itself.

    Django's bulk delete asks ``has_delete_permission(request, obj)`` of every
    row it would delete, so the rule holds there too.
    """

    def may_edit(self, request, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or self.may_edit(request, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self.may_edit(request, obj))


class ArticleWorkflowAdmin(RowRulesMixin, VersionedAdminMixin, admin.ModelAdmin):
    """Who may do what to a story, and the actions for each workflow step."""

    form = ArticleForm
    actions = [
        "submit_for_review",
        "publish_now",
        "schedule",
        "unpublish",
        "send_back_to_draft",
    ]

    def has_publish_permission(self, request):
        return roles.can_publish(request.user)

    def may_edit(self, request, obj):
        return roles.may_edit_article(request.user, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(
            form.__name__, (form,), {"may_publish": roles.can_publish(request.user)}
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not roles.can_publish(request.user):
            readonly += ["published_at", "author"]
        return readonly

    def save_model(self, request, obj, form, change):
        if not change and not roles.can_publish(request.user):
            obj.author = request.user  # A reporter files under her own name.
        forged = request.POST.get("published_at_0") or request.POST.get("published_at")
        if forged and "published_at" not in form.fields:
            self.message_user(request, roles.ONLY_EDITORS_PUBLISH, messages.WARNING)
        super().save_model(request, obj, form, change)
        if "status" in form.changed_data:
            self.announce_status(request, obj)

    def announce_status(self, request, article):
        """Tell the editors of a submission; show a published story's address (#14)."""
        if article.status == Article.Status.REVIEW:
            notify_review(article, request.user)
        elif article.is_published:
            self.message_user(request, live_link(article), messages.SUCCESS)

    @admin.action(
        permissions=["change"], description="Submit selected drafts for review"
    )
    def submit_for_review(self, request, queryset):
        run_step(
            self,
            request,
            queryset,
            lambda article: submit_article(article=article, user=request.user),
            "{count} story(ies) submitted for review.",
        )

    @admin.action(permissions=["publish"], description="Publish selected stories now")
    def publish_now(self, request, queryset):
        run_step(
            self,
            request,
            queryset,
            lambda article: publish_article(article=article, user=request.user),
            "{count} story(ies) published.",
        )
        for article in queryset.order_by("pk"):
            if article.is_published:
                self.message_user(request, live_link(article), messages.SUCCESS)

    @admin.action(
        permissions=["publish"], description="Schedule selected stories for later"
    )
    def schedule(self, request, queryset):
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            at = form.cleaned_data["publish_at"]
            run_step(
                self,
                request,
                queryset,
                lambda article: schedule_article(
                    article=article, user=request.user, at=at
                ),
                f"{{count}} story(ies) scheduled for {at:%d %B %Y, %H:%M} UTC.",
            )
            return None
        if not form.is_bound:
            form.initial["publish_at"] = timezone.now() + dt.timedelta(hours=1)
        return TemplateResponse(
            request,
            "admin/rumours/article/schedule.html",
            {
                **self.admin_site.each_context(request),
                "title": "Schedule stories",
                "opts": self.model._meta,
                "articles": queryset,
                "form": form,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "media": self.media + form.media,
            },
        )

    @admin.action(
        permissions=["publish"],
        description="Unpublish selected stories (take them off the site)",
    )
    def unpublish(self, request, queryset):
        run_step(
            self,
            request,
            queryset,
            lambda article: unpublish_article(article=article, user=request.user),
            "{count} story(ies) taken off the site.",
        )

    @admin.action(
        permissions=["publish"], description="Send selected stories back to draft"
    )
    def send_back_to_draft(self, request, queryset):
        run_step(
            self,
            request,
            queryset.filter(status=Article.Status.REVIEW),
            lambda article: send_back_article(article=article, user=request.user),
            "{count} story(ies) sent back to their authors.",
        )


class ArticleInlineRulesMixin(RowRulesMixin):
    """An inline of a story is editable exactly when the story is.

    An inline's permission hooks receive the story, not the inline's row.
    """

    def may_edit(self, request, obj):
        return roles.may_edit_article(request.user, obj)

    def has_add_permission(self, request, obj=None):
        allowed = super().has_add_permission(request, obj)
        return allowed and (obj is None or self.may_edit(request, obj))


class ClaimInlineRulesMixin(ArticleInlineRulesMixin):
    """An inline of a claim is editable exactly when the claim's story is."""

    def may_edit(self, request, obj):
        return roles.may_edit_article(request.user, obj.article)


class ResolutionRulesMixin:
    """A claim's outcome and resolution time: read-only unless you may resolve."""

    def get_readonly_fields(self, request, obj=None):
        return [
            *super().get_readonly_fields(request, obj),
            *roles.closed_claim_fields(request.user),
        ]


class ClaimWorkflowAdmin(
    SettlementAdminMixin,
    ResolutionRulesMixin,
    RowRulesMixin,
    VersionedAdminMixin,
    admin.ModelAdmin,
):
    """Claims: reporters edit those of their own drafts; editors resolve them."""

    form = ClaimForm
    actions = [
        "mark_confirmed",
        "mark_denied",
        "mark_lapsed",
        "move_players_to_new_clubs",
    ]

    def has_resolve_permission(self, request):
        return roles.can_resolve(request.user)

    def may_edit(self, request, obj):
        return roles.may_edit_article(request.user, obj.article)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article" and not roles.can_publish(request.user):
            kwargs["queryset"] = Article.objects.filter(
                author=request.user, status=Article.Status.DRAFT
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def resolve(self, request, queryset, outcome):
        claims = list(queryset.select_related("player"))
        resolve_claims(claims=claims, outcome=outcome, user=request.user)
        self.message_user(
            request,
            f"{len(claims)} claim(s) marked {outcome.label.lower()}.",
            messages.SUCCESS,
        )
        return claims

    @admin.action(permissions=["resolve"], description="Mark selected claims confirmed")
    def mark_confirmed(self, request, queryset):
        claims = self.resolve(request, queryset, TransferClaim.Outcome.CONFIRMED)
        self.offer_settlements(request, claims)
        completed = [claim for claim in claims if movable(claim)]
        if not completed:
            return None
        # Confirming a completed move: offer to move the players (#5).
        return TemplateResponse(
            request,
            "admin/rumours/transferclaim/move_players.html",
            {
                **self.admin_site.each_context(request),
                "title": "Move players to their new clubs?",
                "opts": self.model._meta,
                "claims": completed,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(permissions=["resolve"], description="Mark selected claims denied")
    def mark_denied(self, request, queryset):
        self.resolve(request, queryset, TransferClaim.Outcome.DENIED)

    @admin.action(permissions=["resolve"], description="Mark selected claims lapsed")
    def mark_lapsed(self, request, queryset):
        self.resolve(request, queryset, TransferClaim.Outcome.LAPSED)

    @admin.action(
        permissions=["resolve"],
        description="Move players of confirmed completed claims to their new clubs",
    )
    def move_players_to_new_clubs(self, request, queryset):
        claims = queryset.select_related("player", "to_club")
        run_step(
            self,
            request,
            claims,
            lambda claim: move_players(claims=[claim], user=request.user),
            "{count} player(s) moved to their new club.",
        )
