"""Template helpers for the reader pages: claims in plain words, pictures, JSON-LD.

None of them queries: each reads what the view loaded.
"""

import json

from django import template
from django.template import engines
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..models.claim_phrases import is_desk, say_attribution, say_claim

register = template.Library()

CARD_CLUBS = 4  # a story card names at most four of its story's clubs


def _link(obj, text=None):
    return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), text or obj)


@register.simple_tag
def claim_sentence(claim):
    """Return the claim in plain words, with the player and clubs linked.

    “AC Milan have made an enquiry for Radu Dragusin”. Needs the claim's
    player and clubs loaded (``with_parties()``).
    """
    return say_claim(claim, _name_linked, format_html)


def _name_linked(obj):
    return _link(obj, getattr(obj, "short_name", None) or obj.name)


@register.simple_tag
def claim_attribution(claim):
    """Return who the claim is credited to, each source linked with its tier.

    The wording is ``claim_phrases.say_attribution``'s; needs the source and
    the attributions loaded (``with_attributions()``).
    """
    return say_attribution(claim, _credit, format_html)


def _credit(source):
    """Return the source linked, with its tier; the desk as “our own reporting”."""
    if is_desk(source):
        return _link(source, "our own reporting")
    record = getattr(source, "record", None)
    if record is not None and record.enough:
        # The compact track record a story page attaches (#15).
        return format_html(
            "{} ({}, {} of {} proved true)",
            _link(source),
            source.tier_label,
            percent(record.share),
            record.resolved,
        )
    return format_html("{} ({})", _link(source), source.tier_label)


@register.inclusion_tag("rumours/_picture.html")
def hero_picture(picture, alt, sizes="(min-width: 68rem) 66rem, 100vw", eager=False):
    """Render a ``renditions.Picture`` as ``<picture>`` with WebP and JPEG."""
    return {"picture": picture, "alt": alt, "sizes": sizes, "eager": eager}


def _jinja(template_name, context):
    """Return the Jinja2 template ``template_name`` rendered with ``context``.

    For the few fragments written in Jinja2 for speed (``reader/jinja.py``).
    """
    jinja_template = engines["jinja2"].env.get_template(template_name)
    # nosemgrep: td-mark-safe - Jinja2 autoescapes what it renders
    return mark_safe(jinja_template.render(context))  # nosec B308 B703 # autoescaped


@register.simple_tag(takes_context=True)
def include_jinja(context, template_name):
    """Render the Jinja2 template ``template_name`` with this template's context."""
    return _jinja(template_name, context.flatten())


@register.simple_tag
def story_card(article, level=2, show_clubs=False):
    """Return a story's card (``_story_card.jinja``), its headline at ``<h{level}>``.

    With ``show_clubs``, it names the story's main clubs: load the stories
    with ``for_cards(with_clubs=True)``.
    """
    context = {
        "article": article,
        "level": level,
        "show_clubs": show_clubs,
        "clubs_named": CARD_CLUBS,
    }
    return _jinja("rumours/_story_card.jinja", context)


@register.simple_tag
def claim_item(claim, show_story=False):
    """Return a claim as a list item (``_claim.jinja``); ``show_story`` links its story.

    Needs the claim loaded with ``with_parties()`` and ``with_links()``.
    """
    context = {"claim": claim, "show_story": show_story}
    return _jinja("rumours/_claim.jinja", context)


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


@register.filter
def percent(share):
    """Return a share between 0 and 1 as a whole percentage: 0.6445 → "64%"."""
    return "" if share is None else f"{round(share * 100)}%"


# The dates of story cards and claims, as the ``date`` filter writes them with
# the formats named, at a fiftieth of its cost (it parses the format and
# looks up the locale's formats for each date). Times in the current time
# zone, as for ``date``; nothing for no date.


@register.filter(expects_localtime=True)
def iso8601(value):
    """Return ``value|date:'c'``: a time or a date in ISO 8601."""
    return value.isoformat() if value else ""


@register.filter(expects_localtime=True)
def day(value):
    """Return ``value|date:"j F Y"``: "7 December 2026"."""
    return f"{value.day} {MONTHS[value.month]} {value.year:04d}" if value else ""


@register.filter(expects_localtime=True)
def day_and_time(value):
    """Return ``value|date:"j F Y, H:i"``: "7 December 2026, 09:05"."""
    if not value:
        return ""
    return f"{day(value)}, {value.hour:02d}:{value.minute:02d}"
