"""#6: players found by any part of their name through an index, on PostgreSQL.

Site search and the admin find players with ``name__icontains``, which
PostgreSQL runs as ``UPPER(name::text) LIKE UPPER('%...%')``: a sequential
scan of every player (3 ms for 12,000). A trigram GIN index on that same
expression serves it. ``pg_trgm`` ships with PostgreSQL and is a trusted
extension (PostgreSQL 13 and later), so the database's owner may create it;
docs/deploy.md says so. SQLite needs nothing: the index and the extension
are PostgreSQL's alone, so the index lives in this migration, not in
``Player.Meta.indexes``.
"""

from django.db import migrations

EXTENSION = "CREATE EXTENSION IF NOT EXISTS pg_trgm"
# The extension's schema, so that the index is made whatever the search_path
# (a database whose tables live in another schema than the extension's).
EXTENSION_SCHEMA = (
    "SELECT nspname FROM pg_namespace JOIN pg_extension "
    "ON pg_extension.extnamespace = pg_namespace.oid WHERE extname = 'pg_trgm'"
)
INDEX = (
    "CREATE INDEX IF NOT EXISTS rumours_player_name_trgm_idx ON rumours_player "
    "USING gin ((UPPER(name::text)) {schema}.gin_trgm_ops)"
)
DROP_INDEX = "DROP INDEX IF EXISTS rumours_player_name_trgm_idx"


def create_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from psycopg import sql

    schema_editor.execute(EXTENSION)
    with connection.cursor() as cursor:
        cursor.execute(EXTENSION_SCHEMA)
        (schema,) = cursor.fetchone()
    # The schema's name is quoted as an identifier by psycopg.
    index = sql.SQL(INDEX).format(schema=sql.Identifier(schema))
    schema_editor.execute(index.as_string(connection.connection))


def drop_index(apps, schema_editor):
    # The extension stays: a DBA may have created it for other uses.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("rumours", "0008_open_claim_indexes"),
    ]

    # Not TrigramExtension(): going back, it looks for the extension on
    # SQLite too.
    operations = [migrations.RunPython(create_index, drop_index)]
