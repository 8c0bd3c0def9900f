"""Give the desk's roles the claims' amounts (#13): both may enter fees and prices.

Copies ``rumours/models/roles.py`` as 0004 does, so the migration keeps
working when that module changes.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

AMOUNT = tuple(
    f"{action}_claimamount" for action in ("add", "change", "delete", "view")
)
ROLES = {"Reporter": AMOUNT, "Editor": AMOUNT}


def grant(apps, schema_editor):
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


def revoke(apps, schema_editor):
    permission_model = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(
            *permission_model.objects.filter(
                content_type__app_label="rumours", codename__in=AMOUNT
            )
        )


class Migration(migrations.Migration):
    dependencies = [("rumours", "0021_claim_amounts")]

    operations = [migrations.RunPython(grant, revoke)]
