"""A claim's JSON, built in one pass from the loaded rows (#19).

``ArticleClaimSerializer`` and ``ClaimSerializer`` declare their fields for
the schema and for ``tests/support/api_fields.py``; these functions write the
same keys in the same order, with DRF's own fields formatting times and
money, so the body is the one the declared fields give. Through DRF's
nested serializers a list of twenty claims copied and walked some 700 fields
a request. They read only what ``TransferClaim.objects.for_api()`` and
``Article.objects.for_api()`` load.
"""

from django.utils import timezone
from rest_framework import serializers

from ..models import TransferClaim
from .amount_serializers import DECIMAL
from .fields import absolute

# In the site's zone, which the API never changes: DRF would look the
# current zone up for every time it writes (#19).
_TIME = serializers.DateTimeField(default_timezone=timezone.get_default_timezone())
_MONEY = serializers.DecimalField(**DECIMAL)
# ``get_claim_type_display()`` builds this mapping anew on each call.
CLAIM_TYPE_LABELS = dict(TransferClaim.Type.choices)


def when(value):
    """Return a time as ``DateTimeField`` writes it, or None."""
    return None if value is None else _TIME.to_representation(value)


def money(value):
    """Return an amount as a decimal string, as ``DecimalField`` writes it."""
    return None if value is None else _MONEY.to_representation(value)


def text(value):
    """Return ``value`` as ``CharField`` writes it: a string, or None."""
    return None if value is None else str(value)


def choice(value):
    """Return an optional choice: "" (unset) as None."""
    return None if value == "" else value


def club_summary(club, request):
    """Return ``ClubSummarySerializer``'s shape, or None."""
    if club is None:
        return None
    return {
        "id": club.pk,
        "name": club.name,
        "short_name": club.short_name,
        "slug": club.slug,
        "url": absolute(request, club.get_absolute_url()),
    }


def player_summary(player, request):
    """Return ``PlayerSummarySerializer``'s shape, or None."""
    if player is None:
        return None
    return {
        "id": player.pk,
        "name": player.name,
        "slug": player.slug,
        "primary_position": choice(player.primary_position),
        "url": absolute(request, player.get_absolute_url()),
    }


def source_summary(source, request):
    """Return ``SourceSummarySerializer``'s shape, or None."""
    if source is None:
        return None
    return {
        "id": source.pk,
        "name": source.name,
        "slug": source.slug,
        "kind": source.kind,
        "reliability_tier": source.reliability_tier,
        "url": absolute(request, source.get_absolute_url()),
    }


def article_summary(article, request):
    """Return ``ArticleSummarySerializer``'s shape."""
    return {
        "id": article.pk,
        "slug": article.slug,
        "headline": article.headline,
        "published_at": when(article.published_at),
        "url": absolute(request, article.get_absolute_url()),
    }


def party(claim, side):
    """Return ``PartySerializer``'s shape for the "from" or "to" side."""
    described = getattr(claim, f"{side}_side")
    competition = getattr(claim, f"{side}_competition")
    return {
        "kind": described.kind,
        "description": described.text or None,
        "competition": competition.slug if competition else None,
        "country": getattr(claim, f"{side}_country") or None,
    }


def amount(row):
    """Return ``AmountSerializer``'s shape of one amount."""
    converted = None
    if row.converted_amount is not None:
        converted = {
            "amount": money(row.converted_amount),
            "currency": row.converted_currency,
        }
    return {
        "kind": row.kind,
        "amount": money(row.amount),
        "upper_amount": money(row.upper_amount),
        "currency": choice(row.currency),
        "qualifier": row.qualifier,
        "unknown_size": row.unknown_size,
        "converted": converted,
        "period": choice(row.period),
        "display": text(row.display),
    }


def fee(claim):
    """Return ``FeeSerializer``'s shape of the v1 fee, or None."""
    headline = claim.headline_fee
    if headline is None:
        return None
    return {
        "amount": money(headline.amount),
        "currency": headline.currency,
        "upper_amount": money(headline.upper_amount),
        "add_ons": money(headline.add_ons),
    }


def event(claim):
    """Return ``EventSerializer``'s shape, or None when the story dates nothing."""
    if claim.event_date is None:
        return None
    return {
        "date": claim.event_date.isoformat(),
        "precision": claim.event_precision,
        "display": text(claim.event_display),
    }


def resolution(claim, request):
    """Return ``ResolutionSerializer``'s shape, or None while the claim is open."""
    if not claim.is_settled:
        return None
    link = claim.evidence_link
    story = claim.public_evidence_article
    return {
        "verdict": text(claim.verdict),
        "note": text(claim.resolution_note),
        "evidence_url": absolute(request, link[0]) if link is not None else None,
        "evidence_article": story.pk if story else None,
        "evidence_article_slug": story.slug if story else None,
    }


def claim_representation(claim, request):
    """Return ``ArticleClaimSerializer``'s shape of ``claim``."""
    return {
        "id": claim.pk,
        "url": absolute(request, claim.get_absolute_url()),
        "sentence": text(claim.sentence_text),
        "claim_type_label": text(
            CLAIM_TYPE_LABELS.get(claim.claim_type, claim.claim_type)
        ),
        "attribution_text": text(claim.attribution_text),
        "amounts_display": text(claim.fee_display),
        "outcome_label": text(claim.shown_outcome_label),
        "player": player_summary(claim.player, request),
        "from_club": club_summary(claim.from_club, request),
        "from_party": party(claim, "from"),
        "to_club": club_summary(claim.to_club, request),
        "to_party": party(claim, "to"),
        "claim_type": claim.claim_type,
        "deal_type": choice(claim.deal_type),
        "fee": fee(claim),
        "amounts": [amount(row) for row in claim.amounts.all()],
        "source": source_summary(claim.source, request),
        "attributed": claim.is_attributed,
        "attributions": [
            {"role": credit.role, "source": source_summary(credit.source, request)}
            for credit in claim.attribution_chain()
        ],
        "quote": text(claim.quote),
        "reported_at": when(claim.reported_at),
        "event": event(claim),
        "replaces": player_summary(claim.replaces, request),
        "answers": claim.answers_id,
        "swap_with": claim.swap_with_id,
        "outcome": claim.outcome,
        "lapses_at": when(claim.lapses_at),
        "resolved_at": when(claim.resolved_at),
        "resolution": resolution(claim, request),
        "updated_at": when(claim.updated_at),
    }
