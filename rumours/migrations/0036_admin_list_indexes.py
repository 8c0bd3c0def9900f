"""#19: the admin's lists at archive size read a page of an index, not the table.

- every amount in its order (``position, id``): the amounts' list sorted all
  40,000 amounts of the bulk newsroom, joined to their claims, to show 100;
- the claims resolved since a day (``resolved_at``): the dashboard counted
  and listed this week's by reading all 100,000 claims;
- every story in the model's order, ``published_at DESC NULLS LAST, id
  DESC``, drafts included: the stories' list sorted all 20,000 stories. As
  migration 0006's index of the published ones, PostgreSQL's only (SQLite
  cannot index NULLS LAST), so it lives here rather than in the model.
"""

from importlib import import_module

from django.db import migrations, models

# 0006's helper: the statement runs on PostgreSQL only.
on_postgresql = import_module(
    "rumours.migrations.0006_article_listing_index"
).on_postgresql

CREATE = (
    "CREATE INDEX IF NOT EXISTS rumours_article_admin_order_idx ON rumours_article "
    "(published_at DESC NULLS LAST, id DESC)"
)
DROP = "DROP INDEX IF EXISTS rumours_article_admin_order_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("rumours", "0035_market_standings"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="claimamount",
            index=models.Index(
                fields=["position", "id"], name="rumours_amount_order_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="transferclaim",
            index=models.Index(fields=["resolved_at"], name="rumours_claim_resolved_idx"),
        ),
        migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP)),
    ]
