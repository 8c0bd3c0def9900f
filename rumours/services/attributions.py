"""A claim's attribution chain written from another claim's (#14)."""

from django.db import transaction

from ..models import Attribution

OTHER_STORY = "Copy the attribution only from a claim of the same story."


@transaction.atomic
def copy_attribution(*, claim, from_claim):
    """Give ``claim`` the relays and speakers of ``from_claim``, in their order.

    For "another claim for this player": the originator is the claim's own
    ``source`` field, the rest of the chain lives in ``Attribution`` rows.
    Rows the claim already holds are kept, not doubled. Each row is saved
    on its own so that its history records who added it.
    """
    if claim.article_id != from_claim.article_id:
        raise ValueError(OTHER_STORY)
    held = set(claim.attributions.values_list("source_id", "role"))
    rows = [
        Attribution(
            claim=claim, source_id=row.source_id, role=row.role, position=row.position
        )
        for row in from_claim.attributions.all()
        if (row.source_id, row.role) not in held
    ]
    for row in rows:
        row.full_clean()
        row.save()
    return rows
