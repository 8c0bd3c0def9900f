"""Site search across published stories, players and clubs (#3, #6).

One entry point, ``search_site()``, used by the search page. Stories are
searched through their stored documents (``rumours.search.documents``): on
PostgreSQL the tsvector ``Article.search_document`` (GIN index), on SQLite
the FTS5 table ``rumours_article_search``. Players and clubs are matched by
name on both databases, clubs by their aliases too.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.lookups import In

from ..models import Article, Club, ClubAlias, Player
from .documents import SEARCH_CONFIG, SQLITE_MATCHES

MAX_QUERY_LENGTH = 200
# Each word is a phrase of the SQLite MATCH expression and a lexeme of the
# PostgreSQL query; past a dozen words a query finds nothing new.
MAX_TERMS = 12
# How many of the newest matching stories are ranked (see search_stories):
# five pages' worth; more costs time without better answers (bench/README.md).
RANKED_MATCHES = 100
# The site writes in English: the English configuration stems "bids" to
# "bid" and "enquired" to "enquir", so readers find a story whichever form
# they type, and drops stop words ("the", "about") that would only add noise.
# Proper names go through the same stemmer on both sides, so "Spurs" still
# finds "Spurs". "simple" would match only exact word forms. SQLite's FTS5
# table stems with Porter's English stemmer, without stop words.
# Characters around a word that are syntax, not part of a name.
_TERM_PUNCTUATION = "\"'“”‘’.,;:!?()[]{}<>"


@dataclass(frozen=True)
class SiteSearchResults:
    """What one search found; lists, so a template cannot run another query."""

    query: str
    stories: list = field(default_factory=list)
    players: list = field(default_factory=list)
    clubs: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.stories) + len(self.players) + len(self.clubs)


def clean_query(query):
    """Return ``query`` stripped, without NUL characters, and at most 200 long.

    PostgreSQL refuses NUL in a string, and a search box must never answer 500.
    """
    return (query or "").replace("\x00", " ").strip()[:MAX_QUERY_LENGTH].strip()


def query_terms(query):
    """Return the distinct words of ``query`` without surrounding punctuation."""
    terms = []
    for word in query.split():
        term = word.strip(_TERM_PUNCTUATION).lstrip("-")
        if term and term.casefold() not in {t.casefold() for t in terms}:
            terms.append(term)
    return terms[:MAX_TERMS]


def search_site(query: str, *, limit: int = 20) -> SiteSearchResults:
    """Return the published stories, players and clubs matching ``query``.

    Stories are ranked (best first, then newest); players and clubs come in
    name order. An empty query runs no SQL. Otherwise at most five queries
    whatever the data: stories, their clubs and their claims' sides (for the
    story cards), players, clubs. Joins through clubs, aliases and players
    sit in subqueries, so a story about two matching clubs is listed once.
    """
    query = clean_query(query)
    terms = query_terms(query)
    if not terms:
        return SiteSearchResults(query=query)
    limit = max(1, limit)
    return SiteSearchResults(
        query=query,
        stories=list(search_stories(query).for_cards(with_clubs=True)[:limit]),
        players=list(_players(terms)[:limit]),
        clubs=list(_clubs(terms)[:limit]),
    )


def search_stories(query):
    """Return the published stories matching ``query``, best first, then newest.

    One query. Ranking reads each candidate's whole document, too slow for
    every story that says "transfer" (``bench/README.md``). So only
    the newest ``RANKED_MATCHES`` matching stories are ranked: a reader
    sees the best of the recent ones for a common word, and every story
    for a rare one. The candidates come from the GIN index (a rare word)
    or from walking the stories newest first (a common one), as the
    planner judges.
    """
    query = clean_query(query)
    terms = query_terms(query)
    if not terms:
        return Article.objects.none()
    if connection.vendor == "postgresql":
        matches, rank = _postgresql_match(query)
    else:
        matches, rank = _sqlite_match(terms)
    newest = (
        Article.objects.published()
        .filter(matches)
        .order_by("-published_at", "-id")
        .values("pk")[:RANKED_MATCHES]
    )
    # The candidates went through published(); testing it again here would
    # make SQLite read its (status, published_at) index from end to end.
    return (
        Article.objects.filter(pk__in=newest)
        .annotate(rank=rank)
        .order_by("-rank", "-published_at", "-id")
    )


def stories_matching(query):
    """Return the condition "the story's document matches ``query``", or None.

    For any story, drafts included: the admin's search (#19) reads the same
    stored documents and indexes as the readers', never ``icontains`` over
    bodies. None when the query has no words.
    """
    terms = query_terms(clean_query(query))
    if not terms:
        return None
    if connection.vendor == "postgresql":
        return _postgresql_match(clean_query(query))[0]
    return _sqlite_match(terms)[0]


def _postgresql_match(query):
    """Return (condition, rank) of ``query`` on the stored tsvector.

    The condition reads the GIN index; the rank weighs headline (A) over
    standfirst and names (B) over body (C), as ``ts_rank`` does by default.
    """
    from django.contrib.postgres.search import SearchQuery, SearchRank

    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    return Q(search_document=search_query), SearchRank(
        F("search_document"), search_query
    )


def _sqlite_match(terms):
    """Return (condition, rank) of ``terms`` on SQLite's FTS5 table.

    Every term is quoted as an FTS5 phrase, so no input is read as query
    syntax; a term of punctuation alone is an empty phrase, which matches
    nothing on its own and is ignored beside others. Every term must match.
    The rank counts the terms found in the headline (two points) or the
    standfirst and names (one), each a set the database builds once: FTS5's
    bm25() would be read per story, one full-text query each (10 s for
    "transfer").
    """
    phrases = ['"{}"'.format(term.replace('"', '""')) for term in terms]
    rank = Value(0)
    for phrase in phrases:
        rank = (
            rank
            + Case(
                When(pk__in=_fts_rowids(f"headline : {phrase}"), then=Value(2)),
                default=Value(0),
            )
            + Case(
                When(pk__in=_fts_rowids(f"names : {phrase}"), then=Value(1)),
                default=Value(0),
            )
        )
    # "id + 0", not "id": given the id, SQLite fetches every matching story
    # by it and sorts them all; with an expression it walks the (status,
    # published_at) index newest first and stops at the hundredth match.
    matched = In(F("pk") + 0, _fts_rowids(" ".join(phrases)))
    return Q(matched), rank


def _fts_rowids(expression):
    """Return the ids of the stories the FTS5 ``expression`` matches, as SQL."""
    # No expression reads an FTS5 table; the SQL is constant, the user's
    # words are a parameter and quoted as phrases (see _sqlite_match).
    # nosemgrep: td-rawsql - constant SQL, the MATCH expression is a parameter
    return RawSQL(SQLITE_MATCHES, [expression])  # nosec B611 # constant SQL


def _players(terms):
    """Return players whose name contains every term, with their club."""
    players = Player.objects.named(terms).select_related("current_club")
    return players.order_by("name", "id")


def _clubs(terms):
    """Return clubs whose name, short name or an alias contains every term.

    Aliases are tested with EXISTS, so a club with two matching aliases is
    listed once.
    """
    clubs = Club.objects.select_related("competition")
    for term in terms:
        clubs = clubs.filter(
            Q(name__icontains=term)
            | Q(short_name__icontains=term)
            | Exists(
                ClubAlias.objects.filter(club=OuterRef("pk"), name__icontains=term)
            )
        )
    return clubs.order_by("name", "id")
