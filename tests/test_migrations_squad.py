"""The data migrations of #13's squad work: dated notes and club roles."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("rumours", "0024_position_groups")
AFTER = ("rumours", "0025_squad_notes")
ROLES = ("rumours", "0026_club_roles")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.fixture
def at_0030():
    apps = migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_each_target_becomes_a_counted_target_dated_by_its_story(at_0030):
    club = at_0030.get_model("rumours", "Club").objects.create(
        name="Old FC", slug="old"
    )
    article = at_0030.get_model("rumours", "Article").objects.create(
        headline="Old story",
        slug="old-story",
        published_at=dt.datetime(2025, 8, 2, 9, tzinfo=dt.UTC),
    )
    target_model = at_0030.get_model("rumours", "SquadTarget")
    target_model.objects.create(
        club=club, position="CB", target_count=4, note="Four.", article=article
    )
    target_model.objects.create(club=club, position="ST", target_count=2)

    apps = migrate(AFTER)

    notes = apps.get_model("rumours", "SquadNote").objects.order_by("position")
    assert [
        (n.position, n.kind, n.count, n.note, n.noted_on, n.article_id) for n in notes
    ] == [
        ("CB", "target", 4, "Four.", dt.date(2025, 8, 2), article.pk),
        ("ST", "target", 2, "", None, None),
    ]


@pytest.mark.django_db(transaction=True)
def test_editors_manage_notes_and_reporters_read_them(at_0030):
    apps = migrate(AFTER)

    groups = apps.get_model("auth", "Group").objects
    editor = groups.get(name="Editor").permissions.values_list("codename", flat=True)
    reporter = groups.get(name="Reporter").permissions.values_list(
        "codename", flat=True
    )
    assert {"add_squadnote", "change_squadnote", "delete_squadnote"} <= set(editor)
    assert "view_squadnote" in set(reporter)
    assert "change_squadnote" not in set(reporter)


@pytest.mark.django_db(transaction=True)
def test_a_head_coach_string_becomes_an_undated_head_coach_role(at_0030):
    apps = migrate(AFTER)
    club_model = apps.get_model("rumours", "Club")
    club_model.objects.create(name="Coached FC", slug="coached", head_coach="Sam")
    club_model.objects.create(name="Bare FC", slug="bare", head_coach="")

    apps = migrate(ROLES)

    roles = apps.get_model("rumours", "ClubRole").objects.all()
    assert [(r.club.slug, r.role, r.name, r.started_on, r.ended_on) for r in roles] == [
        ("coached", "head_coach", "Sam", None, None)
    ]
