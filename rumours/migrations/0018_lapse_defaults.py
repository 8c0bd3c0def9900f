"""Seed each stage's lapse window (#13) and let editors change them.

The windows are written here, not imported, so the migration keeps working
when the defaults change. Editors own the windows; reporters may read them.
Completed moves have no window: they never lapse.
"""

import datetime as dt

from django.contrib.auth.management import create_permissions
from django.db import migrations

DAYS = {
    "interest": 60,
    "enquiry": 45,
    "bid": 21,
    "bid_rejected": 30,
    "negotiation": 30,
    "personal_terms_agreed": 30,
    "fee_agreed": 21,
    "medical": 7,
    "denied": 60,
    "blocked": 60,
    "wants_to_leave": 90,
    "contract_extension": 60,
}
WINDOW = tuple(f"{action}_lapsewindow" for action in ("add", "change", "delete", "view"))
ROLES = {"Reporter": ("view_lapsewindow",), "Editor": WINDOW}


def seed(apps, schema_editor):
    window_model = apps.get_model("rumours", "LapseWindow")
    for claim_type, days in DAYS.items():
        window_model.objects.get_or_create(
            claim_type=claim_type, defaults={"window": dt.timedelta(days=days)}
        )
    # As in 0004: permissions are made after migrations run; make them now.
    app_config = apps.get_app_config("rumours")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.add(
            *permission_model.objects.filter(
                content_type__app_label="rumours", codename__in=codenames
            )
        )


def unseed(apps, schema_editor):
    apps.get_model("rumours", "LapseWindow").objects.all().delete()
    permission_model = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(
            *permission_model.objects.filter(
                content_type__app_label="rumours", codename__in=WINDOW
            )
        )


class Migration(migrations.Migration):
    dependencies = [("rumours", "0017_lapse_windows")]

    operations = [migrations.RunPython(seed, unseed)]
