"""One URL of every kind the newsroom serves, over a small real newsroom (#6).

The header (R2), cookie (R3) and cache isolation (R5) checks all walk the
same list, so a page added here is checked three ways.
"""

from dataclasses import dataclass, field

from rest_framework_api_key.models import APIKey

from ..factories import (
    ArticleFactory,
    SquadNoteFactory,
    TransferClaimFactory,
)


@dataclass
class Newsroom:
    """A published story with a claim, its clubs, player and source, and a key."""

    article: object
    claim: object
    api_key: str
    urls: dict = field(default_factory=dict)

    @property
    def api_headers(self):
        return {"HTTP_AUTHORIZATION": f"Api-Key {self.api_key}"}

    def public_pages(self):
        """Return {kind: url} of the pages, feeds and sitemaps (no key needed)."""
        return {k: u for k, u in self.urls.items() if not k.startswith("api ")}

    def api_urls(self):
        """Return {kind: url} of the API endpoints that need the partner key."""
        return {k: u for k, u in self.urls.items() if k.startswith("api ")}


def build_newsroom():
    """Create the newsroom and name one URL of every public kind."""
    claim = TransferClaimFactory(article=ArticleFactory())
    article = claim.article
    article.clubs.add(claim.from_club, claim.to_club)
    article.players.add(claim.player)
    SquadNoteFactory(club=claim.to_club)
    _, key = APIKey.objects.create_key(name="Calcio Daily")
    club = claim.to_club.slug
    newsroom = Newsroom(article=article, claim=claim, api_key=key)
    newsroom.urls = {
        "home": "/",
        "story": f"/stories/{article.slug}/",
        "player": f"/players/{claim.player.slug}/",
        "club": f"/clubs/{club}/",
        "squad": f"/clubs/{club}/squad/",
        "source": f"/sources/{claim.source.slug}/",
        "clubs index": "/clubs/",
        "players index": f"/players/?club={claim.player.current_club.slug}",
        "sources index": "/sources/",
        "competitions index": "/competitions/",
        "market board": "/market/",
        "methodology": "/methodology/",
        "squad what-if": f"/clubs/{club}/squad/?whatif=1&move=in:{claim.player.slug}",
        "search": f"/search/?q={claim.player.name.split()[-1]}",
        "atom feed": "/feeds/latest.atom",
        "rss feed": "/feeds/latest.rss",
        "json feed": "/feeds/latest.json",
        "club feed": f"/clubs/{club}/feed.atom",
        "sitemap": "/sitemap.xml",
        "news sitemap": "/news-sitemap.xml",
        "api list": "/api/v1/articles/",
        "api detail": f"/api/v1/articles/{article.slug}/",
        "api claims": "/api/v1/claims/",
        "api squad": f"/api/v1/clubs/{club}/squad/",
        "api changes": "/api/v1/changes/",
    }
    return newsroom
