"""Project-wide response middleware."""

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
