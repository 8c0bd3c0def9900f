"""Site search across published stories, players and clubs (#3).

One entry point, ``search_site()``, used by the search page. On PostgreSQL
stories go through full-text search; elsewhere (SQLite in development and
CI) through a fallback where every word must appear somewhere in the story
or in the names of the clubs and players it is about. Players and clubs are
matched by name on both databases, clubs by their aliases too.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat

from .models import Article, Club, ClubAlias, Player

MAX_QUERY_LENGTH = 200
# Each word adds a handful of conditions to the fallback's SQL; a 200-character
# query of one-letter words must not build a statement SQLite refuses.
MAX_TERMS = 12
# The site writes in English: the English configuration stems "bids" to
# "bid" and "enquired" to "enquir", so readers find a story whichever form
# they type, and drops stop words ("the", "about") that would only add noise.
# Proper names go through the same stemmer on both sides, so "Spurs" still
# finds "Spurs". "simple" would match only exact word forms.
SEARCH_CONFIG = "english"
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
    name order. An empty query runs no SQL. Otherwise at most four queries
    whatever the data: stories, their clubs (for the story cards), players,
    clubs. Joins through clubs, aliases and players sit in subqueries, so
    a story about two matching clubs is listed once.
    """
    query = clean_query(query)
    terms = query_terms(query)
    if not terms:
        return SiteSearchResults(query=query)
    limit = max(1, limit)
    if connection.vendor == "postgresql":
        stories = _postgresql_stories(query)
    else:
        stories = _fallback_stories(terms)
    return SiteSearchResults(
        query=query,
        stories=list(stories.for_listing()[:limit]),
        players=list(_players(terms)[:limit]),
        clubs=list(_clubs(terms)[:limit]),
    )


def _postgresql_stories(query):
    """Return published stories matching ``query`` by full-text search, ranked.

    The document is the headline (weight A), the standfirst and the names of
    the story's clubs, their aliases and its players (B), and the body (C).
    The names come from ARRAY(...) subqueries, one row per story, so nothing
    is duplicated and the rank is not multiplied by joins. No index: the
    document spans three tables, and a newsroom's published stories are
    searched in milliseconds; a stored, trigger-maintained vector is the next
    step if that changes.
    """
    from django.contrib.postgres.expressions import ArraySubquery
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
    from django.db.models import Func

    def joined(queryset):
        return Func(
            ArraySubquery(queryset.order_by()),
            Value(" "),
            function="array_to_string",
            output_field=TextField(),
        )

    club_names = joined(
        Club.objects.filter(articles=OuterRef("pk")).values(
            text=Concat("name", Value(" "), "short_name", output_field=TextField())
        )
    )
    alias_names = joined(
        ClubAlias.objects.filter(club__articles=OuterRef("pk")).values("name")
    )
    player_names = joined(Player.objects.filter(articles=OuterRef("pk")).values("name"))
    document = (
        SearchVector("headline", weight="A", config=SEARCH_CONFIG)
        + SearchVector(
            "standfirst",
            club_names,
            alias_names,
            player_names,
            weight="B",
            config=SEARCH_CONFIG,
        )
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )
    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    return (
        Article.objects.published()
        .alias(document=document)
        .filter(document=search_query)
        .annotate(rank=SearchRank(F("document"), search_query))
        .order_by("-rank", "-published_at", "-id")
    )


def _fallback_stories(terms):
    """Return published stories where every term appears, ranked.

    A term may appear in the headline, standfirst or body, or in the name,
    short name or an alias of a club the story is about, or a player's name.
    Relations are tested with EXISTS, so no row is duplicated. The rank
    counts the terms found in the headline (two points) or standfirst (one).
    """
    stories = Article.objects.published()
    rank = Value(0)
    for term in terms:
        club_matches = Club.objects.filter(articles=OuterRef("pk")).filter(
            Q(name__icontains=term)
            | Q(short_name__icontains=term)
            | Exists(
                ClubAlias.objects.filter(club=OuterRef("pk"), name__icontains=term)
            )
        )
        player_matches = Player.objects.filter(
            articles=OuterRef("pk"), name__icontains=term
        )
        stories = stories.filter(
            Q(headline__icontains=term)
            | Q(standfirst__icontains=term)
            | Q(body__icontains=term)
            | Exists(club_matches)
            | Exists(player_matches)
        )
        rank = rank + Case(
            When(headline__icontains=term, then=Value(2)),
            When(standfirst__icontains=term, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return stories.annotate(rank=rank).order_by("-rank", "-published_at", "-id")


def _players(terms):
    """Return players whose name contains every term, with their club."""
    players = Player.objects.select_related("current_club")
    for term in terms:
        players = players.filter(name__icontains=term)
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
