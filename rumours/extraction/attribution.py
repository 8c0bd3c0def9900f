"""Who a sentence credits: the originator, the relays, the people quoted.

A source is the originator where the sentence reports it (“according to
Kicker”, “Kicker reports”, “as revealed by”, “per”, “quoted by”, “told
Kicker”), a relay after “via”, and a speaker when it is a person quoted in
their own words: an agent or a club official (“his agent warned”, “Paolo
Serra told La Gazzetta dello Sport”), who never counts as the publishing
source. An unknown name in an originator's or a relay's place is proposed
as a new source.
"""

import re
from dataclasses import dataclass, field

from ..models.attributions import AttributionRole
from ..models.sources import SourceKind

RELAY_BEFORE = re.compile(r"\b(?:via|relayed by|picked up by|echoed by)\s+(?:the\s+)?$")
ORIGIN_BEFORE = re.compile(
    r"\b(?:according to|as revealed by|revealed by|reported by|reports by|report"
    r" by|reports from|report from|first reported by|quoted by|per|told|tells|"
    r"telling|speaking to|in an interview with|interview with|claims|says|writes|"
    r"reports|report in|told to|sources? close to)\s+(?:(?:the|italian|spanish|"
    r"german|french|english|portuguese|respected|reliable|journalist|reporter|"
    r"transfer expert|outlet|newspaper|daily|paper|broadcaster|insider|expert)\s+)*$"
)
ORIGIN_AFTER = re.compile(
    r"^(?:'s?\s+\w+\s+\w+\s+)?\s*(?:reports?|reported|is reporting|claims?|claimed|"
    r"says|said|understands|understood|writes|wrote|reveals|revealed|has learned|"
    r"have learned|learns|has been told|confirms|adds|:)\b"
)
SPEAKER_AFTER = re.compile(
    r"^\s*(?:told|tells|said|says|insisted|insists|warned|warns|admitted|admits|"
    r"confirmed|confirms|explained|revealed|stated|added)\b"
)
SPEAKER_KINDS = {SourceKind.AGENT, SourceKind.CLUB_OFFICIAL}
HIS_AGENT = re.compile(
    r"\b(?:his|the player's|the [\w-]+'s) (?:agent|representative|entourage) "
    r"(?:has |had )?(?:told|tells|said|says|warned|insisted|confirmed|revealed|"
    r"admitted|explained|stated)\b"
)


@dataclass
class Credit:
    """A source in the chain: a known row (``entity``) or a new name."""

    entity: object
    name: str
    new: bool = False

    @property
    def key(self):
        return self.entity.key if self.entity else self.name


@dataclass
class Chain:
    source: Credit | None = None
    attributions: list = field(default_factory=list)  # (Credit, role)

    def add(self, credit, role):
        keys = {(c.key, r) for c, r in self.attributions}
        if (credit.key, role) not in keys:
            self.attributions.append((credit, role))

    def as_dict(self):
        return {
            "source": self.source.key if self.source else None,
            "attributions": [
                {"source": credit.key, "role": str(role)}
                for credit, role in self.attributions
            ],
        }

    def keys(self):
        """Return the chain as a tuple of keys: originator first."""
        return (self.source.key if self.source else None,) + tuple(
            f"{role}:{credit.key}" for credit, role in self.attributions
        )


def chain_of(folded, sentence, mentions, agent=None):
    """Return the ``Chain`` a sentence gives, from the mentions inside it."""
    chain = Chain()
    originators, relays = [], []
    for mention in mentions:
        if not sentence.start <= mention.start < sentence.end:
            continue
        before = folded[sentence.start : mention.start]
        after = folded[mention.end : sentence.end]
        if mention.kind == "source":
            credit = Credit(mention.entity, mention.entity.name)
            if mention.entity.source_kind in SPEAKER_KINDS:
                chain.add(credit, AttributionRole.SPEAKER)
            elif RELAY_BEFORE.search(before):
                relays.append(credit)
            else:
                originators.append((mention, credit))
        elif mention.kind == "unknown" and not mention.possessive:
            if RELAY_BEFORE.search(before):
                relays.append(Credit(None, mention.text, new=True))
            elif ORIGIN_BEFORE.search(before) or ORIGIN_AFTER.search(after):
                originators.append((mention, Credit(None, mention.text, new=True)))
    originators = _journalist_over_outlet(originators)
    if originators:
        chain.source = originators[0]
        for credit in originators[1:]:
            chain.add(credit, AttributionRole.RELAY)
    for credit in relays:
        chain.add(credit, AttributionRole.RELAY)
    _add_his_agent(chain, folded[sentence.start : sentence.end], agent)
    return chain


def _journalist_over_outlet(originators):
    """“Kicker's Lena Vogt”: the journalist is the originator, not his outlet."""
    outlets = {
        credit.entity.outlet_id
        for _, credit in originators
        if credit.entity and credit.entity.outlet_id
    }
    return [
        credit
        for mention, credit in originators
        if not (credit.entity and credit.entity.id in outlets)
        and not (mention.kind == "unknown" and not _sounds_like_source(mention))
    ]


def _sounds_like_source(mention):
    return len(mention.text.split()) <= 5


def _add_his_agent(chain, folded_sentence, agent):
    if agent is not None and HIS_AGENT.search(folded_sentence):
        chain.add(Credit(agent, agent.name), AttributionRole.SPEAKER)
