"""Cached hits answered in front of Django's handler (#19).

``EdgeCache`` wraps the WSGI application (``newsroom/wsgi.py``). For a GET
it builds Django's own request object and asks its doors in turn whether
the public cache holds a fresh answer: the page door (``page_hit``:
anonymous GETs of cached views) and the partner door
(``rumours.api.caching.partner_hit``: a valid key, counted by the
throttle). A door decides with the functions the middleware use (the same
key, the same rules) and answers with what Django would send for that hit:
``PartnerCacheMiddleware`` and ``PublicCacheMiddleware`` are outermost, so
a hit never went through any other middleware there either.

Everything else goes to Django untouched: a miss, HEAD, a conditional
request, a session cookie, anything a door cannot prove. What a door
learnt on the way, the lookup and the throttle's count, is handed over
(``hand_over``, taken by ``HandOverMiddleware``), so a miss still costs one
round trip to Redis and a partner request is counted once.
"""

import logging

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.handlers.wsgi import WSGIRequest

from .middleware import cached_view_name
from .public import HIT_HEADER, enter, may_use_cache

HANDED_OVER = "rumours.cache.edge.handed_over"
# Left to Django, which answers them as the views do (304, 412).
CONDITIONAL = frozenset(
    {
        "HTTP_IF_NONE_MATCH",
        "HTTP_IF_MATCH",
        "HTTP_IF_MODIFIED_SINCE",
        "HTTP_IF_UNMODIFIED_SINCE",
    }
)
STATUS = "200 OK"  # the only status the cache keeps

logger = logging.getLogger(__name__)


class EdgeCache:
    """A WSGI application: fresh cache hits answered, the rest left to ``application``.

    ``doors``: functions of a request returning ``(headers, body)`` for a
    hit they can prove fresh, or None.
    """

    def __init__(self, application, doors):
        self.application = application
        self.doors = tuple(doors)

    def __call__(self, environ, start_response):
        if (
            environ.get("REQUEST_METHOD") == "GET"
            and CONDITIONAL.isdisjoint(environ)
            # Static files are WhiteNoise's: no door serves them.
            and not environ.get("PATH_INFO", "").startswith(settings.STATIC_URL)
        ):
            answer = self.answer(environ)
            if answer is not None:
                headers, body = answer
                start_response(STATUS, headers)
                return [body]
        return self.application(environ, start_response)

    def answer(self, environ):
        try:
            request = WSGIRequest(environ)
            for door in self.doors:
                answer = door(request)
                if answer is not None:
                    return answer
        except SuspiciousOperation:
            pass  # a host not allowed, say: Django answers it (400)
        except Exception:
            # Never a reason to fail: Django serves the request as without us.
            logger.exception("The edge cache failed on %s", environ.get("PATH_INFO"))
        return None


def page_hit(request):
    """Return ``(headers, body)`` of the fresh cached page for ``request``, or None.

    What ``PublicCacheMiddleware`` would answer, for the requests it would
    answer from the cache.
    """
    if not (may_use_cache(request) and cached_view_name(request)):
        return None
    visit = enter(request, "page")
    if visit.entry is None:
        hand_over(request, "public_cache_visit")
        return None
    return hit_headers(visit.entry), visit.entry["content"]


def hit_headers(entry):
    """Return the headers of ``thaw(entry)``, in its order, without building it.

    The list Django's handler would send for the thawed response.
    An ``HttpResponse`` starts with a Content-Type, which a kept one replaces
    in place; the kept values were made valid header values when stored.
    """
    default_type = f"text/html; charset={settings.DEFAULT_CHARSET}"
    headers = {"content-type": ("Content-Type", default_type)}
    for header, value in entry["headers"]:
        headers[header.lower()] = (header, value)
    headers[HIT_HEADER.lower()] = (HIT_HEADER, "hit")
    return list(headers.values())


def hand_over(request, *names):
    """Pass the attributes ``names`` of ``request`` to Django's request for it.

    They go through the WSGI environ (``request.META``), which Django's
    handler is given next; ``HandOverMiddleware`` sets them on its request.
    """
    request.META[HANDED_OVER] = {
        name: getattr(request, name) for name in names if hasattr(request, name)
    }


class HandOverMiddleware:
    """Outermost: give the request what the edge noted on its own (``hand_over``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        handed_over = request.META.pop(HANDED_OVER, None)
        if handed_over:
            for name, value in handed_over.items():
                setattr(request, name, value)
        return self.get_response(request)
