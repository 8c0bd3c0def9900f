"""What to announce, to whom: events for claims, and a delivery per subscriber.

Called after the saving transaction commits: recording an event and queuing
its deliveries are a few inserts, and no partner is contacted before the
worker picks the deliveries up, so an editor's save never waits on a
partner's server.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ..models import (
    TransferClaim,
    WebhookDelivery,
    WebhookEvent,
    WebhookEventType,
    WebhookSubscription,
)

Type = WebhookEventType


def absolute(path):
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def claim_data(claim):
    """Return what an event says of a claim: its ids, state and where to read it."""
    return {
        "id": claim.pk,
        "url": absolute(reverse("api:claim-detail", args=[claim.pk])),
        "web_url": absolute(claim.get_absolute_url()),
        "claim_type": claim.claim_type,
        "outcome": claim.outcome,
        "verdict": claim.verdict or None,
        "player": claim.player.slug,
        "from_club": claim.from_club.slug if claim.from_club else None,
        "to_club": claim.to_club.slug if claim.to_club else None,
        "source_tier": claim.source.reliability_tier if claim.source else None,
    }


def announce_later(event_type, claim_ids):
    """Announce ``event_type`` for ``claim_ids`` once the transaction commits."""
    claim_ids = list(claim_ids)
    if claim_ids:
        transaction.on_commit(lambda: announce(event_type, claim_ids))


def announce(event_type, claim_ids):
    """Record one event per public claim and queue a delivery per subscriber."""
    claims = (
        TransferClaim.objects.filter(pk__in=claim_ids)
        .filter(article__status="published")
        .select_related("article", "player", "from_club", "to_club", "source")
    )
    subscriptions = list(live_subscriptions())
    for claim in claims:
        # A scheduled story's claims go out when it appears, not before.
        due = max(claim.article.published_at, timezone.now())
        record(event_type, claim.pk, claim_data(claim), subscriptions, claim, due)


def announce_withdrawal(claim_id, reason):
    """Announce that a claim left every public surface (its tombstone's reason)."""
    data = {"id": claim_id, "reason": reason}
    transaction.on_commit(
        lambda: record(Type.WITHDRAWN, claim_id, data, list(live_subscriptions()), None)
    )


def live_subscriptions():
    return WebhookSubscription.objects.filter(
        active=True, api_key__revoked=False
    ).prefetch_related("clubs", "players")


def record(event_type, claim_id, data, subscriptions, claim, due=None):
    from .tasks import deliver

    wanting = [
        s
        for s in subscriptions
        if s.wants(event_type) and (claim is None or matches(s, claim))
    ]
    if not wanting or repeats_the_latest(event_type, claim_id, data):
        return None
    event = WebhookEvent.objects.create(
        type=event_type,
        claim_id=claim_id,
        payload={
            "type": event_type,
            "timestamp": timezone.now().isoformat(),
            "data": data,
        },
    )
    for subscription in wanting:
        delivery = WebhookDelivery.objects.create(
            event=event, subscription=subscription
        )
        deliver.using(run_after=due).enqueue(delivery.pk, 1)
    return event


def repeats_the_latest(event_type, claim_id, data):
    """Return True if the claim's latest event already said exactly this.

    One save can announce a claim twice (a story published with a claim
    added in the same form); a claim published again after a withdrawal is
    news, since its latest event is then the withdrawal.
    """
    latest = (
        WebhookEvent.objects.filter(claim_id=claim_id)
        .order_by("-created_at", "-pk")
        .values_list("type", "payload")
        .first()
    )
    return latest is not None and (latest[0], latest[1]["data"]) == (event_type, data)


def matches(subscription, claim):
    """Return True if ``claim`` passes the subscription's clubs, players and tier."""
    clubs = {club.pk for club in subscription.clubs.all()}
    if clubs and not clubs & {claim.from_club_id, claim.to_club_id}:
        return False
    players = {player.pk for player in subscription.players.all()}
    if players and claim.player_id not in players:
        return False
    tier = subscription.min_source_tier
    if tier is not None:
        claim_tier = claim.source.reliability_tier if claim.source else None
        return claim_tier is not None and claim_tier <= tier
    return True


def send_again(deliveries):
    """Queue one more attempt of each delivery that has not arrived; return how many.

    For an administrator after a partner's outage: the attempt gets the next
    number, and a failed one is not retried again.
    """
    from .tasks import deliver

    queued = 0
    for delivery in deliveries.exclude(status=WebhookDelivery.Status.DELIVERED):
        last = delivery.attempts.order_by("-number").values_list("number", flat=True)
        delivery.status = WebhookDelivery.Status.PENDING
        delivery.save(update_fields=["status"])
        deliver.enqueue(delivery.pk, (last.first() or 0) + 1)
        queued += 1
    return queued
