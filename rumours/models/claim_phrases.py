"""A claim said in words, for any face: pages build HTML with it, the API text.

Each function takes ``fmt``, which puts values into a template the way the
caller needs (``django.utils.html.format_html`` escapes and keeps links;
``str.format`` makes plain text), and a callable naming a player, club or
source, so the wording has one home whichever face reads it.
"""

import re

from .claim_terms import SideKind
from .sources import SourceKind

UNNAMED = {"to": "an unnamed club", "from": "his club"}


def say_claim(claim, name, fmt):
    """Return the claim's sentence: “AC Milan have made an enquiry for Dragusin”.

    ``name(obj)`` names the player and named clubs (a link, or plain text);
    a described side reads in the story's words. Needs the player and the
    clubs loaded.
    """
    parts = {
        "player": name(claim.player),
        "to": _side(claim.to_side, "to", name),
        "from": _side(claim.from_side, "from", name),
    }
    sentence = claim.sentence
    # A sentence may open with a party the story did not name ("an unnamed
    # club are ..."): capitalise those words too, not only the template.
    leading = re.match(r"\{(\w+)\}", sentence)
    if leading and not _named(claim, leading[1]):
        parts[leading[1]] = capitalised(parts[leading[1]])
    return fmt(capitalised(sentence), **parts)


def _named(claim, part):
    side = {"to": claim.to_side, "from": claim.from_side}.get(part)
    return part == "player" or (side is not None and side.kind == SideKind.CLUB)


def _side(side, which, name):
    if side.kind == SideKind.CLUB:
        return name(side.club)
    if side.kind == SideKind.DESCRIBED:
        return side.text
    return "no club" if side.kind == SideKind.FREE_AGENT else UNNAMED[which]


def capitalised(text):
    return text[:1].upper() + text[1:]


def say_attribution(claim, credit, fmt):
    """Return who the claim is credited to, the way a careful reader says it.

    “according to Kicker (tier 2), via Sky Sport Deutschland (tier 1)”; “as
    the player's agent (tier 2) told La Gazzetta dello Sport (tier 1)”. Only a
    claim sourced to the desk itself is our own reporting: one whose story
    names no one reads “reportedly”. ``credit(source)`` names one source.
    Needs the source and the attributions loaded (``with_attributions()``).
    """
    originator = claim.source
    speakers, relays = [], []
    for row in claim.attributions.all():
        (speakers if row.role == "speaker" else relays).append(row.source)
    if speakers and originator is not None:
        told = "us" if is_desk(originator) else credit(originator)
        text = fmt("as {} told {}", joined(speakers, credit, fmt), told)
    elif speakers:
        text = fmt("according to {}", joined(speakers, credit, fmt))
    elif originator is not None:
        text = fmt("according to {}", credit(originator))
    else:
        text = "reportedly"
    if relays:
        text = fmt("{}, via {}", text, joined(relays, credit, fmt))
    return text


def is_desk(source):
    return source.kind == SourceKind.DESK


def credit_text(source):
    """Return a source named in plain text with its tier; the desk as our own."""
    if is_desk(source):
        return "our own reporting"
    return f"{source.name} ({source.tier_label})"


def joined(sources, credit, fmt):
    """Return “A”, “A and B”, “A, B and C”, each credited."""
    credits = [credit(source) for source in sources]
    text = credits[0]
    for middle in credits[1:-1]:
        text = fmt("{}, {}", text, middle)
    return text if len(credits) == 1 else fmt("{} and {}", text, credits[-1])
