"""Partners' webhooks (#17): subscriptions per key, events, deliveries, attempts.

A subscription says where a partner wants pushes (a URL it registered), for
which events, and for which claims (clubs, players, a minimum source tier).
An event is recorded once, with the id every attempt carries
(``webhook-id``), so a partner that sees it twice processes it once. Each
delivery of an event to a subscription keeps every attempt: when, what the
partner answered, or why nothing was sent.
"""

import base64
import secrets
import uuid

from django.db import models

from .sources import ReliabilityTier


class WebhookEventType(models.TextChoices):
    CLAIM_PUBLISHED = "claim.published", "A claim is published"
    STAGE_CHANGED = "claim.stage_changed", "A claim's stage changes"
    RESOLVED = "claim.resolved", "A claim is resolved (confirmed, denied or lapsed)"
    CORRECTED = "claim.corrected", "A claim's story is corrected"
    WITHDRAWN = "claim.withdrawn", "A claim is withdrawn (or its story taken down)"


def new_secret():
    """Return a signing secret in the Standard Webhooks form: whsec_ + base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def new_event_id():
    return f"msg_{uuid.uuid4().hex}"


class WebhookSubscription(models.Model):
    api_key = models.ForeignKey(
        "rest_framework_api_key.APIKey",
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
        help_text="The partner: deliveries stop when its key is revoked.",
    )
    url = models.URLField(
        max_length=500,
        help_text="Where the partner asked us to POST events; nowhere else.",
    )
    secret = models.CharField(
        max_length=80,
        default=new_secret,
        help_text="Give it to the partner: it verifies each signature with it.",
    )
    events = models.JSONField(
        default=list,
        blank=True,
        help_text="The event types to send; none selected sends every type.",
    )
    clubs = models.ManyToManyField(
        "rumours.Club",
        blank=True,
        related_name="+",
        help_text="Only claims naming one of these clubs on either side; "
        "none selected: every club.",
    )
    players = models.ManyToManyField(
        "rumours.Player",
        blank=True,
        related_name="+",
        help_text="Only claims about one of these players; none: every player.",
    )
    min_source_tier = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=ReliabilityTier.choices,
        help_text="Only claims whose source is this tier or better (1 is the "
        "most reliable); blank: every claim, unrated sources included.",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["api_key__name", "url", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(url__startswith="https://")
                | models.Q(url__startswith="http://"),
                name="rumours_webhooksubscription_url_web",
                violation_error_message="The address must start with https:// "
                "or http://.",
            ),
        ]

    def __str__(self):
        return f"{self.api_key.name} → {self.url}"

    def wants(self, event_type):
        return not self.events or event_type in self.events


class WebhookEvent(models.Model):
    """One thing that happened to one claim, as sent to every subscriber."""

    id = models.CharField(primary_key=True, max_length=40, default=new_event_id)
    type = models.CharField(max_length=40, choices=WebhookEventType.choices)
    # Not a foreign key: a withdrawn claim may be deleted; its event stays.
    claim_id = models.PositiveIntegerField()
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.type} ({self.claim_id})"


class WebhookDeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting for an attempt"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed (no attempt left, or refused)"


class WebhookDelivery(models.Model):
    """One event for one subscription, with every attempt to deliver it."""

    Status = WebhookDeliveryStatus

    event = models.ForeignKey(
        WebhookEvent, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(
        max_length=10,
        choices=WebhookDeliveryStatus.choices,
        default=WebhookDeliveryStatus.PENDING,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "subscription"],
                name="rumours_webhookdelivery_once",
                violation_error_message="This event is already queued for "
                "this subscription.",
            )
        ]
        verbose_name_plural = "webhook deliveries"

    def __str__(self):
        return f"{self.event} → {self.subscription.url}"


class WebhookAttempt(models.Model):
    """One try: what the partner answered, or why nothing was sent."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField()
    attempted_at = models.DateTimeField(auto_now_add=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["delivery", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "number"],
                name="rumours_webhookattempt_once",
                violation_error_message="This attempt of the delivery is logged "
                "already.",
            )
        ]

    def __str__(self):
        return f"Attempt {self.number}: {self.response_status or self.error}"

    @property
    def succeeded(self):
        return self.response_status is not None and 200 <= self.response_status < 300
