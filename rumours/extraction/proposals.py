"""What the engine proposes, and the interface any engine offers.

A ``Proposal`` holds the fields of the interchange format's claim object
(docs/interchange.md), with references written as the format writes them
(a player and a club by name, a source by slug) beside their ids when the
newsroom knows them, plus where it came from: the sentence and its offsets
in the copy, the rule that made it, the names that are new to the newsroom
and the fields filled from the newsroom rather than the copy. Nothing here
is saved: an editor accepts, changes or drops each proposal.
"""

from dataclasses import dataclass, field
from typing import Protocol

from .attribution import Chain
from .text import Sentence


@dataclass(frozen=True)
class Party:
    """A player or club a proposal names: a known row, or a name new to the newsroom."""

    entity: object  # gazetteer Entity, or None when new
    name: str

    @property
    def key(self):
        return self.entity.key if self.entity else self.name

    @property
    def id(self):
        return self.entity.id if self.entity else None

    @property
    def new(self):
        return self.entity is None


@dataclass
class Proposal:
    player: Party
    claim_type: str
    sentence: Sentence
    rule: str
    from_club: Party | None = None
    from_described: dict | None = None
    free_agent: bool = False
    to_club: Party | None = None
    to_described: dict | None = None
    deal_type: str | None = None
    amounts: list = field(default_factory=list)
    chain: Chain = field(default_factory=Chain)
    event: dict | None = None
    replaces: Party | None = None
    inferred: list = field(default_factory=list)

    def as_dict(self):
        """Return the proposal as JSON-ready data: the claim object and its origin."""
        chain = self.chain.as_dict()
        return {
            "player": self.player.key,
            "player_id": self.player.id,
            "from_club": _key(self.from_club),
            "from_club_id": _id(self.from_club),
            "from_described": self.from_described,
            "free_agent": self.free_agent,
            "to_club": _key(self.to_club),
            "to_club_id": _id(self.to_club),
            "to_described": self.to_described,
            "claim_type": str(self.claim_type),
            "deal_type": self.deal_type and str(self.deal_type),
            "amounts": [amount.as_dict() for amount in self.amounts],
            "source": chain["source"],
            "source_id": _id(self.chain.source),
            "attributions": chain["attributions"],
            "quote": self.sentence.text,
            "event": self.event,
            "replaces": _key(self.replaces),
            "replaces_id": _id(self.replaces),
            "sentence": self.sentence.as_dict(),
            "rule": self.rule,
            "new": self.new_names(),
            "inferred": list(self.inferred),
        }

    def new_names(self):
        """Return ``{"field", "name"}`` for each name the newsroom does not hold."""
        parties = [
            ("player", self.player),
            ("from_club", self.from_club),
            ("to_club", self.to_club),
            ("replaces", self.replaces),
            ("source", self.chain.source),
        ]
        parties += [("attributions", credit) for credit, _ in self.chain.attributions]
        return [
            {"field": name, "name": party.name}
            for name, party in parties
            if party is not None and party.entity is None
        ]


def _key(party):
    return party.key if party else None


def _id(party):
    return party.entity.id if party is not None and party.entity else None


class Proposer(Protocol):
    """What the admin's review screen calls: any engine, rules or statistics."""

    def propose(self, text, *, reported_on=None) -> list[Proposal]: ...
