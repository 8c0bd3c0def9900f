"""Resolving transfer claims: confirmed, denied or lapsed (#5), with evidence (#15)."""

from typing import NamedTuple

from django.db import transaction
from django.utils import timezone

from ..models import Article, TransferClaim, roles
from ..models.claim_terms import STAGE_LADDER, ClaimType
from ..models.history import acting_user
from ..models.roles import require
from .versioning import save_step

# The stages a completed move proves happened (a rejected bid it does not).
PROVEN_STAGES = tuple(
    kind
    for kind in STAGE_LADDER
    if kind not in (ClaimType.BID_REJECTED, ClaimType.COMPLETED)
)
NOT_A_RESOLUTION = "Choose confirmed, denied or lapsed."
NOT_A_COMPLETED_MOVE = (
    "Only a confirmed “completed” claim with a destination moves a player: "
    "{claim} is not one."
)


@transaction.atomic
def resolve_claims(*, claims, outcome, user, at=None, note="", evidence=None):
    """Mark every claim of ``claims`` with ``outcome`` and a resolution time.

    ``note`` and ``evidence`` (the later story that settled them, #15) go on
    each claim; a claim of that very story gets the note alone. Saved one
    row at a time (never ``update()``), so each change is in the claim's
    history with its user and the save signals run. Return the claims
    resolved.
    """
    require(user, roles.RESOLVE, roles.ONLY_EDITORS_RESOLVE)
    if outcome == TransferClaim.Outcome.OPEN or outcome not in (
        TransferClaim.Outcome.values
    ):
        raise ValueError(NOT_A_RESOLUTION)
    resolved_at = at or timezone.now()
    changes = {"outcome": outcome, "resolved_at": resolved_at}
    if note:
        changes["resolution_note"] = note
    resolved = []
    for claim in claims:
        proof = {}
        if evidence is not None and claim.article_id != evidence.pk:
            proof["evidence_article"] = evidence
        resolved.append(save_step(claim, user, **changes, **proof))
    return resolved


class Settlement(NamedTuple):
    """What one completed move settles: proposals an editor confirms (#15)."""

    move: TransferClaim
    confirm: list  # earlier stages of the same move: they happened
    lapse: list  # the same player's open moves elsewhere: they never will

    @property
    def note(self):
        club = self.move.to_club.short_name if self.move.to_club else "his new club"
        return f"Settled by {self.move.player.name}'s completed move to {club}."

    def __bool__(self):
        return bool(self.confirm or self.lapse)


def settlement_of(move):
    """Return the ``Settlement`` a confirmed completed move proposes.

    Open claims of published stories only (a draft's claims wait for their
    story). A stage of the same player to the same club before completion
    happened, except a rejected bid, which the move does not prove; the
    player's open moves to any other suitor lapse.
    """
    open_claims = (
        TransferClaim.objects.filter(
            player_id=move.player_id,
            outcome=TransferClaim.Outcome.OPEN,
            article__status=Article.Status.PUBLISHED,
        )
        .exclude(pk=move.pk)
        .select_related("article", "player", "from_club", "to_club")
        .order_by("reported_at", "pk")
    )
    confirm, lapse = [], []
    for claim in open_claims:
        if claim.to_club_id == move.to_club_id and claim.claim_type in PROVEN_STAGES:
            confirm.append(claim)
        elif claim.claim_type in STAGE_LADDER and claim.to_club_id != move.to_club_id:
            lapse.append(claim)
    return Settlement(move, confirm, lapse)


@transaction.atomic
def apply_settlement(settlement, *, user, confirm_ids, lapse_ids):
    """Resolve the proposals the editor kept, with the move's story as evidence."""
    outcome = TransferClaim.Outcome
    kept = {
        outcome.CONFIRMED: [c for c in settlement.confirm if c.pk in confirm_ids],
        outcome.LAPSED: [c for c in settlement.lapse if c.pk in lapse_ids],
    }
    return [
        claim
        for verdict, claims in kept.items()
        for claim in resolve_claims(
            claims=claims,
            outcome=verdict,
            user=user,
            note=settlement.note,
            evidence=settlement.move.article,
        )
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
