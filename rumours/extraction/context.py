"""What the rest of the copy tells about a claim its own clause leaves open.

A claim carried from an earlier sentence keeps the suitor the paragraph
named (“X to Atlético, here we go! Medical booked.”); a refusal whose
subject is the player is his own; talks following a contract's talks are
those talks; a tweet's signature credits the claims above it.
"""

from dataclasses import replace

from ..models.claim_terms import ClaimType
from .kinds import RULES
from .superseding import SUITORLESS

RULE_NAMED = {rule.name: rule for rule in RULES}
# Kinds in which a seller as subject deals with the suitor ("sold him to").
DEALS_WITH = {
    ClaimType.COMPLETED,
    ClaimType.FEE_AGREED,
    ClaimType.WILLING_TO_SELL,
    ClaimType.NEGOTIATION,
}


def retold(trigger, clause, mention, clubs, previous):
    """Return the trigger as the rest of the copy tells it.

    “Keita has turned down Al-Nassr's approach”: a player refusing is the
    player's refusal, not a club's. “Talks with his entourage”, following
    a contract's talks about the same player, are those talks.
    """
    kind = trigger.rule.kind
    if kind == ClaimType.BID_REJECTED:
        named = [
            m
            for m in clause
            if m.end <= trigger.start and m.kind in {"player", "club", "unknown"}
        ]
        if named and named[-1].kind == "player":
            return replace(trigger, rule=RULE_NAMED["player rejects"])
    if (
        kind == ClaimType.NEGOTIATION
        and mention is None
        and not clubs
        and previous is not None
        and previous.claim_type == ClaimType.CONTRACT_TALKS
    ):
        return replace(trigger, rule=RULE_NAMED["contract talks"])
    return trigger


def carry_suitor(proposal, mention, previous):
    """“X to Atlético, here we go! Medical booked.”: the medical is at Atlético."""
    if (
        mention is None
        and previous is not None
        and proposal.to_club is None
        and proposal.to_described is None
        and proposal.claim_type not in SUITORLESS
    ):
        proposal.to_club = previous.to_club
        proposal.to_described = previous.to_described
        if previous.to_club or previous.to_described:
            proposal.inferred.append("to_club")


def credit_signatures(proposals, signatures):
    """Credit a paragraph's signature (“… Marco Ventura”) to its uncredited claims."""
    for proposal in proposals:
        signature = signatures.get(proposal.sentence.paragraph)
        if signature and proposal.chain.source is None:
            proposal.chain.source = signature
