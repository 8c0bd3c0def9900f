"""The page door of the public cache: anonymous GETs of public views."""

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

from .dependencies import recording
from .public import (
    answer_conditionally,
    enter,
    has_session,
    may_use_cache,
    stale_response,
)

# The public pages, feeds and sitemaps whose anonymous responses are cached.
CACHED_VIEWS = frozenset(
    {
        "rumours:home",
        "rumours:article-detail",
        "rumours:player-detail",
        "rumours:club-detail",
        "rumours:club-squad",
        "rumours:source-detail",
        "rumours:club-list",
        "rumours:player-list",
        "rumours:source-list",
        "rumours:competition-list",
        "rumours:market",
        "rumours:methodology",
        "rumours:search",
        "rumours:feed-latest-json",
        "rumours:feed-latest-atom",
        "rumours:feed-latest-rss",
        "rumours:feed-club",
        "rumours:sitemap",
        "rumours:news-sitemap",
    }
)


# Pages about one thing: their entries depend on the rows they show (#19),
# not on every save (``dependencies``).
PAGES_ABOUT_ONE_THING = frozenset(
    {
        "rumours:article-detail",
        "rumours:player-detail",
        "rumours:club-detail",
        "rumours:club-squad",
        "rumours:source-detail",
    }
)

# Lists of story cards: their entries outlive a save of a story's text
# (``dependencies.CARD_CHANGES_KEY``), not one of anything a card shows.
LISTS_OF_CARDS = frozenset({"rumours:home"})


def cached_view_name(request):
    """Return the name of the request's view if its responses are cached, or None."""
    if request.path_info.startswith(settings.STATIC_URL):
        return None  # WhiteNoise's, below; skip resolving the path.
    view_name = view_name_of(request.path_info)
    return view_name if view_name in CACHED_VIEWS else None


@functools.lru_cache(maxsize=4096)
def view_name_of(path):
    """Return the name of the view ``path`` resolves to, or None.

    Remembered per process: resolving took longer than the rest of a hit's
    Python (#19), and the URLconf does not change while a process runs.
    """
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


@receiver(setting_changed)
def forget_resolved_paths(*, setting, **kwargs):
    """Forget the remembered views when a test changes the URLconf."""
    if setting == "ROOT_URLCONF":
        view_name_of.cache_clear()


class PublicCacheMiddleware:
    """Serve and fill the public cache for anonymous GETs of public views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view_name = may_use_cache(request) and cached_view_name(request)
        if not view_name:
            response = self.get_response(request)
            if has_session(request):
                # Whatever a logged-in user sees stays in their browser.
                patch_cache_control(response, private=True)
            return response
        # Looked up already when the edge (``rumours.cache.edge``) tried.
        visit = getattr(request, "public_cache_visit", None) or enter(request, "page")
        if visit.hit is not None:
            return answer_conditionally(request, visit.hit)
        if view_name in PAGES_ABOUT_ONE_THING:
            with recording() as tags:
                response = self.get_response(request)
        else:
            response, tags = self.get_response(request), None
        if "Cookie" in response.get("Vary", "") and request.COOKIES:
            # The page read a cookie this request carries: not for everyone.
            return response
        return visit.keep(response, tags=tags, cards=view_name in LISTS_OF_CARDS)

    def process_exception(self, request, exception):
        """Answer a page or API body the database cannot render from its last copy."""
        return stale_response(request, exception)
