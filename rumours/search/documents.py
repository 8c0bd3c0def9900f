"""The stored search documents of stories, and rebuilding them (#6).

A story's document holds its headline, its standfirst with the names of its
clubs, their aliases and its players, and its body, weighted in that order:
on PostgreSQL the tsvector ``Article.search_document`` (GIN index), on
SQLite the FTS5 table ``rumours_article_search`` (both from migration 0007).
``rumours.search.signals`` keeps them current.
"""

import json

from django.db import connection
from django.db.models import (
    OuterRef,
    TextField,
    Value,
)
from django.db.models.functions import Concat

from ..models import Article, Club, ClubAlias, Player

# The site writes in English: the English configuration stems "bids" to
# "bid" and "enquired" to "enquir", so readers find a story whichever form
# they type, and drops stop words ("the", "about") that would only add noise.
# Proper names go through the same stemmer on both sides, so "Spurs" still
# finds "Spurs". "simple" would match only exact word forms. SQLite's FTS5
# table stems with Porter's English stemmer, without stop words.
SEARCH_CONFIG = "english"


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
SQLITE_MATCHES = (
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
