"""URL configuration for Transfer Desk."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from newsroom.health import healthz
from rumours.api.feeds import latest_stories_json_feed
from rumours.feeds import ClubStoriesFeed, LatestStoriesFeed, LatestStoriesRssFeed
from rumours.sitemaps import NEWS_SITEMAPS, SITEMAPS

admin.site.site_header = "Transfer Desk"
admin.site.site_title = "Transfer Desk admin"
admin.site.index_title = "Newsroom"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("rumours.urls")),
    path("api/v1/", include("rumours.api.urls")),
    path("feeds/latest.json", latest_stories_json_feed, name="feed-latest-json"),
    path("feeds/latest.atom", LatestStoriesFeed(), name="feed-latest-atom"),
    path("feeds/latest.rss", LatestStoriesRssFeed(), name="feed-latest-rss"),
    path("clubs/<slug:slug>/feed.atom", ClubStoriesFeed(), name="feed-club"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/sitemap.xml"},
        name="sitemap",
    ),
    path(
        "news-sitemap.xml",
        sitemap,
        {"sitemaps": NEWS_SITEMAPS, "template_name": "sitemaps/news.xml"},
        name="news-sitemap",
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
