"""Taking stories and claims down, so partners can take them down too (#4).

Whatever withdraws a story or claim that readers could see (unpublishing it,
deleting it, moving a claim to a story that is not public) runs inside
``recording_withdrawals()``: it records a ``Tombstone`` for each item that
was public before and is not after, and the API's ``changes/`` feed hands
the tombstones to partners. Nothing is recorded for an item readers never
saw (a draft, a story still scheduled).
"""

from collections import defaultdict
from contextlib import contextmanager

from django.db import transaction

from ..models import Article, Tombstone, TransferClaim
from ..models.events import tombstones_recorded


@contextmanager
def recording_withdrawals(*, articles=(), claims=(), reason):
    """Tombstone what of ``articles`` and ``claims`` (ids) leaves readers inside.

    Before the block: the public stories among ``articles`` with their
    claims, and the public claims among ``claims`` (a query each). After
    it: which of those are still public (a query each), and one insert of
    every tombstone. No query for empty lists.
    """
    article_ids, claim_ids = list(articles), list(claims)
    public_stories = {}
    claims_of = defaultdict(list)
    if article_ids:
        public_stories = dict(
            Article.objects.published()
            .filter(pk__in=article_ids)
            .values_list("pk", "slug")
        )
    if public_stories:
        rows = TransferClaim.objects.filter(article_id__in=public_stories)
        for claim_id, article_id in rows.values_list("pk", "article_id"):
            claims_of[article_id].append(claim_id)
    public_claims = set()
    if claim_ids:
        public_claims = set(
            TransferClaim.objects.public()
            .filter(pk__in=claim_ids)
            .values_list("pk", flat=True)
        )
    yield
    tombstones = []
    if public_stories:
        still = set(
            Article.objects.published()
            .filter(pk__in=public_stories)
            .values_list("pk", flat=True)
        )
        for article_id, slug in public_stories.items():
            if article_id not in still:
                tombstones.append(story_tombstone(article_id, slug, reason))
                tombstones += claim_tombstones(claims_of[article_id], reason)
                public_claims -= set(claims_of[article_id])
    if public_claims:
        still = set(
            TransferClaim.objects.public()
            .filter(pk__in=public_claims)
            .values_list("pk", flat=True)
        )
        tombstones += claim_tombstones(sorted(public_claims - still), reason)
    if tombstones:
        Tombstone.objects.bulk_create(tombstones)
        tombstones_recorded.send(sender=Tombstone, tombstones=tombstones)


def story_tombstone(article_id, slug, reason):
    return Tombstone(
        kind=Tombstone.Kind.ARTICLE, object_id=article_id, slug=slug, reason=reason
    )


def claim_tombstones(claim_ids, reason):
    return [
        Tombstone(kind=Tombstone.Kind.CLAIM, object_id=pk, reason=reason)
        for pk in claim_ids
    ]


@transaction.atomic
def delete_articles(*, articles):
    """Delete the stories ``articles`` (a queryset), tombstoning the public ones."""
    ids = list(articles.values_list("pk", flat=True))
    with recording_withdrawals(articles=ids, reason=Tombstone.Reason.DELETED):
        articles.delete()


@transaction.atomic
def delete_claims(*, claims):
    """Delete the claims ``claims`` (a queryset), tombstoning the public ones."""
    ids = list(claims.values_list("pk", flat=True))
    with recording_withdrawals(claims=ids, reason=Tombstone.Reason.DELETED):
        claims.delete()
