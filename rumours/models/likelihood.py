"""How likely a rumoured move is (#15): a number from 0 to 1, and its parts in words.

A link is a player and a named suitor. Its evidence is what its open claims
that are still news say (``Evidence``); ``likelihood()`` turns it into a
number on the log-odds scale, one documented step a part, so each part can
be read back in words beside the number. docs/likelihood.md gives the
method and the weights; ``rumours/models/calibration.py`` checks the number
against what happened to resolved links, on /methodology/.
"""

import math
from dataclasses import dataclass

from .claim_terms import STAGE_LADDER, SURPLUS_KINDS, ClaimType
from .market import available_counts
from .positions import GROUP_OF, position_label
from .prepared import ParamList, PreparedByLength
from .squad_notes import SquadNote, note_balance

# How often a move reaches completion from the furthest stage its claims
# report: the starting point, before the other parts move it.
STAGE_BASE = {
    ClaimType.INTEREST: 0.12,
    ClaimType.ENQUIRY: 0.18,
    ClaimType.BID: 0.30,
    ClaimType.BID_REJECTED: 0.22,
    ClaimType.NEGOTIATION: 0.40,
    ClaimType.PERSONAL_TERMS_AGREED: 0.55,
    ClaimType.FEE_AGREED: 0.70,
    ClaimType.MEDICAL: 0.88,
    ClaimType.COMPLETED: 0.95,
}
# A source's reliability before its record reaches the floor: the middle of
# its tier's band (track_records.TIER_BANDS); unrated sources count as even.
TIER_RELIABILITY = {1: 0.90, 2: 0.72, 3: 0.55, 4: 0.35, 5: 0.15, None: 0.50}
# Log-odds added per part.
SOURCE_WEIGHT = 2.0  # times (reliability − RELIABILITY_CENTRE)
RELIABILITY_CENTRE = 0.55
CORROBORATION_WEIGHT = 0.4  # times ln(independent originators)
STALENESS_WEIGHT = 1.0  # times the share of the lapse window gone by
NEED_WEIGHTS = {"short": 0.3, "surplus": -0.3}
SELLER_WEIGHTS = {"blocks": -0.7, "willing": 0.3}
FLOOR, CEILING = 0.02, 0.98

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


@dataclass(frozen=True)
class Evidence:
    """What a link's open claims say, reduced to the parts the number uses."""

    stage: str  # the furthest stage of the move its claims report
    reliability: float | None  # the best originator's, 0 to 1; None: unsourced
    originators: int  # distinct sources who first reported it (relays apart)
    staleness: float = 0.0  # 0 just reported, 1 at the end of its lapse window
    buyer_need: str = ""  # "short" or "surplus" at the player's position
    seller: str = ""  # "blocks" or "willing"


def logit(share):
    return math.log(share / (1 - share))


def sigmoid(value):
    return 1 / (1 + math.exp(-value))


def likelihood(evidence):
    """Return the chance the move happens, between ``FLOOR`` and ``CEILING``."""
    value = logit(STAGE_BASE[evidence.stage])
    if evidence.reliability is not None:
        value += SOURCE_WEIGHT * (evidence.reliability - RELIABILITY_CENTRE)
    if evidence.originators > 1:
        value += CORROBORATION_WEIGHT * math.log(evidence.originators)
    value -= STALENESS_WEIGHT * min(max(evidence.staleness, 0.0), 1.0)
    value += NEED_WEIGHTS.get(evidence.buyer_need, 0.0)
    value += SELLER_WEIGHTS.get(evidence.seller, 0.0)
    return min(CEILING, max(FLOOR, sigmoid(value)))


def parts_in_words(evidence, *, buyer, seller, position):
    """Return the parts behind the number, as a reader says them.

    ``["enquiry stage", "two independent sources", "AC Milan need a
    centre-back", "Tottenham block the sale"]``; names are short names.
    """
    label = dict(ClaimType.choices)[evidence.stage].lower()
    parts = [f"{label} stage"]
    if evidence.originators == 0:
        parts.append("no source named")
    elif evidence.originators == 1:
        parts.append("one source")
    else:
        count = NUMBER_WORDS.get(evidence.originators, str(evidence.originators))
        parts.append(f"{count} independent sources")
    if evidence.staleness >= 0.5:
        parts.append("going quiet")
    if evidence.buyer_need == "short" and position:
        parts.append(f"{buyer} need {article_for(position)} {position}")
    elif evidence.buyer_need == "surplus" and position:
        parts.append(f"{buyer} have {position}s to spare")
    if evidence.seller == "blocks" and seller:
        parts.append(f"{seller} block the sale")
    elif evidence.seller == "willing" and seller:
        parts.append(f"{seller} would sell")
    return parts


def article_for(noun):
    return "an" if noun[:1].lower() in "aeiou" else "a"


def furthest_stage(claims):
    """Return the furthest stage of the move ``claims`` report, or None."""
    stages = [claim.claim_type for claim in claims if claim.claim_type in STAGE_BASE]
    return max(stages, key=STAGE_LADDER.index) if stages else None


def source_reliability(source):
    """Return its record's share once past the floor, else its tier's middle."""
    record = getattr(source, "record", None)
    if record is not None and record.enough:
        return record.share
    return TIER_RELIABILITY.get(source.reliability_tier, 0.5)


def link_evidence(claims, *, now, buyer_need="", seller=""):
    """Return the ``Evidence`` of one link's claims, or None when none is current.

    Current: open and not past its lapse window (needs ``with_lapse()`` and
    the sources loaded). Relays are attributions, not originators: they
    never count as independent sources.
    """
    current = [
        claim
        for claim in claims
        if claim.outcome == claim.Outcome.OPEN
        and not claim.has_lapsed
        and claim.claim_type in STAGE_BASE
    ]
    stage = furthest_stage(current)
    if stage is None:
        return None
    sources = {claim.source_id: claim.source for claim in current if claim.source_id}
    reliability = max(map(source_reliability, sources.values()), default=None)
    newest = max(current, key=lambda claim: claim.reported_at)
    staleness = 0.0
    if newest.lapses_at is not None and newest.lapses_at > newest.reported_at:
        staleness = (now - newest.reported_at) / (newest.lapses_at - newest.reported_at)
    return Evidence(stage, reliability, len(sources), staleness, buyer_need, seller)


def seller_stance(claims):
    """Return "blocks", "willing" or "" from a player's current claims."""
    kinds = {
        claim.claim_type
        for claim in claims
        if claim.outcome == claim.Outcome.OPEN and not claim.has_lapsed
    }
    if ClaimType.BLOCKED in kinds:
        return "blocks"
    if kinds & {*SURPLUS_KINDS, ClaimType.WANTS_TO_LEAVE}:
        return "willing"
    return ""


def buyer_needs(club_ids, position):
    """Return ``{club pk: "short", "surplus" or ""}`` at ``position``: two queries."""
    needs = needs_at([(club_id, position) for club_id in club_ids])
    return {club_id: need for (club_id, _), need in needs.items()}


def _notes_at(clubs, codes):
    """The notes of ``clubs`` clubs at ``codes`` positions, newest first."""
    return (
        SquadNote.objects.filter(
            club__in=ParamList("clubs", SquadNote._meta.get_field("club"), clubs),
            position__in=ParamList(
                "codes", SquadNote._meta.get_field("position"), codes
            ),
        )
        .newest_first()
        .values_list("club_id", "position", "kind", "count")
    )


# Compiled once a process for each number of clubs and of positions (#19).
NOTES_AT = PreparedByLength(_notes_at, "clubs", "codes")


def needs_at(pairs):
    """Return ``{(club pk, position): "short", "surplus" or ""}``: two queries.

    Each club's newest note at the position's code, else at its group,
    measured against its available players as the squad page does. Pairs
    without a position, or whose club has no note there, are left out.
    """
    pairs = [(club_id, position) for club_id, position in pairs if position]
    if not pairs:
        return {}
    codes = {code for _, position in pairs for code in (position, GROUP_OF[position])}
    notes = NOTES_AT.run(
        clubs=sorted({club_id for club_id, _ in pairs}), codes=sorted(codes)
    )
    newest = {}
    for club_id, code, kind, count in notes:
        newest.setdefault((club_id, code), (kind, count))
    counts = available_counts({club_id for club_id, _ in pairs})
    needs = {}
    for club_id, position in pairs:
        for code in (position, GROUP_OF[position]):
            if (club_id, code) in newest:
                kind, count = newest[club_id, code]
                balance = note_balance(kind, count, counts[club_id, code])
                needs[club_id, position] = need_of(kind, balance)
                break
    return needs


def need_of(kind, balance):
    """Return "short", "surplus" or "" for a note and its measured balance."""
    if balance is None:  # a note that says need or surplus in words
        return {"need": "short", "surplus": "surplus"}.get(kind, "")
    if balance < 0:
        return "short"
    return "surplus" if balance > 0 else ""


@dataclass(frozen=True)
class Outlook:
    """A link's likelihood with its parts in words, for pages and the API."""

    value: float
    parts: list

    @property
    def words(self):
        return " · ".join(self.parts)


def suitor_outlooks(player, suitors, claims, *, now):
    """Set ``outlook`` on each named suitor of ``player`` with a current move.

    Two queries (the suitors' squad notes and their players); the claims'
    sources need their records attached (``source_records.attach_records``).
    """
    named = [suitor for suitor in suitors if suitor.club is not None]
    needs = buyer_needs([suitor.club.pk for suitor in named], player.primary_position)
    stance = seller_stance(claims)
    seller = player.current_club.short_name if player.current_club else ""
    position = position_label(player.primary_position).lower()
    for suitor in suitors:
        suitor.outlook = None
        if suitor.club is None:
            continue
        evidence = link_evidence(
            suitor.claims,
            now=now,
            buyer_need=needs.get(suitor.club.pk, ""),
            seller=stance,
        )
        if evidence is not None:
            suitor.outlook = Outlook(
                likelihood(evidence),
                parts_in_words(
                    evidence,
                    buyer=suitor.club.short_name,
                    seller=seller,
                    position=position,
                ),
            )
