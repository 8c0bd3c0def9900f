"""What kind of claim a sentence makes, from its wording, with negation and tense.

Each ``Rule`` is a named pattern for one kind, with the side its grammatical
subject usually stands for: the suitor (“Milan have made a bid”), the
selling club (“Spurs have rejected a bid”, “Frankfurt are ready to sell”) or
the player (“Neri wants to leave”). Where two patterns overlap the longer
wins (“willing to listen to offers” is not a bid). A pattern with “not”,
“no” or “never” just before it is a negation and makes no claim (“have not
made an offer”), unless the pattern holds its own negation (“do not want to
let him leave” is a block).
"""

import re
from dataclasses import dataclass

from ..models.claim_terms import ClaimType as K
from .kind_rules import FROM, PLAYER, RULES, TO, Rule

__all__ = [
    "FROM",
    "PLAYER",
    "RULES",
    "SUPERSEDES",
    "TO",
    "Rule",
    "Trigger",
    "find_triggers",
]

COMPILED = [(rule, re.compile(rf"\b(?:{rule.pattern})")) for rule in RULES]
NEGATION = re.compile(
    r"\b(?:not|no|never|nor|without|n't|yet to|far from|rather than|no longer|"
    r"nothing|none)\b(?:\W+\w+){0,3}\W*$|n't(?:\W+\w+){0,3}\W*$"
)


@dataclass(frozen=True)
class Trigger:
    """Where a rule matched in the copy."""

    rule: Rule
    start: int
    end: int


def find_triggers(folded, start, end):
    """Return the non-negated ``Trigger``s of ``folded[start:end]``, in order."""
    found = []
    for rule, pattern in COMPILED:
        for match in pattern.finditer(folded, start, end):
            found.append(Trigger(rule, match.start(), match.end()))
    found.sort(key=lambda t: (t.start - t.end, RULES.index(t.rule)))
    kept = []
    for trigger in found:
        if any(trigger.start < k.end and trigger.end > k.start for k in kept):
            continue
        kept.append(trigger)
    return sorted(
        (t for t in kept if not _negated(folded, start, t)),
        key=lambda t: t.start,
    )


def _negated(folded, floor, trigger):
    if not trigger.rule.negatable:
        return False
    return bool(NEGATION.search(folded[max(floor, trigger.start - 30) : trigger.start]))


# A claim that answers or outranks another in the same sentence drops it.
SUPERSEDES = {
    K.DENIED: set(K.values) - {K.DENIED},
    K.NOT_CONFIRMED: set(K.values) - {K.NOT_CONFIRMED, K.DENIED},
    K.BID_REJECTED: {K.BID, K.INTEREST, K.ENQUIRY},
    K.PLAYER_REJECTS: {K.BID, K.INTEREST, K.ENQUIRY, K.NEGOTIATION},
    K.BLOCKED: {K.BID, K.INTEREST, K.WANTS_TO_LEAVE},
    K.FEE_AGREED: {K.BID, K.NEGOTIATION, K.INTEREST},
    K.PERSONAL_TERMS_AGREED: {K.NEGOTIATION, K.INTEREST},
    K.COMPLETED: {K.INTEREST, K.BID, K.NEGOTIATION, K.FEE_AGREED},
    K.MEDICAL: {K.INTEREST, K.NEGOTIATION},
    K.BID: {K.INTEREST},
    K.ENQUIRY: {K.INTEREST},
    K.NEGOTIATION: {K.INTEREST},
    K.ASKING_PRICE: {K.BID, K.INTEREST, K.WILLING_TO_SELL},
    K.RELEASE_CLAUSE: {K.ASKING_PRICE, K.BID, K.INTEREST},
    K.REFUSES_TO_RENEW: {K.CONTRACT_OFFER, K.WANTS_TO_LEAVE, K.CONTRACT_TALKS},
    K.CONTRACT_EXTENSION: {K.CONTRACT_TALKS, K.CONTRACT_OFFER, K.COMPLETED},
    K.WILLING_TO_SELL: {K.BID, K.INTEREST},
    K.TRANSFER_LISTED: {K.WILLING_TO_SELL, K.INTEREST},
}
