"""Taking stories and claims down, so partners can take them down too (#4).

Whoever withdraws a published story or claim (an editor in the admin, a
script) goes through these functions: each records a ``Tombstone`` that the
API's ``changes/`` feed hands to partners. Nothing is recorded for an item
readers never saw (a draft, a story still scheduled).
"""

from django.db import transaction

from ..models import Article, Tombstone, TransferClaim


def tombstone_article(*, article, reason):
    """Record that ``article`` and its claims left the public site.

    Two queries: the claims' ids, and one insert of every tombstone.
    """
    claim_ids = TransferClaim.objects.filter(article=article).values_list(
        "pk", flat=True
    )
    Tombstone.objects.bulk_create(
        [
            Tombstone(
                kind=Tombstone.Kind.ARTICLE,
                object_id=article.pk,
                slug=article.slug,
                reason=reason,
            ),
            *(
                Tombstone(kind=Tombstone.Kind.CLAIM, object_id=pk, reason=reason)
                for pk in claim_ids
            ),
        ]
    )


def tombstone_claims(*, claim_ids, reason):
    """Record that the claims ``claim_ids`` left the public site."""
    Tombstone.objects.bulk_create(
        Tombstone(kind=Tombstone.Kind.CLAIM, object_id=pk, reason=reason)
        for pk in claim_ids
    )


def is_public(article_id):
    """Return True if the stored story ``article_id`` is published and due."""
    return Article.objects.published().filter(pk=article_id).exists()


@transaction.atomic
def unpublish_article(*, article):
    """Return ``article`` to draft; tombstone it if readers could see it."""
    was_public = is_public(article.pk)
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    if was_public:
        tombstone_article(article=article, reason=Tombstone.Reason.UNPUBLISHED)


@transaction.atomic
def delete_articles(*, articles):
    """Delete the stories ``articles`` (a queryset), tombstoning the public ones."""
    for article in articles.published():
        tombstone_article(article=article, reason=Tombstone.Reason.DELETED)
    articles.delete()


@transaction.atomic
def delete_claims(*, claims):
    """Delete the claims ``claims`` (a queryset), tombstoning the public ones."""
    tombstone_claims(
        claim_ids=list(claims.public().values_list("pk", flat=True)),
        reason=Tombstone.Reason.DELETED,
    )
    claims.delete()
