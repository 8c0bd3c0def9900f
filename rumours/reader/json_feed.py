"""JSON Feed 1.1 of the latest stories, for partners who want headlines (#4).

Public like the Atom and RSS feeds: no key, no cookie. Same stories, same
gate (``published()``), same size as ``LatestStoriesFeed``.
"""

import hashlib
import json

from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from ..images.renditions import picture_for
from ..models import Article
from .feeds import SITE_NAME, corrections_html, feed_stories, outcomes_html

CONTENT_TYPE = "application/feed+json; charset=utf-8"
CACHE_CONTROL = "public, max-age=300"
# Beyond what every feed loads: the full text, the picture, the original.
JSON_FEED_FIELDS = [
    "body_html", "hero_image", "hero_width", "hero_height", "original_url",
]  # fmt: skip


def feed_item(request, article):
    """Return one story as a JSON Feed item (author and clubs loaded)."""
    url = request.build_absolute_uri(article.get_absolute_url())
    item = {
        "id": url,
        "url": url,
        "title": article.headline,
        "content_html": article.body_html
        + outcomes_html(article)
        + corrections_html(article),
        "summary": article.standfirst,
        "date_published": article.published_at.isoformat(),
        "date_modified": article.modified_at.isoformat(),
        "authors": [{"name": article.byline}],
        "tags": [club.short_name for club in article.feed_clubs],
        "language": "en-GB",
    }
    if article.original_url:
        # JSON Feed's field for "the page this item is about, elsewhere".
        item["external_url"] = article.original_url
    picture = picture_for(article.hero_image, article.hero_width, article.hero_height)
    if picture is not None:
        item["image"] = request.build_absolute_uri(picture.largest_jpeg)
    return item


@require_safe
def latest_stories_json_feed(request):
    """Return the latest published stories as JSON Feed 1.1.

    Four queries whatever the number of stories (``feed_stories()``).
    """
    articles = feed_stories(Article.objects.all(), *JSON_FEED_FIELDS)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{SITE_NAME}: latest stories",
        "home_page_url": request.build_absolute_uri(reverse("rumours:home")),
        "feed_url": request.build_absolute_uri(request.path),
        "description": "The newest transfer stories, as JSON Feed 1.1.",
        "language": "en-GB",
        "items": [feed_item(request, article) for article in articles],
    }
    body = json.dumps(feed, ensure_ascii=False, indent=2).encode()
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["ETag"] = f'"{hashlib.sha256(body).hexdigest()[:40]}"'
    if articles:
        latest = max(max(a.updated_at, a.published_at) for a in articles)
        response["Last-Modified"] = http_date(latest.timestamp())
    response["Cache-Control"] = CACHE_CONTROL
    return (
        get_conditional_response(request, etag=response["ETag"], response=response)
        or response
    )
