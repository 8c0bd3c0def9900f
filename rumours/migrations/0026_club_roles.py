"""Club roles with dates replace the head coach string (#13).

Each club's head coach becomes a head-coach role with no dates (the string
had none). Editors manage roles; reporters read them.
"""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

ROLE = tuple(f"{action}_clubrole" for action in ("add", "change", "delete", "view"))
ROLES = {"Reporter": ("view_clubrole",), "Editor": ROLE}


def coaches_to_roles(apps, schema_editor):
    club_model = apps.get_model("rumours", "Club")
    role_model = apps.get_model("rumours", "ClubRole")
    role_model.objects.bulk_create(
        role_model(club_id=club.pk, role="head_coach", name=club.head_coach)
        for club in club_model.objects.exclude(head_coach="").order_by("pk")
    )


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
                content_type__app_label="rumours", codename__in=ROLE
            )
        )


def roles_to_coaches(apps, schema_editor):
    """Keep the head coach with no end date who started last (undated first)."""
    club_model = apps.get_model("rumours", "Club")
    roles = apps.get_model("rumours", "ClubRole").objects.filter(
        role="head_coach", ended_on__isnull=True
    )
    for role in roles.order_by(models.F("started_on").asc(nulls_first=True), "pk"):
        club_model.objects.filter(pk=role.club_id).update(head_coach=role.name)


class Migration(migrations.Migration):
    dependencies = [
        ("rumours", "0025_squad_notes"),
    ]

    operations = [
        migrations.CreateModel(
            name="ClubRole",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("head_coach", "Head coach"),
                            ("sporting_director", "Sporting director"),
                            ("technical_director", "Technical director"),
                            ("president", "President"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="The person, as stories name them.", max_length=120
                    ),
                ),
                (
                    "started_on",
                    models.DateField(
                        blank=True, help_text="Blank if unknown.", null=True
                    ),
                ),
                (
                    "ended_on",
                    models.DateField(
                        blank=True,
                        help_text="Blank while in post, or if unknown.",
                        null=True,
                    ),
                ),
                (
                    "club",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="roles",
                        to="rumours.club",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        help_text="The same person as a source of kind club official, if quoted.",
                        limit_choices_to={"kind": "club_official"},
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="club_roles",
                        to="rumours.source",
                    ),
                ),
            ],
            options={
                "ordering": ["club__name", "role", "-started_on", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "role__in",
                                [
                                    "head_coach",
                                    "sporting_director",
                                    "technical_director",
                                    "president",
                                ],
                            )
                        ),
                        name="rumours_clubrole_role_valid",
                        violation_error_message="Choose a known club role.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("started_on__isnull", True),
                            ("ended_on__isnull", True),
                            ("ended_on__gte", models.F("started_on")),
                            _connector="OR",
                        ),
                        name="rumours_clubrole_dates_in_order",
                        violation_error_message="A role cannot end before it starts.",
                    ),
                    models.UniqueConstraint(
                        fields=("club", "role", "name", "started_on"),
                        name="rumours_clubrole_once",
                        violation_error_message="This person already holds this role at the club from that date.",
                    ),
                ],
            },
        ),
        migrations.RunPython(coaches_to_roles, roles_to_coaches),
        migrations.RemoveField(
            model_name="club",
            name="head_coach",
        ),
        migrations.RemoveField(
            model_name="historicalclub",
            name="head_coach",
        ),
        migrations.RunPython(grant, revoke),
    ]
