"""Template helpers for the reader pages: claims in plain words, pictures, JSON-LD.

None of them queries: each reads what the view loaded.
"""

import json
import re

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeData, mark_safe

from ..models import Attribution

register = template.Library()


def _link(obj, text=None):
    return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), text or obj)


@register.simple_tag
def claim_sentence(claim):
    """Return the claim in plain words, with the player and clubs linked.

    “AC Milan have made an enquiry for Radu Dragusin”. Needs the claim's
    player and clubs loaded (``with_parties()``).
    """
    parts = {
        "player": _link(claim.player, claim.player.name),
        "to": _party(claim.to_side, unknown="an unnamed club"),
        "from": _party(claim.from_side, unknown="his club"),
    }
    sentence = claim.sentence
    # A sentence may open with a party the story did not name ("an unnamed
    # club are ..."): capitalise those words too, not only the template.
    leading = re.match(r"\{(\w+)\}", sentence)
    if leading and not isinstance(parts[leading[1]], SafeData):
        parts[leading[1]] = _capitalised(parts[leading[1]])
    return format_html(_capitalised(sentence), **parts)


def _party(side, unknown):
    """Return one side of a claim the way the story named it."""
    if side.kind == "club":
        return _link(side.club, side.club.short_name)
    if side.kind == "described":
        return side.text
    return "no club" if side.kind == "free_agent" else unknown


def _capitalised(text):
    return text[:1].upper() + text[1:]


@register.simple_tag
def claim_attribution(claim):
    """Return who the claim is credited to, the way a careful reader says it.

    “according to Kicker (tier 2), via Sky Sport Deutschland (tier 1)”; “as
    the player's agent (tier 2) told La Gazzetta dello Sport (tier 1)”. Only a
    claim sourced to the desk itself is our own reporting: one whose story
    names no one reads “reportedly”. Needs the source and the attributions
    loaded (``with_attributions()``).
    """
    originator = claim.source
    speakers, relays = [], []
    for row in claim.attributions.all():
        (speakers if row.role == Attribution.Role.SPEAKER else relays).append(
            row.source
        )
    if speakers and originator is not None:
        told = "us" if _is_desk(originator) else _credit(originator)
        text = format_html("as {} told {}", _joined(speakers), told)
    elif speakers:
        text = format_html("according to {}", _joined(speakers))
    elif originator is not None:
        text = format_html("according to {}", _credit(originator))
    else:
        text = "reportedly"
    if relays:
        text = format_html("{}, via {}", text, _joined(relays))
    return text


def _is_desk(source):
    return source.kind == source.Kind.DESK


def _credit(source):
    """Return the source linked, with its tier; the desk as “our own reporting”."""
    if _is_desk(source):
        return _link(source, "our own reporting")
    return format_html("{} ({})", _link(source), source.tier_label)


def _joined(sources):
    """Return “A”, “A and B”, “A, B and C”, each credited."""
    credits = [_credit(source) for source in sources]
    if len(credits) == 1:
        return credits[0]
    listed = format_html_join(", ", "{}", ((credit,) for credit in credits[:-1]))
    return format_html("{} and {}", listed, credits[-1])


@register.inclusion_tag("rumours/_picture.html")
def hero_picture(picture, alt, sizes="(min-width: 68rem) 66rem, 100vw", eager=False):
    """Render a ``renditions.Picture`` as ``<picture>`` with WebP and JPEG."""
    return {"picture": picture, "alt": alt, "sizes": sizes, "eager": eager}


@register.simple_tag
def json_ld(data):
    """Return ``data`` as a ``<script type="application/ld+json">`` element.

    ``json_script`` only writes ``application/json``; escaping ``<``, ``>``
    and ``&`` as JSON unicode escapes keeps any headline or name from ending
    the element or starting markup, which is what makes ``mark_safe`` sound.
    """
    text = (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    element = f'<script type="application/ld+json">{text}</script>'
    # format_html would HTML-escape the JSON, which a <script> never unescapes.
    # nosemgrep: td-mark-safe - the JSON has <, > and & escaped (see above)
    return mark_safe(element)  # nosec B308 B703 # JSON: <, > and & escaped


@register.inclusion_tag("rumours/_depth_chart.html")
def depth_chart(row, scale):
    """Render one squad row as an SVG bar of slots, ``scale`` slots wide.

    Specialists are solid, unavailable ones crossed, cover outlined, and the
    target a marked line; the text beside it says the same in words.
    """
    slot, gap = 18, 4
    slots = []
    x = 0
    for player in row.specialists:
        kind = "specialist" if player.is_available else "unavailable"
        slots.append({"x": x, "kind": kind, "name": player.name})
        x += slot + gap
    for player in row.cover:
        slots.append({"x": x, "kind": "cover", "name": player.name})
        x += slot + gap
    target = row.notes.target_count
    width = scale * (slot + gap) + gap
    return {
        "row": row,
        "slots": slots,
        "slot": slot,
        "width": width,
        "target_x": target * (slot + gap) - gap // 2 if target is not None else None,
        "target": target,
    }
