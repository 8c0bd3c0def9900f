"""The reader site: pages, feeds and sitemaps (#3)."""

from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from . import views
from .feeds import ClubStoriesFeed, LatestStoriesFeed, LatestStoriesRssFeed
from .json_feed import latest_stories_json_feed
from .sitemaps import NEWS_SITEMAPS, SITEMAPS

app_name = "rumours"


class FaviconView(RedirectView):
    # Browsers and Lighthouse ask for /favicon.ico whatever the <link> says.
    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.ico")


urlpatterns = [
    path("", views.ArticleListView.as_view(), name="home"),
    path(
        "stories/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"
    ),
    path(
        "preview/stories/<int:pk>/",
        views.ArticlePreviewView.as_view(),
        name="article-preview",
    ),
    path("players/", views.PlayerIndexView.as_view(), name="player-list"),
    path(
        "players/<slug:slug>/", views.PlayerDetailView.as_view(), name="player-detail"
    ),
    path("clubs/", views.ClubIndexView.as_view(), name="club-list"),
    path("market/", views.MarketBoardView.as_view(), name="market"),
    path("methodology/", views.MethodologyView.as_view(), name="methodology"),
    path("sources/", views.SourceIndexView.as_view(), name="source-list"),
    path(
        "competitions/",
        views.CompetitionIndexView.as_view(),
        name="competition-list",
    ),
    path("clubs/<slug:slug>/", views.ClubDetailView.as_view(), name="club-detail"),
    path("clubs/<slug:slug>/squad/", views.ClubSquadView.as_view(), name="club-squad"),
    path(
        "sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source-detail"
    ),
    path("search/", views.SearchView.as_view(), name="search"),
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
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
