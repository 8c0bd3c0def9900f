"""Squad notes replace squad targets (#13): dated, sourced, with history.

Each target becomes a counted target note, dated by the story it came from
(when it has one; otherwise undated). Editors manage notes and reporters
read them, as they did targets. The reverse keeps the newest note of each
club and position that is a counted target.
"""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models


NOTE = tuple(f"{action}_squadnote" for action in ("add", "change", "delete", "view"))
ROLES = {"Reporter": ("view_squadnote",), "Editor": NOTE}
TARGET = tuple(
    f"{action}_squadtarget" for action in ("add", "change", "delete", "view")
)


def targets_to_notes(apps, schema_editor):
    target_model = apps.get_model("rumours", "SquadTarget")
    note_model = apps.get_model("rumours", "SquadNote")
    note_model.objects.bulk_create(
        note_model(
            club_id=target.club_id,
            position=target.position,
            kind="target",
            count=target.target_count,
            note=target.note,
            noted_on=target.article.published_at.date()
            if target.article and target.article.published_at
            else None,
            article_id=target.article_id,
        )
        for target in target_model.objects.select_related("article").order_by("pk")
    )


def grant(apps, schema_editor):
    """Give the roles the note permissions in place of the target ones."""
    # As in 0004: permissions are made after migrations run; make them now.
    app_config = apps.get_app_config("rumours")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    rumours = permission_model.objects.filter(content_type__app_label="rumours")
    for name, codenames in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.remove(*rumours.filter(codename__in=TARGET))
        group.permissions.add(*rumours.filter(codename__in=codenames))


def revoke(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    rumours = permission_model.objects.filter(content_type__app_label="rumours")
    for group in group_model.objects.filter(name__in=ROLES):
        group.permissions.remove(*rumours.filter(codename__in=NOTE))
        wanted = TARGET if group.name == "Editor" else ("view_squadtarget",)
        group.permissions.add(*rumours.filter(codename__in=wanted))


def notes_to_targets(apps, schema_editor):
    target_model = apps.get_model("rumours", "SquadTarget")
    note_model = apps.get_model("rumours", "SquadNote")
    newest = {}
    for note in note_model.objects.filter(kind="target").order_by(
        models.F("noted_on").asc(nulls_first=True), "pk"
    ):
        newest[(note.club_id, note.position)] = note
    target_model.objects.bulk_create(
        target_model(
            club_id=note.club_id,
            position=note.position,
            target_count=note.count,
            note=note.note,
            article_id=note.article_id,
        )
        for note in newest.values()
        if note.position in SPECIFIC
    )


SPECIFIC = ("GK", "RB", "CB", "LB", "DM", "CM", "AM", "RW", "LW", "ST")


class Migration(migrations.Migration):
    dependencies = [
        ("rumours", "0024_position_groups"),
    ]

    operations = [
        migrations.CreateModel(
            name="SquadNote",
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
                    "position",
                    models.CharField(
                        choices=[
                            ("GK", "Goalkeeper"),
                            ("DF", "Defender"),
                            ("WD", "Wide defender"),
                            ("RD", "Right-sided defender"),
                            ("RB", "Right-back"),
                            ("CB", "Centre-back"),
                            ("LD", "Left-sided defender"),
                            ("LB", "Left-back"),
                            ("MF", "Midfielder"),
                            ("DM", "Defensive midfielder"),
                            ("CM", "Central midfielder"),
                            ("AM", "Attacking midfielder"),
                            ("FW", "Forward"),
                            ("RW", "Right winger"),
                            ("LW", "Left winger"),
                            ("ST", "Striker"),
                        ],
                        help_text="As the story says it: “Centre-back”, or only “Defender”.",
                        max_length=2,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("target", "Target"),
                            ("need", "Need"),
                            ("surplus", "Surplus"),
                        ],
                        default="target",
                        max_length=10,
                    ),
                ),
                (
                    "count",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="How many (a target's specialists; the players needed or too many). Blank when the story gives no number; a target needs one.",
                        null=True,
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=255)),
                (
                    "noted_on",
                    models.DateField(
                        blank=True,
                        help_text="When it was said. Blank only for notes older than dates (#13).",
                        null=True,
                    ),
                ),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        help_text="The story it comes from.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="squad_notes",
                        to="rumours.article",
                    ),
                ),
                (
                    "club",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="squad_notes",
                        to="rumours.club",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        help_text="Who said it, when that is not (only) the story.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="squad_notes",
                        to="rumours.source",
                    ),
                ),
            ],
            options={
                "ordering": ["club__name", "position", "-noted_on", "-pk"],
            },
        ),
        migrations.AddConstraint(
            model_name="squadnote",
            constraint=models.UniqueConstraint(
                fields=("club", "position", "kind", "noted_on"),
                name="rumours_squadnote_one_a_day",
                violation_error_message="This club already has a note of this kind there on that date; change that one.",
            ),
        ),
        migrations.AddConstraint(
            model_name="squadnote",
            constraint=models.CheckConstraint(
                condition=models.Q(("count__gte", 0)),
                name="rumours_squadnote_count_not_negative",
                violation_error_message="A count cannot be negative.",
            ),
        ),
        migrations.AddConstraint(
            model_name="squadnote",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "target"), _negated=True),
                    ("count__isnull", False),
                    _connector="OR",
                ),
                name="rumours_squadnote_target_counted",
                violation_error_message="A target needs a count: how many players the club wants there.",
            ),
        ),
        migrations.AddConstraint(
            model_name="squadnote",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "position__in",
                        [
                            "GK",
                            "DF",
                            "WD",
                            "RD",
                            "RB",
                            "CB",
                            "LD",
                            "LB",
                            "MF",
                            "DM",
                            "CM",
                            "AM",
                            "FW",
                            "RW",
                            "LW",
                            "ST",
                        ],
                    )
                ),
                name="rumours_squadnote_position_valid",
                violation_error_message="Choose a position from the vocabulary.",
            ),
        ),
        migrations.AddConstraint(
            model_name="squadnote",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["target", "need", "surplus"])),
                name="rumours_squadnote_kind_valid",
                violation_error_message="Choose target, need or surplus.",
            ),
        ),
        migrations.RunPython(targets_to_notes, notes_to_targets),
        migrations.DeleteModel(
            name="SquadTarget",
        ),
        migrations.RunPython(grant, revoke),
    ]
