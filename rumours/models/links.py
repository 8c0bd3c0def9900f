"""Links to slug pages, built without running ``reverse()`` each time.

A story card links its story and up to four clubs, a home page shows ten
cards and a feed fifty stories, so ``reverse()`` on each link was most of a
list page's rendering time (``bench/README.md``). A slug route's
URL is a fixed head, the slug and a fixed tail, so each route is reversed
once per script prefix, with a placeholder, and the slug put in its place.

Slugs are stored validated (``SlugField``: letters, digits, ``-`` and ``_``),
so they need no quoting. The parts are forgotten when ``ROOT_URLCONF``
changes, as Django forgets its own URL caches.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse

PLACEHOLDER = "slug-placeholder"


def slug_url(view_name, slug):
    """Return ``reverse(view_name, kwargs={"slug": slug})``, fast."""
    head, tail = _parts(view_name, get_script_prefix())
    return f"{head}{slug}{tail}"


def club_url(slug):
    """Return the URL of the club page of ``slug``."""
    return slug_url("rumours:club-detail", slug)


@lru_cache(maxsize=64)
def _parts(view_name, script_prefix):
    head, _, tail = reverse(view_name, kwargs={"slug": PLACEHOLDER}).partition(
        PLACEHOLDER
    )
    return head, tail


@receiver(setting_changed)
def _forget_parts(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _parts.cache_clear()
