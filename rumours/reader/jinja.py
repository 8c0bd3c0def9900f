"""The Jinja2 environment of the reader's hottest templates (#19).

Jinja2 compiles a template to Python, so loops over positions and players
cost a fraction of Django's template language. Only bodies that loop over
many rows are written in it, included from Django templates by
``{% include_jinja %}``; pages, their layout and everything else stay in
Django's language. Autoescaping is on, as in Django's, and the helpers are
the same functions the Django templates call.
"""

import jinja2
from django.urls import reverse

from ..templatetags.rumours_tags import (
    depth_chart_svg,
    percent,
    squad_notes,
    squad_rumours,
)


def url(name, *args, **kwargs):
    """Return ``{% url name *args **kwargs %}``."""
    return reverse(name, args=args, kwargs=kwargs)


def environment(**options):
    # Django's backend prints undefined names as their source while DEBUG is
    # on; a missing name or attribute, at any depth, prints nothing here, as in
    # Django's templates.
    options["undefined"] = jinja2.ChainableUndefined
    # Always on, whatever the settings say: these templates write names and
    # query strings readers control.
    options.pop("autoescape", None)
    env = jinja2.Environment(autoescape=True, **options)
    env.globals.update(
        url=url,
        squad_notes=squad_notes,
        depth_chart_svg=depth_chart_svg,
        squad_rumours=squad_rumours,
    )
    env.filters.update(percent=percent)
    return env
