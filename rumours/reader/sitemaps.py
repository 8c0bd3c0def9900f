"""The sitemap and the Google News sitemap (#3).

``/sitemap.xml`` lists the home and index pages, every published story, and the player,
club, squad and source pages; ``/news-sitemap.xml`` the stories published in
the last 48 hours, in Google's news namespace. Stories are read through
``published()`` in ``items()``, so "now" is the request's.
"""

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from ..models import Article, Club, Player, Source

NEWS_WINDOW = dt.timedelta(hours=48)


def story_lastmod(article):
    """Return when a story last changed for a reader: revised or published.

    ``Article.modified_at``: an imported archive keeps its own times (#13).
    """
    return article.modified_at


class HomeSitemap(Sitemap):
    """The home page and the index pages readers browse by (#16)."""

    changefreq = "hourly"

    def items(self):
        return [
            "rumours:home",
            "rumours:club-list",
            "rumours:player-list",
            "rumours:source-list",
            "rumours:competition-list",
            "rumours:market",
            "rumours:methodology",
        ]

    def location(self, name):
        return reverse(name)


class StorySitemap(Sitemap):
    """Published stories, newest first: two queries (count, page)."""

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "published_at", "revised_at", "updated_at")
            .order_by("-published_at", "-id")
        )

    def location(self, article):
        return reverse("rumours:article-detail", kwargs={"slug": article.slug})

    def lastmod(self, article):
        return story_lastmod(article)


class SlugPageSitemap(Sitemap):
    """One URL a row of ``model``, by slug: two queries (count, page)."""

    model = None
    url_name = None

    def items(self):
        return self.model.objects.only("slug").order_by("name", "id")

    def location(self, obj):
        return reverse(self.url_name, kwargs={"slug": obj.slug})


class PlayerSitemap(SlugPageSitemap):
    model = Player
    url_name = "rumours:player-detail"


class ClubSitemap(SlugPageSitemap):
    model = Club
    url_name = "rumours:club-detail"


class ClubSquadSitemap(SlugPageSitemap):
    model = Club
    url_name = "rumours:club-squad"


class SourceSitemap(SlugPageSitemap):
    model = Source
    url_name = "rumours:source-detail"


class NewsSitemap(Sitemap):
    """Stories published in the last 48 hours, for Google News.

    Google reads at most 1,000 URLs a news sitemap. The template
    (``sitemaps/news.xml``) reads each story's headline and publication time,
    loaded here: two queries (count, page).
    """

    limit = 1000

    def items(self):
        return (
            Article.objects.published()
            .filter(published_at__gte=timezone.now() - NEWS_WINDOW)
            .only("slug", "headline", "published_at", "revised_at", "updated_at")
            .order_by("-published_at", "-id")
        )

    def location(self, article):
        return reverse("rumours:article-detail", kwargs={"slug": article.slug})

    def lastmod(self, article):
        return story_lastmod(article)


SITEMAPS = {
    "home": HomeSitemap,
    "stories": StorySitemap,
    "players": PlayerSitemap,
    "clubs": ClubSitemap,
    "squads": ClubSquadSitemap,
    "sources": SourceSitemap,
}
NEWS_SITEMAPS = {"news": NewsSitemap}
