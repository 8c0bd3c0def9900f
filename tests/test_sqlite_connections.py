"""SQLite as configured: readers go on while the desk writes (#19, deadline day).

Each test opens its own connections to a file database with the project's
settings (the test database is in memory, where there is no journal to
choose), so what they show is what a server on SQLite gets.
"""

import pytest
from django.conf import settings
from django.db import OperationalError, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite's journal and locking: the suite runs on PostgreSQL",
)


@pytest.fixture
def connect(tmp_path, django_db_blocker):
    opened = []

    def connect(timeout=5):
        settings_dict = {
            **settings.DATABASES["default"],
            "NAME": str(tmp_path / "newsroom.sqlite3"),
        }
        settings_dict["OPTIONS"] = {**settings_dict["OPTIONS"], "timeout": timeout}
        connection = DatabaseWrapper(settings_dict)
        connection.ensure_connection()
        opened.append(connection)
        return connection

    # Connections of the test's own, to a file of its own: not the test database.
    with django_db_blocker.unblock():
        yield connect
        for connection in opened:
            connection.close()


@pytest.fixture
def desk(connect):
    desk = connect()
    with desk.cursor() as cursor:
        cursor.execute("CREATE TABLE story (headline TEXT)")
        cursor.execute("INSERT INTO story VALUES ('Before')")
    return desk


def test_a_file_database_keeps_a_write_ahead_log(desk):
    with desk.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


def test_a_reader_sees_the_last_commit_while_a_save_is_under_way(connect, desk):
    reader = connect(timeout=0.1)
    with desk.cursor() as cursor:
        # The lock a save holds while it writes its pages to the file (at
        # commit, or sooner when it outgrows its cache): in a rollback
        # journal, it shuts readers out until the save is done.
        cursor.execute("BEGIN EXCLUSIVE")
        cursor.execute("UPDATE story SET headline = 'After'")
        with reader.cursor() as reading:
            reading.execute("SELECT headline FROM story")
            assert reading.fetchone()[0] == "Before"
        cursor.execute("COMMIT")


def test_a_second_writer_waits_at_begin_rather_than_failing_mid_transaction(
    connect, desk
):
    other = connect(timeout=0.1)
    connections["desk"], connections["other"] = desk, other
    try:
        with transaction.atomic(using="desk"):
            # The desk's transaction holds the write lock from its BEGIN, so
            # the other writer is told at its own BEGIN, before it has read
            # anything it would act on, not when it first writes.
            with desk.cursor() as cursor:
                cursor.execute("SELECT headline FROM story")
            with (
                pytest.raises(OperationalError, match="locked"),
                transaction.atomic(using="other"),
            ):
                pass
    finally:
        del connections["desk"], connections["other"]
