"""Admin forms that carry the version they were loaded at (#5).

Saving is refused, with a message naming who changed what meanwhile, when
the stored row has moved on.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.functional import cached_property

from ..models import Article, ClaimAmount, TransferClaim, roles
from ..models.amounts import headline_fee_row
from ..models.markup import normalise_newlines
from ..services.amounts import LOAN_DEALS, set_headline_fee
from ..services.attributions import copy_attribution
from ..services.versioning import VersionConflict, claim_version, stale_message
from .money_fields import FeeField, check_fee
from .rendering import AdminModelForm

VERSION_FIELD = "loaded_version"


class VersionedForm(AdminModelForm):
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


class ArticleClaimForm(ClaimForm):
    """A claim under its story, with its fee at hand: the common case of one (#13).

    The fields show and set the claim's first transfer or loan fee
    (``set_headline_fee``); the claim's own page lists every amount.
    """

    QUICK_FEE_FIELDS = ("fee", "fee_currency", "fee_qualifier")

    class Media:
        js = ["js/money-preview.js"]

    fee = FeeField(
        single=True,
        help_text="As reported: “£30m”, “around €22m”, or a number in the "
        "currency beside it; empty for none. Other amounts (loan fee and "
        "option, add-ons, wages) are on the claim's own page.",
    )
    fee_currency = forms.ChoiceField(
        label="currency",
        choices=[("", "---------"), *TransferClaim.Currency.choices],
        required=False,
    )
    fee_qualifier = forms.ChoiceField(
        label="qualifier",
        choices=ClaimAmount.Qualifier.choices,
        initial=ClaimAmount.Qualifier.EXACT,
    )
    # "Another claim for this player" (#14): the claim whose relays and
    # speakers a new claim takes on when saved.
    attribution_from = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_fee = None
        if self.instance.pk is not None:
            # The inline's queryset loads the amounts (with_amounts()).
            self.stored_fee = headline_fee_row(list(self.instance.amounts.all()))
        if self.stored_fee is not None:
            self.initial.update(
                fee=self.stored_fee.amount,
                fee_currency=self.stored_fee.currency,
                fee_qualifier=self.stored_fee.qualifier,
            )

    def clean(self):
        cleaned = super().clean()
        amount = self.read_fee(cleaned)
        if amount is not None and not cleaned.get("fee_currency"):
            self.add_error("fee_currency", "Give the fee's currency.")
        upper = self.stored_fee and self.stored_fee.upper_amount
        if amount is not None and upper is not None and amount > upper:
            self.add_error(
                "fee",
                f"Above the fee's upper bound ({upper}); change the range on "
                "the claim's own page.",
            )
        return cleaned

    def read_fee(self, cleaned):
        """Put the typed fee's figure, currency and qualifier in ``cleaned``.

        A transfer fee under 100,000 is refused with the millions it likely
        meant (#14); a fee that reads well is shown back, parsed.
        """
        fee = cleaned.get("fee")
        if fee is None:
            return None
        if fee.currency:
            cleaned["fee_currency"] = str(fee.currency)
        if fee.qualifier != ClaimAmount.Qualifier.EXACT:
            cleaned["fee_qualifier"] = str(fee.qualifier)
        cleaned["fee"] = fee.amount
        currency = cleaned.get("fee_currency")
        if currency and cleaned.get("deal_type") not in LOAN_DEALS:
            try:
                check_fee(fee.amount, currency)
            except ValidationError as small:
                self.add_error("fee", small)
                return fee.amount
        if currency:
            row = ClaimAmount(
                amount=fee.amount,
                currency=currency,
                qualifier=cleaned.get("fee_qualifier") or fee.qualifier,
            )
            self.fields["fee"].help_text = f"Parsed as: {row.money}"
        return fee.amount

    def clean_attribution_from(self):
        pk = self.cleaned_data.get("attribution_from")
        if pk is None or self.instance.pk is not None:
            return None
        article = self.instance.article_id
        found = TransferClaim.objects.filter(pk=pk, article_id=article).first()
        if article is None or found is None:
            return None  # Not a claim of this story: nothing to copy.
        return found

    def _save_m2m(self):
        super()._save_m2m()
        if self.cleaned_data.get("attribution_from") is not None:
            copy_attribution(
                claim=self.instance, from_claim=self.cleaned_data["attribution_from"]
            )
        if set(self.QUICK_FEE_FIELDS) & set(self.changed_data):
            set_headline_fee(
                claim=self.instance,
                amount=self.cleaned_data["fee"],
                currency=self.cleaned_data["fee_currency"],
                qualifier=self.cleaned_data["fee_qualifier"],
            )


class StoryTextField(forms.CharField):
    """A story's text with LF line endings: an untouched body is unchanged (#14)."""

    def to_python(self, value):
        return normalise_newlines(super().to_python(value))


class ArticleForm(VersionedForm):
    """A story's form; reporters choose only between draft and in review."""

    may_publish = True  # Set per request by ArticleWorkflowAdmin.get_form().

    class Meta:
        field_classes = {"body": StoryTextField}

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
