"""Site search across published stories, players and clubs (#3, #6).

One entry point, ``search_site()``, used by the search page. Stories are
searched through a stored, indexed document: on PostgreSQL the tsvector
``Article.search_document`` (GIN index), on SQLite the FTS5 table
``rumours_article_search`` (both from migration 0007). The document holds
the headline, the standfirst with the names of the story's clubs, their
aliases and its players, and the body, weighted in that order. Players and
clubs are matched by name on both databases, clubs by their aliases too.

The documents are kept current by ``refresh_search_documents()``: signals
call it when a story is saved, its clubs or players change, or a club,
alias or player is renamed (``connect_signals()``, from ``apps.ready``).
Bulk writers send no signals and call it themselves.
"""

import json
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.db.models.lookups import In

from .models import Article, Club, ClubAlias, Player

MAX_QUERY_LENGTH = 200
# Each word is a phrase of the SQLite MATCH expression and a lexeme of the
# PostgreSQL query; past a dozen words a query finds nothing new.
MAX_TERMS = 12
# How many of the newest matching stories are ranked (see search_stories):
# five pages' worth. On the bulk newsroom's PostgreSQL, 40 names searched
# took 3.5 ms (median; 8 ms p90) with 100, 3.4 (10) with 300, 4.7 (13) with
# 500: ranking reads each candidate's document.
RANKED_MATCHES = 100
# The site writes in English: the English configuration stems "bids" to
# "bid" and "enquired" to "enquir", so readers find a story whichever form
# they type, and drops stop words ("the", "about") that would only add noise.
# Proper names go through the same stemmer on both sides, so "Spurs" still
# finds "Spurs". "simple" would match only exact word forms. SQLite's FTS5
# table stems with Porter's English stemmer, without stop words.
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
    return SiteSearchResults(
        query=query,
        stories=list(search_stories(query).for_cards(with_clubs=True)[:limit]),
        players=list(_players(terms)[:limit]),
        clubs=list(_clubs(terms)[:limit]),
    )


def search_stories(query):
    """Return the published stories matching ``query``, best first, then newest.

    One query. Ranking reads each candidate's whole document: ranking all
    16,000 stories that say "transfer" took 120 ms on PostgreSQL. So only
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
    # by it and sorts them all (30 ms for "transfer", 16,000 stories, each
    # row read past its body); with an expression it walks the (status,
    # published_at) index newest first and stops at the hundredth match
    # (4 ms; 2.4 ms to walk all 20,000 when nothing matches).
    matched = In(F("pk") + 0, _fts_rowids(" ".join(phrases)))
    return Q(matched), rank


def _fts_rowids(expression):
    """Return the ids of the stories the FTS5 ``expression`` matches, as SQL."""
    # No expression reads an FTS5 table; the SQL is constant, the user's
    # words are a parameter and quoted as phrases (see _sqlite_match).
    # nosemgrep: td-rawsql - constant SQL, the MATCH expression is a parameter
    return RawSQL(_SQLITE_MATCHES, [expression])  # nosec B611 # constant SQL


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


# -- the stored documents ---------------------------------------------------


def search_document():
    """Return the expression of a story's document on PostgreSQL, per row.

    The headline (weight A), the standfirst and the names of the story's
    clubs, their aliases and its players (B), and the body (C). The names
    come from ARRAY(...) subqueries, one row per story, so nothing is
    duplicated by joins.
    """
    from django.contrib.postgres.expressions import ArraySubquery
    from django.contrib.postgres.search import SearchVector
    from django.db.models import Func

    def joined(queryset, *order):
        # In name order, not id order: the same names give the same document
        # whatever the ids, so an export and import restore it as it was.
        return Func(
            ArraySubquery(queryset.order_by(*order)),
            Value(" "),
            function="array_to_string",
            output_field=TextField(),
        )

    club_names = joined(
        Club.objects.filter(articles=OuterRef("pk")).values(
            text=Concat("name", Value(" "), "short_name", output_field=TextField())
        ),
        "name",
        "short_name",
    )
    alias_names = joined(
        ClubAlias.objects.filter(club__articles=OuterRef("pk")).values("name"),
        "name",
    )
    player_names = joined(
        Player.objects.filter(articles=OuterRef("pk")).values("name"), "name"
    )
    return (
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


# SQLite's FTS5 table, by article ids given as one JSON array (one parameter
# whatever their number): the same three parts as search_document().
_SQLITE_DELETE_ALL = "DELETE FROM rumours_article_search"
_SQLITE_DELETE = """
DELETE FROM rumours_article_search
 WHERE rowid IN (SELECT value FROM json_each(%s))
"""
_SQLITE_INSERT = """
INSERT INTO rumours_article_search (rowid, headline, names, body)
SELECT article.id, article.headline,
       article.standfirst
       || ' ' || coalesce((SELECT group_concat(club.name || ' ' || club.short_name, ' ')
                             FROM rumours_club AS club
                             JOIN rumours_article_clubs AS link
                               ON link.club_id = club.id
                            WHERE link.article_id = article.id), '')
       || ' ' || coalesce((SELECT group_concat(alias.name, ' ')
                             FROM rumours_clubalias AS alias
                             JOIN rumours_article_clubs AS link
                               ON link.club_id = alias.club_id
                            WHERE link.article_id = article.id), '')
       || ' ' || coalesce((SELECT group_concat(player.name, ' ')
                             FROM rumours_player AS player
                             JOIN rumours_article_players AS link
                               ON link.player_id = player.id
                            WHERE link.article_id = article.id), ''),
       article.body
  FROM rumours_article AS article
 WHERE article.id IN (SELECT value FROM json_each(%s))
"""
_SQLITE_MATCHES = (
    "SELECT rowid FROM rumours_article_search WHERE rumours_article_search MATCH %s"
)


def refresh_search_documents(article_ids=None):
    """Rebuild the search documents of ``article_ids`` (any iterable), or all.

    Call it after a write that sends no signal: ``bulk_create``,
    ``bulk_update``, ``QuerySet.update()`` of a headline, standfirst, body or
    a name, or links written through the m2m tables directly. Ids of deleted
    stories are fine (their SQLite rows go). One UPDATE on PostgreSQL, a
    DELETE and an INSERT on SQLite (and a read of the ids, for all); no
    query for an empty list. Other
    databases have no stored documents: nothing happens.
    """
    if article_ids is not None:
        article_ids = list(article_ids)
        if not article_ids:
            return
    if connection.vendor == "postgresql":
        articles = Article.objects.all()
        if article_ids is not None:
            articles = articles.filter(pk__in=article_ids)
        articles.update(search_document=search_document())
    elif connection.vendor == "sqlite":
        _refresh_sqlite(article_ids)


def _refresh_sqlite(article_ids):
    with connection.cursor() as cursor:
        if article_ids is None:
            cursor.execute(_SQLITE_DELETE_ALL)
            article_ids = list(Article.objects.values_list("pk", flat=True))
        else:
            cursor.execute(_SQLITE_DELETE, [json.dumps(article_ids)])
        cursor.execute(_SQLITE_INSERT, [json.dumps(article_ids)])


# -- keeping them current -----------------------------------------------------

# Of each model, the fields the search documents are made of (an alias's
# club too: moving an alias changes two clubs' stories).
_STORY_FIELDS = {"headline", "standfirst", "body"}
_NAME_FIELDS = {
    Club: ("name", "short_name"),
    ClubAlias: ("name", "club_id"),
    Player: ("name",),
}


def connect_signals():
    """Refresh the documents a save, delete or link change affects (apps.ready).

    One UPDATE (PostgreSQL) or DELETE and INSERT (SQLite) per change, plus
    one query to read the old names when a club, alias or player is saved.
    """
    from django.db.models.signals import (
        m2m_changed,
        post_delete,
        post_save,
        pre_delete,
        pre_save,
    )

    uid = "rumours.search"
    post_save.connect(_story_saved, sender=Article, dispatch_uid=uid)
    post_delete.connect(_story_deleted, sender=Article, dispatch_uid=uid)
    for through in (Article.clubs.through, Article.players.through):
        m2m_changed.connect(_subjects_changed, sender=through, dispatch_uid=uid)
    for model in (Club, Player, ClubAlias):
        pre_save.connect(_names_saving, sender=model, dispatch_uid=uid)
        post_save.connect(_names_saved, sender=model, dispatch_uid=uid)
        pre_delete.connect(_names_deleting, sender=model, dispatch_uid=uid)
        post_delete.connect(_names_deleted, sender=model, dispatch_uid=uid)


def _story_saved(sender, instance, update_fields=None, **kwargs):
    # A save of other fields only (a status, a version) changes no document.
    if update_fields is None or _STORY_FIELDS & set(update_fields):
        refresh_search_documents([instance.pk])


def _story_deleted(sender, instance, **kwargs):
    refresh_search_documents([instance.pk])


def _subjects_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Refresh the stories whose clubs or players were added or removed.

    ``article.clubs.add()`` names the story (``instance``); ``club.articles``
    ``.add()`` names the stories in ``pk_set``, and ``club.articles.clear()``
    none at all, so those are read before the clear.
    """
    if action == "pre_clear" and reverse:
        instance._search_story_ids = list(
            sender.objects.filter(
                **{f"{instance._meta.model_name}_id": instance.pk}
            ).values_list("article_id", flat=True)
        )
    elif action == "post_clear":
        ids = (
            instance.__dict__.pop("_search_story_ids", []) if reverse else [instance.pk]
        )
        refresh_search_documents(ids)
    elif action in ("post_add", "post_remove") and pk_set:
        refresh_search_documents(pk_set if reverse else [instance.pk])


def _stories_about(instance, club_id=None):
    """Return the stories ``instance`` (a club, alias or player) is in."""
    if isinstance(instance, Player):
        return Article.objects.about_players([instance.pk])
    if isinstance(instance, ClubAlias):
        return Article.objects.about_clubs({instance.club_id, club_id} - {None})
    return Article.objects.about_clubs([instance.pk])


def _names_saving(sender, instance, update_fields=None, **kwargs):
    """Note on ``instance`` whether its save changes names stories show.

    A new club or player is in no story yet; a new alias is in its club's.
    """
    fields = _NAME_FIELDS[sender]
    instance._search_stored = None
    if instance._state.adding:
        if sender is ClubAlias:
            instance._search_stored = {"club_id": None}
    elif update_fields is None or set(fields) & set(update_fields):
        stored = sender._base_manager.filter(pk=instance.pk).values(*fields).first()
        if stored and any(stored[name] != getattr(instance, name) for name in fields):
            instance._search_stored = stored


def _names_saved(sender, instance, **kwargs):
    stored = instance.__dict__.pop("_search_stored", None)
    if stored is not None:
        stories = _stories_about(instance, club_id=stored.get("club_id"))
        refresh_search_documents(stories.values_list("pk", flat=True))


def _names_deleting(sender, instance, **kwargs):
    # The links to a deleted club or player go by cascade, without a signal.
    instance._search_story_ids = list(
        _stories_about(instance).values_list("pk", flat=True)
    )


def _names_deleted(sender, instance, **kwargs):
    refresh_search_documents(instance.__dict__.pop("_search_story_ids", []))
