"""The page door of the public cache: anonymous GETs of public views."""

import functools
import logging
import time

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

from .dependencies import recording
from .public import (
    DATABASE_DOWN,
    HIT_HEADER,
    answer_conditionally,
    enter,
    has_session,
    may_use_cache,
    thaw,
)

logger = logging.getLogger(__name__)

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


def stale_response(request, exception):
    """Return the last copy kept of a page the database cannot render now.

    Or a 503 asking to retry when no copy is kept; None for any other error.
    A stale copy says so (``X-Public-Cache: stale``, its ``Age`` and a
    ``Warning``), and is never kept again as fresh.
    """
    if not isinstance(exception, DATABASE_DOWN):
        return None
    visit = getattr(request, "public_cache_visit", None)
    stored = visit.stored if visit is not None else None
    logger.warning(
        "The database is unreachable (%s): answering %s %s",
        type(exception).__name__,
        request.path,
        "with a stale copy" if stored else "503",
    )
    if stored is None:
        response = HttpResponse(
            "The newsroom is briefly unavailable. Please try again in a moment.",
            content_type="text/plain; charset=utf-8",
            status=503,
        )
        response["Retry-After"] = "5"
        return response
    response = thaw(stored)
    response[HIT_HEADER] = "stale"
    response["Age"] = str(max(0, int(time.time() - stored.get("stored_at", 0))))
    response["Warning"] = '110 - "Response is Stale"'
    return response
