"""A story's JSON, built in one pass from the loaded rows (#19).

``ArticleSerializer`` declares its fields for the schema and for
``tests/support/api_fields.py``; ``article_representation`` writes the same
keys in the same order, formatted as those fields format them, as
``claim_representations`` does for claims. Through DRF's model serializer
each request built some forty fields and their nested copies first. It
reads only what ``Article.objects.for_api()`` loads.
"""

from ..images.renditions import picture_for
from .claim_representations import (
    claim_representation,
    club_summary,
    player_summary,
    source_summary,
    text,
    when,
)
from .fields import absolute
from .picture_serializers import renditions_of


def hero_image(article, request):
    """Return ``HeroImageSerializer``'s shape, or None for a story without one."""
    picture = picture_for(article.hero_image, article.hero_width, article.hero_height)
    if picture is None:
        return None
    return {
        "width": picture.width,
        "height": picture.height,
        "alt": article.hero_alt,
        "caption": article.hero_caption,
        "credit": article.hero_credit,
        "renditions": renditions_of(picture, request),
    }


def original_report(article, request):
    """Return ``OriginalReportSerializer``'s shape, or None for the desk's own."""
    if not article.is_aggregated:
        return None
    return {
        "source": source_summary(article.original_source, request),
        "url": text(article.original_url) or None,
        "published_at": when(article.original_published_at),
    }


def article_representation(article, request):
    """Return ``ArticleSerializer``'s shape of ``article``."""
    return {
        "id": article.pk,
        "slug": text(article.slug),
        "headline": text(article.headline),
        "standfirst": text(article.standfirst),
        "body_html": text(article.body_html),
        "byline": text(article.byline),
        "original": original_report(article, request),
        "published_at": when(article.published_at),
        "updated_at": when(article.updated_at),
        "url": absolute(request, article.get_absolute_url()),
        "hero_image": hero_image(article, request),
        "clubs": [club_summary(club, request) for club in article.clubs.all()],
        "players": [
            player_summary(player, request) for player in article.players.all()
        ],
        "claims": [
            claim_representation(claim, request) for claim in article.public_claims
        ],
        "corrections": [
            {"created_at": when(correction.created_at), "note": text(correction.note)}
            for correction in article.correction_list
        ],
    }
