"""Partners' webhooks in the admin (#17): subscriptions per key, and the delivery log.

Administrators only (no role is granted these permissions): a subscription
names a partner's key, the address it registered, the events it wants and
the claims it cares about; the log shows every attempt of every delivery,
with the partner's answer.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import ngettext
from django_tasks_db.models import DBTaskResult

from ..models import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookEventType,
    WebhookSubscription,
)
from ..webhooks import events
from .archive import ArchiveAdminMixin
from .workflow import BrowseOnlyAdminMixin

# The queue's own rows are the worker's business; the delivery log below
# says what happened to each delivery, in the partner's terms.
admin.site.unregister(DBTaskResult)


class WebhookSubscriptionForm(forms.ModelForm):
    url = forms.URLField(
        assume_scheme="https",
        max_length=500,
        help_text=WebhookSubscription._meta.get_field("url").help_text,
    )
    events = forms.MultipleChoiceField(
        choices=WebhookEventType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="None ticked: every event.",
    )

    class Meta:
        model = WebhookSubscription
        fields = [
            "api_key",
            "url",
            "events",
            "clubs",
            "players",
            "min_source_tier",
            "active",
            "secret",
        ]


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    form = WebhookSubscriptionForm
    list_display = ["api_key", "url", "event_list", "min_source_tier", "active"]
    list_filter = ["active"]
    list_select_related = ["api_key"]
    search_fields = ["url", "api_key__name"]
    autocomplete_fields = ["clubs", "players"]

    @admin.display(description="Events")
    def event_list(self, subscription):
        return ", ".join(subscription.events) or "every event"


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    fields = ["number", "attempted_at", "response_status", "response_body", "error"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ArchiveAdminMixin, BrowseOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: what was sent to whom, every attempt and its answer."""

    list_display = ["created_at", "event_type", "claim", "subscription", "status"]
    list_filter = ["status", "event__type"]
    list_select_related = ["event", "subscription__api_key"]
    search_fields = ["event__id", "subscription__url", "subscription__api_key__name"]
    readonly_fields = ["event", "subscription", "status", "created_at", "payload"]
    fields = readonly_fields
    inlines = [WebhookAttemptInline]
    show_full_result_count = False
    actions = ["send_again"]

    def has_send_permission(self, request):
        return request.user.is_superuser

    @admin.action(
        description="Send the selected deliveries again", permissions=["send"]
    )
    def send_again(self, request, queryset):
        queued = events.send_again(queryset)
        self.message_user(
            request,
            ngettext(
                "%d delivery queued for one more attempt",
                "%d deliveries queued for one more attempt",
                queued,
            )
            % queued
            + "; delivered ones are not sent twice.",
            messages.SUCCESS,
        )

    @admin.display(description="Event", ordering="event__type")
    def event_type(self, delivery):
        return delivery.event.type

    @admin.display(description="Claim")
    def claim(self, delivery):
        return delivery.event.claim_id

    @admin.display(description="Payload")
    def payload(self, delivery):
        return delivery.event.payload
