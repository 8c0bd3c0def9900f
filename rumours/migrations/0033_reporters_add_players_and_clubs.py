"""Let reporters add players and clubs (#14): a draft no longer stalls on a name.

Accepting a proposal that names a player or club new to the newsroom
creates it; reporters may now do that (they still cannot change or delete
existing ones). Copies ``rumours/models/roles.py`` as 0004 does.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADDED = ("add_player", "add_club")


def grant(apps, schema_editor):
    # As in 0004: permissions are made after migrations run; make them now.
    app_config = apps.get_app_config("rumours")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name="Reporter")
    group.permissions.add(
        *apps.get_model("auth", "Permission").objects.filter(
            content_type__app_label="rumours", codename__in=ADDED
        )
    )


def revoke(apps, schema_editor):
    permission_model = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Reporter"):
        group.permissions.remove(
            *permission_model.objects.filter(
                content_type__app_label="rumours", codename__in=ADDED
            )
        )


class Migration(migrations.Migration):
    dependencies = [("rumours", "0032_claim_evidence")]

    operations = [migrations.RunPython(grant, revoke)]
