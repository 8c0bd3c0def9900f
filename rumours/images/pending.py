"""Pictures stored before the rows that name them are committed (#18).

An import stores its hero images, and their renditions, while its rows are
still uncommitted. When it fails normally it deletes them itself; a process
killed outright (``kill -9``, the machine going down) cannot. So while a
``journalled_pictures()`` block runs, each picture's name goes to a journal
file of this process *before* the picture is stored, and the journal is
removed once the rows are committed. On the next start (every import begins
so, and ``manage.py recover_interrupted_imports``) the journals of processes
that no longer run name the pictures to delete if no story holds them.

The journals live outside MEDIA_ROOT: the web server publishes that folder,
and a journal names pictures of stories that may not be public.
"""

import contextvars
import os
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

_current = contextvars.ContextVar("picture_journal", default=None)


class PictureJournal:
    """One process's list of the pictures it stored and has not committed."""

    def __init__(self, folder):
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{os.getpid()}-{uuid.uuid4().hex}.txt"
        self.path.touch()

    def record(self, name):
        # Appended and flushed before the picture is written: a kill between
        # the two leaves a name with no file, never a file with no name.
        with self.path.open("a", encoding="utf-8") as journal:
            journal.write(f"{name}\n")

    def close(self):
        self.path.unlink(missing_ok=True)


def journal_folder():
    return Path(settings.PENDING_PICTURES_DIR)


@contextmanager
def journalled_pictures():
    """Journal every picture stored in the block until its rows are committed."""
    journal = PictureJournal(journal_folder())
    token = _current.set(journal)
    try:
        yield journal
    finally:
        _current.reset(token)
        if connection.in_atomic_block:
            # An outer transaction decides; rolled back, the journal stays
            # for the next start to clear.
            transaction.on_commit(journal.close)
        else:
            journal.close()


def record_pending_picture(name):
    """Note ``name`` in the running block's journal, if a block is running."""
    journal = _current.get()
    if journal is not None:
        journal.record(name)


def process_is_running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def abandoned_journals():
    """Yield ``(path, names)`` for each journal whose process no longer runs."""
    folder = journal_folder()
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.txt")):
        pid_text = path.name.split("-", 1)[0]
        if pid_text.isdigit() and process_is_running(int(pid_text)):
            continue
        names = [line for line in path.read_text("utf-8").splitlines() if line]
        yield path, names
