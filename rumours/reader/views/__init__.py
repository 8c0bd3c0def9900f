"""The reader site's pages (#3): thin views over the published gate.

Every view reads stories through ``Article.objects.published()`` and claims
through ``TransferClaim.objects.public()``, built per request, and hands the
template everything it shows: templates run no queries.
"""

from .articles import ArticleDetailView, ArticleListView, ArticlePreviewView
from .browse import (
    ClubIndexView,
    CompetitionIndexView,
    PlayerIndexView,
    SourceIndexView,
)
from .clubs import ClubDetailView, ClubSquadView
from .market import MarketBoardView
from .methodology import MethodologyView
from .players import PlayerDetailView
from .search import SearchView
from .sources import SourceDetailView

__all__ = [
    "ArticleDetailView",
    "ArticleListView",
    "ArticlePreviewView",
    "ClubDetailView",
    "ClubIndexView",
    "CompetitionIndexView",
    "MarketBoardView",
    "MethodologyView",
    "ClubSquadView",
    "PlayerDetailView",
    "PlayerIndexView",
    "SearchView",
    "SourceDetailView",
    "SourceIndexView",
]
