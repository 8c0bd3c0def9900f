"""R24: a backup of the newsroom gives back every row, drafts included.

Two kinds of backup. The interchange (export with images, empty the
database, import) is compared on what it carries: every row as a tuple of its
values, foreign keys replaced by natural keys (slugs, usernames), since ids,
timestamps of the rows' creation, the server-made image file names and
account secrets are made afresh. The database's own backup (pg_dump and
pg_restore on PostgreSQL, the sqlite3 backup API on SQLite) is compared on
everything, ids included, table by table.
"""

import datetime as dt
import hashlib
import os
import sqlite3
import subprocess
import uuid
from contextlib import closing

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import FileField
from psycopg import sql
from psycopg.types.string import TextLoader

from rumours.models import (
    Article,
    Club,
    ClubAlias,
    ClubRole,
    Competition,
    Player,
    Source,
    SquadNote,
    TransferClaim,
)
from rumours.services.interchange import (
    dump_newsroom,
    export_newsroom,
    import_newsroom,
    load_newsroom_file,
)

from .test_interchange import empty_newsroom, make_varied_newsroom

pytestmark = pytest.mark.django_db

User = get_user_model()
NEWSROOM_MODELS = [
    Competition,
    Club,
    ClubAlias,
    ClubRole,
    Player,
    Source,
    Article,
    Article.clubs.through,
    Article.players.through,
    TransferClaim,
    SquadNote,
    User,
]
NATURAL_KEYS = {
    Competition: "slug",
    Club: "slug",
    Player: "slug",
    Source: "slug",
    Article: "slug",
    User: "username",
}
# What the interchange does not carry: made afresh on import, or secret.
NOT_CARRIED = {
    "id",
    "created_at",
    "updated_at",
    "password",
    "email",
    "last_login",
    "date_joined",
}


def fingerprint(lines):
    """Return (count, hash) of rows given as text, whatever their order."""
    lines = sorted(lines)
    return len(lines), hashlib.sha256("\n".join(lines).encode()).hexdigest()


def plain(value):
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).isoformat()
    return value


def newsroom_content():
    """Return (row count, content hash) per model, with natural keys, not ids."""
    natural = {
        model: dict(model.objects.values_list("pk", field))
        for model, field in NATURAL_KEYS.items()
    }
    content = {}
    for model in NEWSROOM_MODELS:
        fields = [f for f in model._meta.concrete_fields if f.name not in NOT_CARRIED]
        lines = []
        for values in model.objects.values_list(*(f.attname for f in fields)):
            row = []
            for model_field, value in zip(fields, values, strict=True):
                if model_field.is_relation and value is not None:
                    value = natural[model_field.related_model][value]
                elif isinstance(model_field, FileField):
                    value = bool(value)  # the stored name is made by the server
                row.append(plain(value))
            lines.append(repr(tuple(row)))
        content[model._meta.label] = fingerprint(lines)
    return content


def table_content(raw_connection, tables):
    """Return (row count, content hash) per table, ids and all, via DB-API."""
    content = {}
    cursor = raw_connection.cursor()
    for table in tables:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        content[table] = fingerprint(
            repr(tuple(plain(value) for value in row)) for row in cursor.fetchall()
        )
    cursor.close()
    return content


def differences(before, after):
    return [name for name in before if before[name] != after.get(name)]


def test_export_then_import_into_an_empty_database_restores_every_row(
    tmp_path, reliability_report
):
    make_varied_newsroom()
    before = newsroom_content()
    path = tmp_path / "newsroom.json"
    path.write_text(dump_newsroom(export_newsroom(image_dir=tmp_path)))
    empty_newsroom()
    assert {count for count, _ in newsroom_content().values()} == {0}

    import_newsroom(load_newsroom_file(path), base_dir=tmp_path)

    after = newsroom_content()
    different = differences(before, after)
    reliability_report(
        f"R24 backup: export→import {len(before)} models, {len(different)} differences"
    )
    assert different == []
    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    assert Article.objects.exclude(hero_image="").count() == 1


def postgres_connection_args():
    """Return psycopg keyword arguments and pg_* options for the test database."""
    settings = connection.settings_dict
    keywords = {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
    }
    options = [
        f"--{name}={value}"
        for name, value in keywords.items()
        if value is not None and name != "password"
    ]
    return keywords, options


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="pg_dump needs PostgreSQL; on SQLite the sqlite3 backup test runs instead",
)
@pytest.mark.django_db(transaction=True)
def test_pg_dump_restored_into_a_fresh_database_gives_back_every_row(
    tmp_path, reliability_report
):
    make_varied_newsroom()
    keywords, options = postgres_connection_args()
    environment = dict(os.environ)
    if keywords["password"]:
        environment["PGPASSWORD"] = keywords["password"]
    name = connection.settings_dict["NAME"]
    scratch = f"{name}_restore_{uuid.uuid4().hex[:8]}"
    dump = tmp_path / "newsroom.dump"
    tables = connection.introspection.table_names()
    connection.ensure_connection()

    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", *options, name],
        check=True,
        capture_output=True,
        env=environment,
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **keywords) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={scratch}"]
            + [*options, str(dump)],
            check=True,
            capture_output=True,
            env=environment,
        )
        with psycopg.connect(dbname=scratch, **keywords) as restored:
            # Read JSON as text, as Django's own connection does.
            restored.adapters.register_loader("jsonb", TextLoader)
            after = table_content(restored, tables)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **keywords) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(scratch)
                )
            )

    before = table_content(connection.connection, tables)
    different = differences(before, after)
    reliability_report(
        f"R24 backup: pg_dump→restore {len(tables)} tables, "
        f"{len(different)} differences"
    )
    assert different == []
    assert before["rumours_transferclaim"][0] > 10


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the sqlite3 backup API needs SQLite; on PostgreSQL pg_dump is tested",
)
@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_reopened_from_its_file_gives_back_every_row(
    tmp_path, reliability_report
):
    make_varied_newsroom()
    tables = connection.introspection.table_names()
    copy = tmp_path / "backup.sqlite3"
    connection.ensure_connection()

    with closing(sqlite3.connect(copy)) as target:
        connection.connection.backup(target)
    # Read back with the column types Django's own connection decodes.
    types = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
    with closing(sqlite3.connect(copy, detect_types=types)) as restored:
        after = table_content(restored, tables)

    before = table_content(connection.connection, tables)
    different = differences(before, after)
    reliability_report(
        f"R24 backup: sqlite3 backup→restore {len(tables)} tables, "
        f"{len(different)} differences"
    )
    assert different == []
    assert before["rumours_transferclaim"][0] > 10
