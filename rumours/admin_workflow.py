"""The editorial workflow in the admin: roles, versions, actions (#5).

``rumours/admin.py`` registers the models; this module holds what the
workflow adds to their admin classes: forms that carry the version they were
loaded at, the role rules applied on the server, and the actions for each
step. Every action saves row by row through ``rumours/services/``, so each
change leaves a history row with its user and the save signals run.
"""

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property

from . import roles
from .models import Article, TransferClaim
from .services.claims import movable, move_players, resolve_claims
from .services.publishing import (
    VersionConflict,
    WorkflowError,
    claim_version,
    publish_article,
    schedule_article,
    send_back_article,
    stale_message,
    submit_article,
    unpublish_article,
)

VERSION_FIELD = "loaded_version"


class VersionedForm(forms.ModelForm):
    """A model form that remembers the version it was loaded at (#5, R19).

    Saving is refused with a message saying who changed what meanwhile when
    the stored row has moved on. The check reads the row with
    ``select_for_update()`` inside the admin's transaction, and the save
    itself claims the version with ``UPDATE ... WHERE version = n``.
    """

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # A history revert form starts from an old row and must save over the
    # stored one: it reads the stored version (one query) instead.
    reverting = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.initial[VERSION_FIELD] = (
                self.stored_version(lock=False)
                if self.reverting
                else self.instance.version
            )

    @cached_property
    def changed_data(self):
        # The version is bookkeeping: an untouched inline form stays unsaved.
        return [name for name in super().changed_data if name != VERSION_FIELD]

    def keep_stored_microseconds(self, cleaned):
        # Admin widgets show whole seconds: a time nobody touched keeps its
        # stored microseconds instead of counting as a change.
        times = (forms.DateTimeField, forms.SplitDateTimeField)
        for name, field in self.fields.items():
            if not isinstance(field, times):
                continue
            stored = getattr(self.instance, name, None)
            if stored is not None and cleaned.get(name) == stored.replace(
                microsecond=0
            ):
                cleaned[name] = stored

    def stored_version(self, *, lock):
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if lock and transaction.get_connection().in_atomic_block:
            rows = rows.select_for_update()
        return rows.values_list("version", flat=True).first()

    def clean(self):
        cleaned = super().clean()
        self.keep_stored_microseconds(cleaned)
        if self.instance.pk is None or not self.has_changed():
            return cleaned
        loaded = cleaned.get(VERSION_FIELD)
        stored = self.stored_version(lock=True)
        if stored is not None and loaded != stored:
            raise ValidationError(stale_message(self.instance, loaded or 0))
        return cleaned


class VersionedAdminMixin:
    """Claim the version on save; report a lost race as a message, not a 500."""

    def save_model(self, request, obj, form, change):
        if change:
            claim_version(
                instance=obj, expected_version=form.cleaned_data[VERSION_FIELD]
            )
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except VersionConflict as conflict:  # The transaction was rolled back.
            self.message_user(request, str(conflict), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if getattr(request, "reverting", False):
            form = type(form.__name__, (form,), {"reverting": True})
        return form

    @transaction.atomic
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history lets anyone who may view the history POST a revert:
        # only those who may change the stored row may revert it.
        if request.method == "POST":
            stored = self.get_object(request, object_id)
            if stored is None or not self.has_change_permission(request, stored):
                raise PermissionDenied
        request.reverting = True
        return super().history_form_view(request, object_id, version_id, extra_context)


class VersionedFormSetMixin:
    """Inline forms that claim their rows' versions as they save (#5)."""

    def save_existing(self, form, obj, commit=True):
        claim_version(instance=obj, expected_version=form.cleaned_data[VERSION_FIELD])
        return super().save_existing(form, obj, commit=commit)


class ClaimForm(VersionedForm):
    """A claim's form: a resolved outcome gets its resolution time."""

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        if "outcome" not in self.fields or outcome is None:
            return cleaned
        if outcome == TransferClaim.Outcome.OPEN:
            cleaned["resolved_at"] = None
        elif not cleaned.get("resolved_at"):
            cleaned["resolved_at"] = timezone.now()
        return cleaned


class ArticleForm(VersionedForm):
    """A story's form; reporters choose only between draft and in review."""

    may_publish = True  # Set per request by ArticleWorkflowAdmin.get_form().

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None and not self.may_publish:
            status.choices = [
                (value, label)
                for value, label in status.choices
                if value != Article.Status.PUBLISHED
            ]
            status.error_messages["invalid_choice"] = roles.ONLY_EDITORS_PUBLISH

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == Article.Status.PUBLISHED
            and "published_at" in self.fields
            and not cleaned.get("published_at")
        ):
            cleaned["published_at"] = timezone.now()  # "Publish now".
        return cleaned


class ScheduleForm(forms.Form):
    publish_at = forms.SplitDateTimeField(
        label="Publish at",
        widget=admin.widgets.AdminSplitDateTime,
        help_text="Server time (UTC). The story appears on the site at this time.",
    )

    def clean_publish_at(self):
        moment = self.cleaned_data["publish_at"]
        if moment <= timezone.now():
            raise ValidationError("Choose a time in the future.")
        return moment


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


class ClaimWorkflowAdmin(RowRulesMixin, VersionedAdminMixin, admin.ModelAdmin):
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

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not roles.can_resolve(request.user):
            readonly += ["outcome", "resolved_at"]
        return readonly

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
