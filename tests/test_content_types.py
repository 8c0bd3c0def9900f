"""Every text body says it is UTF-8 (R6): pages, feeds, sitemaps, API, errors.

The crawl of tests/test_visibility.py reaches every public page from the
home page, the feeds and the sitemaps; the API, its schema and docs, the
JSON feed, a 404 and the admin login are added by hand. Binary bodies
(pictures, the favicon) carry no charset and are left out.
"""

import pytest
from rest_framework.test import APIClient

from .test_visibility import API_LISTS, crawl, make_newsroom, partner_client

pytestmark = pytest.mark.django_db

BINARY_TYPES = ("image/", "font/")
OTHER_URLS = [
    "/search/?q=dragusin",
    "/stories/no-such-story/",
    "/admin/login/",
    "/api/v1/schema/",
    "/api/v1/docs/",
    "/api/v1/no-such-endpoint/",
    "/healthz",
]


def content_types(client, urls, start_urls=None):
    """Return {url: Content-Type} for the crawl from ``urls``."""
    types = {}
    kwargs = {} if start_urls is None else {"start_urls": start_urls}
    for url in crawl(client, urls, **kwargs):
        types[url] = client.get(url).get("Content-Type", "")
    return types


def test_r6_every_text_body_is_declared_utf_8(client, reliability_report):
    canaries = make_newsroom()
    article, claim = next(iter(canaries.values()))
    api_urls = [*API_LISTS, "/api/v1/clubs/tottenham-hotspur/squad/"]

    types = {
        **content_types(client, OTHER_URLS),
        **content_types(partner_client(), api_urls, start_urls=[]),
        "/api/v1/articles/ (no key)": APIClient()
        .get("/api/v1/articles/")
        .get("Content-Type", ""),
    }

    text = {
        url: value for url, value in types.items() if not value.startswith(BINARY_TYPES)
    }
    wrong = {
        url: value
        for url, value in text.items()
        if "charset=utf-8" not in value.lower().replace('"', "")
    }
    reliability_report(f"R6 content types: {len(text)} text bodies, {len(wrong)} wrong")
    assert wrong == {}, "\n".join(f"{u}: {v}" for u, v in wrong.items())
    assert len(text) > 30
