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


def as_jinja_filter(django_filter):
    """Return ``django_filter`` as Django's templates call it.

    A filter registered with ``expects_localtime`` is given times in the
    current time zone, as Django gives them.
    """
    if getattr(django_filter, "expects_localtime", False):
        return lambda value: django_filter(template_localtime(value))
    return django_filter


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
    filters = {
        "percent": percent,
        "capfirst": capfirst,
        "day": day,
        "iso8601": iso8601,
        "day_and_time": day_and_time,
    }
    env.filters.update(
        {name: as_jinja_filter(function) for name, function in filters.items()}
    )
    return env
