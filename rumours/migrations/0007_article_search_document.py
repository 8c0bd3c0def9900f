"""#6: a stored search document per story, indexed, on both databases.

PostgreSQL: ``Article.search_document``, a tsvector, with a GIN index. The
search built the vector of every published story on every query (4 s on the
bulk newsroom); it now reads the stored one through the index.

SQLite: the column stays empty (SQLite has no tsvector); an FTS5 table,
``rumours_article_search``, keyed by the article id (its rowid), holds the
headline, the names (standfirst and the names of the story's clubs, their
aliases and its players) and the body, with the ``porter`` stemmer so that
"bids" finds "bid" as PostgreSQL's English configuration does.

Both are filled here for the rows that exist, with a frozen copy of what
``rumours.search.refresh_search_documents()`` does, so that this migration
keeps working whatever that function becomes. On PostgreSQL the fill
rewrites every story: where autovacuum is off, ``VACUUM ANALYZE
rumours_article`` afterwards.
"""

import django.contrib.postgres.search
from django.db import migrations

POSTGRESQL_INDEX = (
    "CREATE INDEX IF NOT EXISTS rumours_article_search_idx ON rumours_article "
    "USING gin (search_document)"
)
POSTGRESQL_DROP_INDEX = "DROP INDEX IF EXISTS rumours_article_search_idx"
# The planner estimates how many stories a word is in from the column's
# statistics (most common lexemes); without them it guesses.
POSTGRESQL_ANALYZE = "ANALYZE rumours_article"
POSTGRESQL_FILL = """
UPDATE rumours_article AS article SET search_document =
    setweight(to_tsvector('english', coalesce(article.headline, '')), 'A')
    || setweight(to_tsvector('english', concat_ws(' ',
        article.standfirst,
        (SELECT string_agg(club.name || ' ' || club.short_name, ' '
                           ORDER BY club.name, club.short_name)
           FROM rumours_club AS club
           JOIN rumours_article_clubs AS link ON link.club_id = club.id
          WHERE link.article_id = article.id),
        (SELECT string_agg(alias.name, ' ' ORDER BY alias.name)
           FROM rumours_clubalias AS alias
           JOIN rumours_article_clubs AS link ON link.club_id = alias.club_id
          WHERE link.article_id = article.id),
        (SELECT string_agg(player.name, ' ' ORDER BY player.name)
           FROM rumours_player AS player
           JOIN rumours_article_players AS link ON link.player_id = player.id
          WHERE link.article_id = article.id)
    )), 'B')
    || setweight(to_tsvector('english', coalesce(article.body, '')), 'C')
"""

SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS rumours_article_search USING fts5("
    "headline, names, body, tokenize = 'porter unicode61')"
)
SQLITE_DROP_TABLE = "DROP TABLE IF EXISTS rumours_article_search"
SQLITE_FILL = """
INSERT INTO rumours_article_search (rowid, headline, names, body)
SELECT article.id, article.headline,
       article.standfirst
       || ' ' || coalesce((SELECT group_concat(club.name || ' ' || club.short_name, ' ')
                             FROM rumours_club AS club
                             JOIN rumours_article_clubs AS link ON link.club_id = club.id
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
"""


def create_search(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FILL)
        schema_editor.execute(POSTGRESQL_INDEX)
        schema_editor.execute(POSTGRESQL_ANALYZE)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_TABLE)
        schema_editor.execute(SQLITE_FILL)


def drop_search(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_DROP_INDEX)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP_TABLE)


class Migration(migrations.Migration):
    dependencies = [("rumours", "0006_article_listing_index")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        migrations.RunPython(create_search, drop_search),
    ]
