"""Site search: querying (``query``), the stored documents (``documents``) and
keeping them current (``signals``)."""

from .documents import refresh_search_documents
from .query import (
    clean_query,
    query_terms,
    search_site,
    search_stories,
    stories_matching,
)

__all__ = [
    "clean_query",
    "query_terms",
    "refresh_search_documents",
    "search_site",
    "search_stories",
    "stories_matching",
]
