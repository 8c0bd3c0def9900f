"""Saves that partners hear about (#17), wired in ``RumoursConfig.ready()``.

The state before a save is read in ``pre_save`` (one small query, for the
rare saves of stories and claims); what changed is announced after the
transaction commits. Writers that bypass signals (an import's bulk writes)
announce nothing: partners learn of imported stories from ``changes/``.
"""

from django.db.models.signals import post_save, pre_save

from ..models import Article, Correction, Tombstone, TransferClaim, WebhookEventType
from ..models.events import tombstones_recorded
from .events import announce_later, announce_withdrawal

Type = WebhookEventType
PUBLISHED = Article.Status.PUBLISHED


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
