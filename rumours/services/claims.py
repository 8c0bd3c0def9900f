"""Resolving transfer claims: confirmed, denied or lapsed (#5)."""

from django.db import transaction
from django.utils import timezone

from ..models import TransferClaim, roles
from ..models.history import acting_user
from ..models.roles import require
from .versioning import save_step

NOT_A_RESOLUTION = "Choose confirmed, denied or lapsed."
NOT_A_COMPLETED_MOVE = (
    "Only a confirmed “completed” claim with a destination moves a player: "
    "{claim} is not one."
)


@transaction.atomic
def resolve_claims(*, claims, outcome, user, at=None):
    """Mark every claim of ``claims`` with ``outcome`` and a resolution time.

    Saved one row at a time (never ``update()``), so each change is in the
    claim's history with its user and the save signals run. Return the
    claims resolved.
    """
    require(user, roles.RESOLVE, roles.ONLY_EDITORS_RESOLVE)
    if outcome == TransferClaim.Outcome.OPEN or outcome not in (
        TransferClaim.Outcome.values
    ):
        raise ValueError(NOT_A_RESOLUTION)
    resolved_at = at or timezone.now()
    return [
        save_step(claim, user, outcome=outcome, resolved_at=resolved_at)
        for claim in claims
    ]


def movable(claim):
    """Return True if confirming ``claim`` means its player changed clubs.

    Needs the player loaded.
    """
    return (
        claim.claim_type == TransferClaim.Type.COMPLETED
        and claim.outcome == TransferClaim.Outcome.CONFIRMED
        and claim.to_club_id is not None
        and claim.player.current_club_id != claim.to_club_id
    )


@transaction.atomic
def move_players(*, claims, user):
    """Move the player of each confirmed completed claim to its new club.

    The club he leaves becomes his previous club. Return the players moved.
    """
    require(user, roles.RESOLVE, roles.ONLY_EDITORS_RESOLVE)
    moved = []
    for claim in claims:
        if not movable(claim):
            raise ValueError(NOT_A_COMPLETED_MOVE.format(claim=claim))
        player = claim.player
        player.previous_club_id = player.current_club_id
        player.current_club_id = claim.to_club_id
        with acting_user(user):
            player.save()
        moved.append(player)
    return moved
