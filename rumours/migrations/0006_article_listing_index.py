"""#6: the home page's order, newest published story first, as an index.

The home page lists published stories in the model's order,
``published_at DESC NULLS LAST, id DESC``, which the (status, published_at)
index cannot give on PostgreSQL: it sorted all 19,000 published stories of
the bulk newsroom to show ten (15 ms; 0.06 ms with this index). SQLite
cannot index NULLS LAST, and does not need to (it reads the (status,
published_at) index), so the index is PostgreSQL's only and lives here
rather than in ``Article.Meta.indexes``.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS rumours_article_listing_idx ON rumours_article "
    "(published_at DESC NULLS LAST, id DESC) WHERE status = 'published'"
)
DROP = "DROP INDEX IF EXISTS rumours_article_listing_idx"


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("rumours", "0005_feed_and_page_indexes")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
