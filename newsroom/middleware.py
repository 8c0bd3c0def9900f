"""Project-wide middleware: what every request and response gets."""

from django.core.exceptions import BadRequest
from django.http import Http404, JsonResponse

TEXTUAL_SUFFIXES = ("json", "xml", "javascript")


def is_textual(media_type):
    """Return True for a media type whose body is text (HTML, JSON, XML, script)."""
    return media_type.startswith("text/") or media_type.endswith(TEXTUAL_SUFFIXES)


class Utf8CharsetMiddleware:
    """Name the charset of every text body that does not name one (R6).

    DRF's JSON, Django's ``JsonResponse`` and sitemaps and drf-spectacular's
    Swagger script leave it out; every body the product writes is UTF-8.
    Outside everything but the public cache, so it sees static files, and
    cached pages are stored with the charset named.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        media_type = content_type.split(";")[0].strip().lower()
        if is_textual(media_type) and "charset=" not in content_type.lower():
            response["Content-Type"] = f"{content_type}; charset=utf-8"
        return response


NUL_MESSAGE = "A NUL character (%00) is not allowed in a parameter."


class RefuseNullCharactersMiddleware:
    """Answer a NUL character in the path with 404 and in a parameter with 400.

    PostgreSQL refuses NUL in text, so a lookup or filter carrying one
    (``/api/v1/articles/%00/``, ``/?club=%00``) raised a database error: a
    500. No slug or parameter of ours can hold one, so it never reaches a view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404("No page has a NUL character in its address.")
        named = sorted(
            name
            for name, values in request.GET.lists()
            if "\x00" in name or any("\x00" in value for value in values)
        )
        if named:
            if request.path.startswith("/api/"):
                # The shape of every other 400 of the API: {parameter: [why]}.
                return JsonResponse({name: [NUL_MESSAGE] for name in named}, status=400)
            raise BadRequest(f"{NUL_MESSAGE} ({', '.join(map(repr, named))})")
        return self.get_response(request)
