"""Seed the lapse windows of the claim kinds added in 0019 (#13).

A release clause is a term of a contract, not news that goes stale: it has
no window, like a completed move. Editors may change any of them.
"""

import datetime as dt

from django.db import migrations

DAYS = {
    "asking_price": 60,
    "player_rejects": 60,
    "willing_to_sell": 90,
    "transfer_listed": 120,
    "contract_talks": 60,
    "contract_offer": 45,
    "refuses_to_renew": 120,
    "not_confirmed": 21,
}


def seed(apps, schema_editor):
    window_model = apps.get_model("rumours", "LapseWindow")
    for claim_type, days in DAYS.items():
        window_model.objects.get_or_create(
            claim_type=claim_type, defaults={"window": dt.timedelta(days=days)}
        )


def unseed(apps, schema_editor):
    apps.get_model("rumours", "LapseWindow").objects.filter(
        claim_type__in=DAYS
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("rumours", "0019_claim_parties_and_kinds")]

    operations = [migrations.RunPython(seed, unseed)]
