"""Create the desk's roles as groups: Reporter and Editor (#5).

What each may do is in ``rumours/roles.py``; this copies it so the migration
keeps working when that module changes.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODEL_PERMISSIONS = ("add", "change", "delete", "view")
REPORTER = (
    *(f"rumours.{action}_article" for action in MODEL_PERMISSIONS),
    *(f"rumours.{action}_transferclaim" for action in MODEL_PERMISSIONS),
    "rumours.add_source",
    "rumours.change_source",
    "rumours.view_source",
    "rumours.view_club",
    "rumours.view_clubalias",
    "rumours.view_player",
    "rumours.view_competition",
    "rumours.view_squadtarget",
    "rumours.view_correction",
)
EDITOR_MODELS = (
    "article",
    "transferclaim",
    "correction",
    "source",
    "club",
    "clubalias",
    "player",
    "competition",
    "squadtarget",
)
EDITOR = (
    *(
        f"rumours.{action}_{model}"
        for model in EDITOR_MODELS
        for action in MODEL_PERMISSIONS
    ),
    "rumours.view_tombstone",
    "rumours.publish_article",
    "rumours.resolve_transferclaim",
    "rumours.set_source_tier",
    "auth.view_user",
)
ROLES = {"Reporter": REPORTER, "Editor": EDITOR}


def create_roles(apps, schema_editor):
    # Permissions are made after migrations run; make them now so a fresh
    # database gets complete groups.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, permissions in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=name)
        wanted = [permission.split(".") for permission in permissions]
        found = [
            permission_model.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            for app_label, codename in wanted
        ]
        group.permissions.add(*found)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rumours", "0003_editorial_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
