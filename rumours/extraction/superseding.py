"""Which proposals of one sentence a stronger one drops (``kinds.SUPERSEDES``).

“Fee agreed” drops the bid it settles, a denial every claim it denies. A
club's stance that names no suitor (an asking price, a release clause,
willing to sell) drops only the claims that name none either: “Palace slap
£60m price tag on Brooks amid Galaxy interest” is the price and Galaxy's
interest.
"""

from ..models.claim_terms import ANSWER_KINDS, ClaimType
from .kinds import SUPERSEDES

# Kinds that are a club's (or the player's) own stance: no suitor in them.
SUITORLESS = {
    ClaimType.ASKING_PRICE,
    ClaimType.RELEASE_CLAUSE,
    ClaimType.BLOCKED,
    ClaimType.WILLING_TO_SELL,
    ClaimType.TRANSFER_LISTED,
    ClaimType.WANTS_TO_LEAVE,
    ClaimType.CONTRACT_TALKS,
    ClaimType.CONTRACT_OFFER,
    ClaimType.CONTRACT_EXTENSION,
    ClaimType.REFUSES_TO_RENEW,
}
# Of those, the ones that leave a named suitor's claim standing.
PRICES_AND_SALES = {
    ClaimType.ASKING_PRICE,
    ClaimType.RELEASE_CLAUSE,
    ClaimType.WILLING_TO_SELL,
    ClaimType.TRANSFER_LISTED,
}


def _a_stance_beside_a_suitor(stance, proposal):
    return stance.claim_type in PRICES_AND_SALES and bool(
        proposal.to_club or proposal.to_described
    )


def _same_suitor(one, other):
    return (
        one.to_club is None
        or other.to_club is None
        or (one.to_club.key == other.to_club.key)
    )


def without_superseded(proposals):
    """Return ``proposals`` without those another one answers or outranks."""
    kept, seen = [], set()
    for proposal in proposals:
        others = {
            p.claim_type
            for p in proposals
            if p.player.key == proposal.player.key
            and p is not proposal
            and (_same_suitor(p, proposal) or p.claim_type in ANSWER_KINDS)
            and not _a_stance_beside_a_suitor(p, proposal)
        }
        if any(proposal.claim_type in SUPERSEDES.get(kind, ()) for kind in others):
            continue
        key = (
            proposal.player.key,
            proposal.from_club and proposal.from_club.key,
            proposal.to_club and proposal.to_club.key,
            str(proposal.to_described),
            proposal.claim_type,
        )
        if key not in seen:
            seen.add(key)
            kept.append(proposal)
    return kept
