"""The rule engine: copy in, proposed claims out, one sentence at a time.

For each sentence: its names (``names``), its clauses, each clause's kinds
(``kinds``), the players each kind is about (named after it, or the player
the copy last named when the clause says “he” or “the defender”), each
club's side (``sides``), the money (``money``), the deal type, when it
happened (``when``) and who said so (``attribution``). Saves nothing.
"""

import datetime as dt
import re
from dataclasses import replace

from ..models.amounts import AmountKind
from ..models.claim_terms import ClaimType
from .attribution import ORIGIN_AFTER, ORIGIN_BEFORE, Credit, chain_of
from .context import DEALS_WITH, carry_suitor, credit_signatures, retold
from .deals import LOANS, deal_type_of
from .gazetteer import current_gazetteer
from .kinds import FROM, PLAYER, TO, find_triggers
from .money import find_amounts
from .names import Mention, find_mentions
from .proposals import Party, Proposal
from .sides import Side, assign_sides, club_sides, described_parties
from .superseding import without_superseded
from .text import fold, split_clauses, split_sentences
from .when import event_of

ANAPHOR = re.compile(
    r"\b(?:he|him|his|the player|the (?:\d+-year-old|[\w-]+ international)|the "
    r"(?:[\w-]+ )?(?:defender|midfielder|forward|striker|winger|goalkeeper|keeper|"
    r"centre-back|center-back|full-back|left-back|right-back|playmaker|youngster|"
    r"attacker|star|teenager|frontman)|the [a-z]+(?:an|ese|ish|ch)|the \d+-year-old|"
    r"the (?:swede|dane|pole|finn|scot|spaniard|"
    r"(?:french|dutch|english|irish|welsh)man))\b"
)
REPLACES = re.compile(
    r"\b(?:replacement for|replace|replacing|successor to|instead of|in place of)"
    r"\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$"
)
CLUBLIKE = re.compile(
    r"\b(?:fc|cf|afc|sc|ac|as|united|city|athletic|club|sporting|real|olympique|"
    r"borussia|rovers|wanderers|albion|hotspur|calcio)\b"
)
THEY = re.compile(r"\b(?:they|the club)\b")
# With the player as subject, the club a kind leaves from or moves to.
PLAYER_KIND_SIDE = {
    ClaimType.PERSONAL_TERMS_AGREED: TO,
    ClaimType.MEDICAL: TO,
    ClaimType.COMPLETED: TO,
    ClaimType.PLAYER_REJECTS: TO,
}
MONEY_KIND = {
    ClaimType.ASKING_PRICE: AmountKind.ASKING_PRICE,
    ClaimType.RELEASE_CLAUSE: AmountKind.RELEASE_CLAUSE,
}


class RuleProposer:
    """The default engine: named rules over the newsroom's own names."""

    def __init__(self, gazetteer=None):
        self.gazetteer = gazetteer

    def propose(self, text, *, reported_on=None):
        """Return the ``Proposal``s for ``text`` (plain or Markdown), in its order."""
        gazetteer = self.gazetteer or current_gazetteer()
        reported_on = reported_on or dt.date.today()
        folded = fold(text)
        sentences = split_sentences(text)
        mentions = find_mentions(gazetteer, text, folded, sentences)
        reading = _Reading(gazetteer, text, folded, mentions, reported_on)
        proposals = []
        for sentence in sentences:
            proposals.extend(reading.sentence(sentence))
        credit_signatures(proposals, reading.signatures)
        return proposals


class _Reading:
    """One pass over one copy: what the previous sentences named."""

    def __init__(self, gazetteer, text, folded, mentions, reported_on):
        self.gazetteer = gazetteer
        self.text, self.folded, self.mentions = text, folded, mentions
        self.reported_on = reported_on
        self.last_player = None
        self.last_club = None
        self.paragraph_player = (None, None)  # (paragraph, Party) of its last claim
        self.paragraph_claim = {}  # (paragraph, player key) -> its last Proposal
        self.signatures = {}  # paragraph -> Credit of a line naming only a source

    def sentence(self, sentence):
        inside = [m for m in self.mentions if sentence.start <= m.start < sentence.end]
        lowered = self.folded[sentence.start : sentence.end]
        deal_type = deal_type_of(lowered)
        event = event_of(lowered, self.reported_on)
        free_agent = bool(re.search(r"\bfree agent\b", lowered))
        proposals = []
        self._signature(sentence, inside)
        for c_start, c_end in split_clauses(lowered):
            start, end = sentence.start + c_start, sentence.start + c_end
            claims = list(self._claims(start, end, inside, sentence.paragraph))
            for trigger, player, clause in claims:
                proposals.extend(
                    self._proposals(
                        sentence, trigger, player, clause, deal_type, event, free_agent
                    )
                )
            # "..., and Ajax are ready to cash in": the next clause's player too.
            if proposals:
                self.paragraph_player = (sentence.paragraph, proposals[-1].player)
        self._remember(inside)
        for proposal in proposals:
            key = (sentence.paragraph, proposal.player.key)
            self.paragraph_claim[key] = proposal
        return without_superseded(proposals)

    def _signature(self, sentence, inside):
        """“Here we go! … Marco Ventura”: a line that only names a source."""
        sources = [m for m in inside if m.kind == "source"]
        if len(sources) == 1:
            rest = self.folded[sentence.start : sentence.end].replace(
                sources[0].text.lower(), ""
            )
            if not re.sub(r"\b(?:via|per|by|source)\b|\W", "", fold(rest)):
                entity = sources[0].entity
                self.signatures[sentence.paragraph] = Credit(entity, entity.name)

    def _claims(self, start, end, inside, paragraph):
        triggers = find_triggers(self.folded, start, end)
        if not triggers:
            return
        clause = [m for m in inside if start <= m.start < end]
        players = [self._as_player(m, triggers, start) for m in clause]
        players = [p for p in players if p is not None]
        players = [
            p for p in players if not REPLACES.search(self.folded[start : p[0].start])
        ]
        claimed = {id(t): [] for t in triggers}
        for mention, party in players:
            before = [t for t in triggers if t.start <= mention.start]
            trigger = before[-1] if before else triggers[0]
            claimed[id(trigger)].append((mention, party))
        has_anaphor = ANAPHOR.search(self.folded[start:end])
        for index, trigger in enumerate(triggers):
            found = claimed[id(trigger)]
            if not found and not players and has_anaphor and self.last_player:
                found = [(None, self.last_player)]
            # "Fee agreed with Napoli, medical booked.": the paragraph's player.
            if not found and not players and self.paragraph_player[0] == paragraph:
                found = [(None, self.paragraph_player[1])]
            # "Milan are keen on and have bid for X": X is both kinds' player;
            # "Milan monitored X and made an enquiry for the defender", "Palace
            # slap a price tag on Brooks amid Galaxy interest" too.
            later = [claimed[id(t)] for t in triggers[index + 1 :] if claimed[id(t)]]
            earlier = [t for t in triggers[:index] if claimed[id(t)]]
            earlier = [
                claimed[id(t)]
                for t in earlier[-1:]
                if self._carried(t, trigger, claimed[id(t)], clause, end)
            ]
            found = found or next(iter(later), None) or (earlier[-1] if earlier else [])
            for mention, party in found:
                yield trigger, (mention, party), (start, end, clause)

    def _carried(self, previous, trigger, players, clause, end):
        """Whether a trigger with no player of its own is about ``previous``'s.

        It is when the copy points back at him (“the forward is not for
        sale”, “PSG, who want €28m”) or names another club between the two
        (“a price tag on Brooks amid Galaxy interest”), not when it only goes
        on (“offered him a contract to fend off interest”).
        """
        between = self.folded[previous.end : trigger.start]
        if ANAPHOR.search(self.folded[trigger.end : end]) or ANAPHOR.search(between):
            return True
        if re.search(r"\b(?:who|which)\b", between):
            return True
        own = {party.entity.club_id for _, party in players if party.entity}
        return any(
            m.kind == "club" and m.entity.id not in own
            for m in clause
            if previous.end <= m.start < trigger.start
        )

    def _as_player(self, mention, triggers, clause_start):
        if mention.kind == "player":
            return mention, Party(mention.entity, mention.entity.name)
        if (
            mention.kind != "unknown"
            or mention.possessive
            and not _before_any(mention, triggers)
        ):
            return None
        words = mention.text.split()
        if len(words) < 2 or CLUBLIKE.search(self.folded[mention.start : mention.end]):
            return None
        if self._in_a_sources_place(mention):
            return None
        near = [t for t in triggers if 0 <= mention.start - t.end <= 25]
        subject = [
            t
            for t in triggers
            if t.rule.subject == PLAYER and 0 <= t.start - mention.end <= 40
        ]
        if (
            near
            or subject
            or re.search(
                r"\b(?:sign|signing|for|in|on)\s+$",
                self.folded[clause_start : mention.start],
            )
        ):
            return mention, Party(None, mention.text)
        return None

    def _in_a_sources_place(self, mention):
        """“…, Il Messaggero reports”: a new name crediting the copy is no player."""
        line_start = self.folded.rfind("\n", 0, mention.start) + 1
        return bool(
            ORIGIN_AFTER.match(self.folded[mention.end : mention.end + 30])
            or ORIGIN_BEFORE.search(self.folded[line_start : mention.start])
        )

    def _proposals(self, sentence, trigger, player, clause, deal_type, event, free):
        mention, party = player
        start, end, clause_mentions = clause
        players = [m for m in clause_mentions if m.kind in {"player", "unknown"}]
        clubs = [m for m in clause_mentions if m.kind == "club"]
        clubs += [m for m in clause_mentions if self._new_club(m, mention, trigger)]
        previous = self.paragraph_claim.get((sentence.paragraph, party.key))
        trigger = retold(trigger, clause_mentions, mention, clubs, previous)
        described = described_parties(
            self.text, self.folded, start, end, clause_mentions
        )
        sides = club_sides(self.folded, start, end, clubs, described, players, trigger)
        sides = [s for s in sides if s.owner_of in (None, mention)]
        kind = trigger.rule.kind
        froms, tos = assign_sides(
            sides,
            _as_club_side(self._subject_side(trigger), kind),
            _as_club_side(trigger.rule.subject, kind),
            party.entity and party.entity.club_id,
        )
        subject_side = _as_club_side(self._subject_side(trigger), kind)
        inferred = []
        if (
            not tos
            and subject_side == TO
            and self.last_club is not None
            and THEY.search(self.folded[start : trigger.start])
        ):
            club = self.last_club
            tos = [Side(Mention("club", club, 0, 0, club.name, "they"), None, 0, 0, TO)]
            inferred.append("to_club")
        # "Palace sold Brooks to LA Galaxy": with the seller as subject, the
        # club it deals with or sends him to is the suitor.
        if not tos and froms and subject_side == FROM and kind in DEALS_WITH:
            tos = [s for s in sides if s.role == "with" and s not in froms]
        seller = froms[0] if froms else None
        amounts = self._amounts(trigger, start, end, kind, deal_type)
        chain = chain_of(self.folded, sentence, self.mentions, self._agent(party))
        for buyer in tos or [None]:
            proposal = Proposal(
                player=party,
                claim_type=kind,
                sentence=sentence,
                rule=trigger.rule.name,
                deal_type=deal_type,
                amounts=amounts,
                chain=chain,
                event=event,
                free_agent=free and seller is None,
                inferred=list(inferred),
            )
            _set_side(proposal, "from", seller)
            _set_side(proposal, "to", buyer)
            self._default_seller(proposal)
            proposal.replaces = self._replaces(sentence)
            carry_suitor(proposal, mention, previous)
            yield proposal

    def _new_club(self, mention, player, trigger):
        """An unknown name standing as a club: “Hertha Berlin have made a bid”."""
        if mention.kind != "unknown" or mention is player or mention.possessive:
            return False
        if CLUBLIKE.search(self.folded[mention.start : mention.end]):
            return True
        if mention.end > trigger.start or trigger.rule.subject != TO:
            return False
        after = self.folded[mention.end :]
        return re.match(r"\s+(?:have|are|has|is|want)\b", after) is not None

    def _subject_side(self, trigger):
        said = self.folded[trigger.start : trigger.end]
        if trigger.rule.kind == ClaimType.BID_REJECTED and re.match(
            r"(?:bid|offer|proposal|approach)", said
        ):
            return TO
        if trigger.rule.kind == ClaimType.FEE_AGREED and said.startswith("accept"):
            return FROM
        if trigger.rule.kind == ClaimType.COMPLETED and re.search(
            r"sold|departure|sale|exit", said
        ):
            return FROM
        return trigger.rule.subject

    def _amounts(self, trigger, start, end, kind, deal_type):
        amounts = find_amounts(self.folded, start, end)
        retyped = []
        for amount in amounts:
            if amount.kind == AmountKind.TRANSFER_FEE:
                if kind in MONEY_KIND:
                    amount = _with_kind(amount, MONEY_KIND[kind])
                elif deal_type in LOANS and not retyped:
                    amount = _with_kind(amount, AmountKind.LOAN_FEE)
            retyped.append(amount)
        return retyped

    def _agent(self, party):
        if party.entity is None or party.entity.agent_id is None:
            return None
        return self.gazetteer.entity("source", party.entity.agent_id)

    def _default_seller(self, proposal):
        if proposal.from_club or proposal.from_described or proposal.free_agent:
            return
        club_id = proposal.player.entity and proposal.player.entity.club_id
        if club_id and (proposal.to_club is None or proposal.to_club.id != club_id):
            club = self.gazetteer.entity("club", club_id)
            proposal.from_club = Party(club, club.name)
            proposal.inferred.append("from_club")

    def _replaces(self, sentence):
        for mention in self.mentions:
            if (
                sentence.start <= mention.start < sentence.end
                and mention.kind == "player"
                and REPLACES.search(self.folded[sentence.start : mention.start])
            ):
                return Party(mention.entity, mention.entity.name)
        return None

    def _remember(self, inside):
        for mention in inside:
            if mention.kind == "player" and not REPLACES.search(
                self.folded[max(0, mention.start - 40) : mention.start]
            ):
                self.last_player = Party(mention.entity, mention.entity.name)
            if mention.kind == "club":
                self.last_club = mention.entity


def _set_side(proposal, name, side):
    if side is None:
        return
    if side.described is not None:
        setattr(proposal, f"{name}_described", side.described)
    elif side.mention.entity is not None:
        setattr(
            proposal,
            f"{name}_club",
            Party(side.mention.entity, side.mention.entity.name),
        )
    else:
        setattr(proposal, f"{name}_club", Party(None, side.mention.text))
    if (
        proposal.from_club
        and proposal.to_club
        and proposal.from_club.key == (proposal.to_club.key)
    ):
        proposal.to_club = None


def _as_club_side(side, kind):
    """With the player as subject, the club side his kind of claim names."""
    return PLAYER_KIND_SIDE.get(kind, FROM) if side == PLAYER else side


def _before_any(mention, triggers):
    return any(t.start >= mention.end for t in triggers)


def _with_kind(amount, kind):
    return replace(amount, kind=kind)
