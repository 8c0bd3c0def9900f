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
INDEX = (
    "CREATE INDEX IF NOT EXISTS rumours_player_name_trgm_idx ON rumours_player "
    "USING gin ((UPPER(name::text)) gin_trgm_ops)"
)
DROP_INDEX = "DROP INDEX IF EXISTS rumours_player_name_trgm_idx"


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("rumours", "0008_open_claim_indexes"),
    ]

    # Not TrigramExtension(): going back, it looks for the extension on
    # SQLite too. Going back leaves the extension, which a DBA may have
    # created for other uses.
    operations = [
        migrations.RunPython(on_postgresql(EXTENSION), migrations.RunPython.noop),
        migrations.RunPython(on_postgresql(INDEX), on_postgresql(DROP_INDEX)),
    ]
