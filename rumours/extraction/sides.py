"""Which side of a move each club of a sentence is on, and clubs described, not named.

A club is the seller where the copy ties it to the player (“Tottenham's
Radu Dragusin”, “Napoli centre-back Alessandro Buongiorno”, “leave
Genoa”, “from Santos”), the suitor where the move heads to it (“join
Milan”, “terms with Brighton”, “a bid from Napoli”), and otherwise stands
for the side the sentence's subject has under its rule (``kinds.Rule``).
Described parties (“a host of Bundesliga clubs”, “an unnamed MLS side”,
“clubs in Portugal”, “his Serie B club”) take a side the same way and carry
the competition or country the gazetteer recognises in them.
"""

import re
from dataclasses import dataclass

from .kinds import FROM, TO

POSITION = (
    r"(?:defender|midfielder|forward|striker|winger|goalkeeper|keeper|centre-back|"
    r"center-back|centre-half|full-back|left-back|right-back|wing-back|playmaker|"
    r"captain|star|man|youngster|talent|prospect|attacker|no\. ?\d+|number \d+|"
    r"frontman|stopper|shot-stopper|ace|loanee|academy graduate|teenager)"
)
OWNS_PLAYER = re.compile(
    rf"^(?:'s?)?\s+(?:[\w-]+\s+){{0,3}}{POSITION}\s+$|^(?:'s?)\s*(?:[\w-]+\s+)?$"
)
FROM_BEFORE = re.compile(
    r"\b(?:from|leave|leaves|leaving|left|quit|quitting|exit|depart|departure from|"
    r"sold by|released by|contract at|future at|stay at|stays at|spell at|"
    r"time at|career at|with his current club|his current club|"
    r"current club)\s+(?:the\s+)?$"
)
TO_FROM_BEFORE = re.compile(
    r"\b(?:bid|bids|offer|offers|approach|interest|proposal|enquiry|enquiries|"
    r"advances|calls?|contact|swoop|loan offer)\b[^.;]{0,40}?\s(?:from|by)"
    r"\s+(?:the\s+)?$"
)
# "without a club since leaving Sevilla": a club he left before, no side now.
PAST_BEFORE = re.compile(
    r"\b(?:since|after|before)\s+(?:leaving|quitting|his (?:exit|departure) from|"
    r"being released by|his release by)\s+(?:the\s+)?$"
)
BY_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$")
TO_BEFORE = re.compile(
    r"\b(?:to|join|joins|joining|joined|move to|switch to|for|into|towards|"
    r"medical at|medical with|terms with|agreement with|deal with|sign with|"
    r"unveiled by|presented by|signed by)\s+(?:the\s+)?$"
)
WITH_BEFORE = re.compile(r"\b(?:with|to)\s+(?:the\s+)?$")
OWNER_BID = re.compile(
    r"^(?:(?:'s?)\s+(?:[\w€£$.,-]+\s+){0,3}|\s+(?:[€£$][\w.,-]+\s+)?)"
    r"(?:bid|offer|proposal|approach)\b"
)

DESCRIBED = re.compile(
    r"\b(?P<text>(?:a host of|several|a number of|a few|a trio of|a clutch of|"
    r"a string of|a raft of|various|multiple|some|two|three|four|other|an unnamed|"
    r"unnamed|an|a|his|their) (?:unnamed |mystery |top |big |rival |other )?"
    r"(?:(?P<words>[a-z][\w-]*(?: [a-z][\w-]*){0,2}) )?"
    r"(?:clubs?|sides?|teams?|outfits?)"
    r"(?: (?:in|from) (?:the )?(?P<place>[a-z][\w-]*(?: [a-z][\w-]*){0,2}))?)"
    r"|\b(?P<text2>clubs? (?:in|from) (?:the )?(?P<place2>[a-z][\w-]*(?: [a-z][\w-]*)"
    r"{0,2}))"
)


@dataclass(frozen=True)
class Side:
    """A club or a described party in a clause, and the role its words give it."""

    mention: object  # a names.Mention (club, or unknown) or None when described
    described: dict | None
    start: int
    end: int
    role: str  # from, to, with, by (a passive's subject), subject, object
    owner_of: object = None  # the player mention it owns ("Spurs' Dragusin")


def described_parties(text, folded, start, end, mentions):
    """Return ``(start, end, described)`` for each described party in the clause."""
    found = []
    for match in DESCRIBED.finditer(folded, start, end):
        group = "text" if match.group("text") else "text2"
        inside = [
            m
            for m in mentions
            if match.start(group) <= m.start < match.end(group)
            and m.kind in {"competition", "country"}
        ]
        described_end = match.end(group)
        place = match.group("place") or match.group("place2")
        if place:
            # "clubs in Portugal have asked": the place is the name it knows.
            named = [m for m in inside if m.start >= described_end - len(place)]
            if not named:
                continue
            described_end = named[0].end
        described_text = text[match.start(group) : described_end]
        if not (inside or re.search(r"unnamed|mystery", described_text.lower())):
            continue
        if any(
            m.kind == "club" for m in mentions if match.start() <= m.start < match.end()
        ):
            continue
        competition = next((m.entity for m in inside if m.kind == "competition"), None)
        country = next((m.entity.name for m in inside if m.kind == "country"), "")
        if competition is not None and not country:
            country = competition.country
        found.append(
            (
                match.start(group),
                described_end,
                {
                    "text": described_text,
                    "competition": competition.key if competition else None,
                    "country": country,
                },
            )
        )
    return found


def club_sides(folded, start, end, clubs, described, players, trigger):
    """Return the ``Side`` of each club and described party of one clause."""
    sides = []
    for mention in clubs:
        owned = _owned(folded, mention.end, players)
        role = FROM if owned else _role(folded, start, mention, trigger)
        sides.append(Side(mention, None, mention.start, mention.end, role, owned))
    for d_start, d_end, party in described:
        place = Side(None, party, d_start, d_end, "")
        role = _role(folded, start, place, trigger)
        if party["text"].lower().startswith(("his ", "their ")) and role != TO:
            role = FROM
        sides.append(Side(None, party, d_start, d_end, role))
    return sides


def _owned(folded, end, players):
    """Return the player a club is tied to: “Spurs' Dragusin”, “Napoli's X”."""
    return next(
        (
            p
            for p in players
            if p.start >= end and OWNS_PLAYER.match(folded[end : p.start])
        ),
        None,
    )


def _role(folded, clause_start, place, trigger):
    start, end = place.start, place.end
    before = folded[max(clause_start, start - 45) : start]
    after = folded[end : end + 60]
    if PAST_BEFORE.search(before):
        return "past"
    if OWNER_BID.match(after):
        return TO
    if TO_FROM_BEFORE.search(before):
        return TO
    if BY_BEFORE.search(before):
        return "by"
    if FROM_BEFORE.search(before):
        return FROM
    if WITH_BEFORE.search(before) and start > trigger.start:
        return "with"
    if TO_BEFORE.search(before):
        return TO
    return "subject" if start < trigger.start else "object"


def assign_sides(sides, subject_side, passive_side, player_club_id):
    """Return ``(sellers, suitors)``: the sides of one claim, in the copy's order.

    ``subject_side`` is what the clause's subject stands for, ``passive_side``
    what a passive's agent stands for (“turned down by Aston Villa”). A club
    the player plays for is never his suitor, and one club takes one side.
    """
    sellers = [s for s in sides if s.role == FROM]
    suitors = [s for s in sides if s.role == TO]
    (suitors if subject_side == TO else sellers).extend(
        s for s in sides if s.role == "subject"
    )
    (suitors if passive_side == TO else sellers).extend(
        s for s in sides if s.role == "by"
    )
    named = {_club_id(s) for s in sellers + suitors} - {None}
    others = [
        s for s in sides if s.role in {"object", "with"} and _club_id(s) not in named
    ]
    if others:
        if suitors and not sellers:
            sellers.extend(others)
        elif not suitors and subject_side == TO:
            suitors.extend(others)
        elif not sellers:
            sellers.extend(others)
    if player_club_id is not None:
        for side in [s for s in suitors if _club_id(s) == player_club_id]:
            suitors.remove(side)
            sellers.append(side)
        # "Forest have agreed terms ... a fee with PSG, who want €28m": of two
        # subjects, the seller is the player's own club.
        sellers.sort(key=lambda side: _club_id(side) != player_club_id)
    return _distinct(sellers, ()), _distinct(suitors, sellers)


def _club_id(side):
    return side.mention.entity.id if side.mention and side.mention.entity else None


def _distinct(sides, taken):
    seen = {_club_id(s) for s in taken if _club_id(s)}
    kept = []
    for side in sides:
        club = _club_id(side)
        if club is None or club not in seen:
            kept.append(side)
            seen.add(club)
    return kept
