"""The Jinja2 environment of the reader's hottest templates (#19).

Jinja2 compiles a template to Python, so loops over positions and players
cost a fraction of Django's template language. Only a body that loops over
many rows (the squad view's, by ``{% include_jinja %}``) and fragments
repeated down a page (the story card by ``{% story_card %}``, the claim by
``{% claim_item %}``) are written in it; pages, their layout and everything
else stay in Django's language. Autoescaping is on, as in Django's, and the
helpers are the same functions the Django templates call.
"""

import jinja2
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.timezone import template_localtime

from ..models.claim_phrases import joined
from ..templatetags.rumours_tags import (
    claim_attribution,
    claim_sentence,
    day,
    day_and_time,
    iso8601,
    percent,
)


def url(name, *args, **kwargs):
    """Return ``{% url name *args **kwargs %}``."""
    return reverse(name, args=args, kwargs=kwargs)


def and_joined(items, link):
    """Return “A”, “A and B” or “A, B and C”, each written by ``link`` (a macro)."""
    return joined(items, link, format_html)


def in_local_time(date_filter):
    """Return ``date_filter`` given times in the current time zone, as Django's are."""
    return lambda value: date_filter(template_localtime(value))


def environment(**options):
    """Return the environment Django's Jinja2 backend renders with (settings)."""
    # Django's backend prints undefined names as their source while DEBUG is
    # on; a missing name or attribute, at any depth, prints nothing here, as in
    # Django's templates.
    options["undefined"] = jinja2.ChainableUndefined
    # Always on, whatever the settings say: these templates write names and
    # query strings readers control.
    options.pop("autoescape", None)
    # A template's last line break is kept, as Django's templates keep it.
    options["keep_trailing_newline"] = True
    env = jinja2.Environment(autoescape=True, **options)
    env.globals.update(
        url=url,
        and_joined=and_joined,
        claim_sentence=claim_sentence,
        claim_attribution=claim_attribution,
    )
    env.filters.update(
        percent=percent,
        capfirst=capfirst,
        day=in_local_time(day),
        iso8601=in_local_time(iso8601),
        day_and_time=in_local_time(day_and_time),
    )
    return env
