"""Saves that partners hear about (#17), wired in ``RumoursConfig.ready()``.

The state before a save is read in ``pre_save`` (one small query, for the
rare saves of stories and claims); what changed is announced after the
transaction commits. Writers that bypass signals (an import's bulk writes)
announce nothing: partners learn of imported stories from ``changes/``.

A deleted club or player leaves the subscriptions that named it; one whose
filter named nothing else is paused, since an empty filter means every club
(or player): a partner who asked for one club's claims would otherwise get
the whole newsroom's.
"""

import logging

from django.db.models import Count
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from ..models import (
    Article,
    Club,
    Correction,
    Player,
    Tombstone,
    TransferClaim,
    WebhookEventType,
    WebhookSubscription,
)
from ..models.events import tombstones_recorded
from .events import announce_later, announce_withdrawal

Type = WebhookEventType
PUBLISHED = Article.Status.PUBLISHED
FILTERS = {Club: "clubs", Player: "players"}

logger = logging.getLogger(__name__)


def remember_story(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance.status_before = None
        return
    instance.status_before = (
        Article.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    )


def story_saved(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "status_before", None)
    if raw or instance.status != PUBLISHED or before == PUBLISHED:
        return
    claims = TransferClaim.objects.filter(article=instance).values_list("pk", flat=True)
    announce_later(Type.CLAIM_PUBLISHED, claims)


def remember_claim(sender, instance, raw=False, **kwargs):
    instance.state_before = None
    if not raw and instance.pk is not None:
        instance.state_before = (
            TransferClaim.objects.filter(pk=instance.pk)
            .values_list("claim_type", "outcome")
            .first()
        )


def claim_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "state_before", None)
    if created or before is None:
        announce_later(Type.CLAIM_PUBLISHED, [instance.pk])
        return
    claim_type, outcome = before
    if instance.claim_type != claim_type:
        announce_later(Type.STAGE_CHANGED, [instance.pk])
    if outcome == TransferClaim.Outcome.OPEN and instance.outcome != outcome:
        announce_later(Type.RESOLVED, [instance.pk])


def correction_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        claims = TransferClaim.objects.filter(article_id=instance.article_id)
        announce_later(Type.CORRECTED, claims.values_list("pk", flat=True))


def tombstone_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        tombstones_written(sender, [instance])


def tombstones_written(sender, tombstones, **kwargs):
    for tombstone in tombstones:
        if tombstone.kind == Tombstone.Kind.CLAIM:
            announce_withdrawal(tombstone.object_id, tombstone.reason)


def remember_filtering(sender, instance, **kwargs):
    """Note the live subscriptions whose filter names a club or player being deleted."""
    named = WebhookSubscription.objects.filter(
        active=True, **{FILTERS[sender]: instance}
    )
    instance.filtering_subscriptions = list(named.values_list("pk", flat=True))


def pause_widened(sender, instance, **kwargs):
    """Pause each subscription left with an empty filter by the delete.

    After the delete, so that deleting several of a filter's rows at once
    (a queryset's ``delete()``) is seen whole.
    """
    noted = getattr(instance, "filtering_subscriptions", None)
    if not noted:
        return
    field = FILTERS[sender]
    emptied = list(
        WebhookSubscription.objects.filter(pk__in=noted, active=True)
        .annotate(left=Count(field))
        .filter(left=0)
    )
    for subscription in emptied:
        logger.warning(
            "Webhook subscription %s paused: its %s filter named only deleted rows",
            subscription,
            field,
        )
    WebhookSubscription.objects.filter(pk__in=[s.pk for s in emptied]).update(
        active=False
    )


def connect_signals():
    uid = "rumours.webhooks"
    pre_save.connect(remember_story, sender=Article, dispatch_uid=f"{uid}.story")
    post_save.connect(story_saved, sender=Article, dispatch_uid=f"{uid}.story")
    pre_save.connect(remember_claim, sender=TransferClaim, dispatch_uid=f"{uid}.claim")
    post_save.connect(claim_saved, sender=TransferClaim, dispatch_uid=f"{uid}.claim")
    post_save.connect(
        correction_saved, sender=Correction, dispatch_uid=f"{uid}.correction"
    )
    post_save.connect(tombstone_saved, sender=Tombstone, dispatch_uid=f"{uid}.tomb")
    tombstones_recorded.connect(tombstones_written, dispatch_uid=f"{uid}.tombs")
    for model in FILTERS:
        name = f"{uid}.filter.{model._meta.model_name}"
        pre_delete.connect(remember_filtering, sender=model, dispatch_uid=name)
        post_delete.connect(pause_widened, sender=model, dispatch_uid=name)
