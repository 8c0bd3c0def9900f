"""A killed import leaves nothing behind once the next one starts (#18, R28).

An import stores its pictures before its rows commit. ``kill -9`` gives it no
chance to delete them, so each picture is journalled before it is stored
(``rumours/images/pending``), and every import, or
``manage.py recover_interrupted_imports`` when a server starts, first deletes
the pictures of journals whose process is gone.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from rumours.demo.accounts import DEMO_FILE
from rumours.images.pending import journal_folder
from rumours.models import Article
from rumours.services.interchange import import_newsroom, load_newsroom_file
from rumours.services.interchange.interrupted import recover_interrupted_imports

from .factories import ArticleFactory
from .support.live_servers import BASE_DIR, module_stack

PICTURES = 40

ROW_COUNTS = """
import json
from django.apps import apps
print(json.dumps({
    model._meta.label: model._base_manager.count()
    for model in apps.get_app_config("rumours").get_models()
}))
"""


def abandon_journal(names, pid):
    """Write the journal a process ``pid`` would have left, naming ``names``."""
    folder = journal_folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{pid}-abandoned.txt").write_text("".join(f"{n}\n" for n in names))


def finished_pid():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def stored_picture(storage, name):
    return storage.save(name, ContentFile(b"not really a picture"))


def files_under(folder):
    folder = Path(folder)
    if not folder.exists():
        return set()
    return {
        str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()
    }


@pytest.mark.django_db
def test_the_pictures_of_a_dead_imports_journal_are_deleted(media_root):
    storage = Article._meta.get_field("hero_image").storage
    name = stored_picture(storage, "heroes/2026/12/orphan.jpg")
    abandon_journal([name], finished_pid())

    assert recover_interrupted_imports() == 1

    assert not storage.exists(name)
    assert list(journal_folder().iterdir()) == []


@pytest.mark.django_db
def test_a_picture_a_story_holds_stays(media_root):
    article = ArticleFactory()
    storage = article.hero_image.storage
    article.hero_image.name = stored_picture(storage, "heroes/2026/12/kept.jpg")
    article.save()
    abandon_journal([article.hero_image.name], finished_pid())

    assert recover_interrupted_imports() == 0

    assert storage.exists(article.hero_image.name)


@pytest.mark.django_db
def test_the_journal_of_a_running_import_is_left_alone(media_root):
    storage = Article._meta.get_field("hero_image").storage
    name = stored_picture(storage, "heroes/2026/12/in-progress.jpg")
    abandon_journal([name], os.getpid())

    assert recover_interrupted_imports() == 0

    assert storage.exists(name)


@pytest.mark.django_db(transaction=True)
def test_a_committed_import_leaves_its_pictures_and_no_journal(media_root):
    import_newsroom(load_newsroom_file(DEMO_FILE), base_dir=DEMO_FILE.parent)

    stored = Article.objects.exclude(hero_image="").values_list("hero_image", flat=True)
    assert {name for name in stored if (media_root / name).is_file()} == set(stored)
    assert stored
    assert list(journal_folder().iterdir()) == []


@pytest.mark.django_db
def test_each_import_first_clears_what_a_killed_one_left(media_root):
    storage = Article._meta.get_field("hero_image").storage
    name = stored_picture(storage, "heroes/2026/12/left-by-a-killed-import.jpg")
    abandon_journal([name], finished_pid())

    import_newsroom(load_newsroom_file(DEMO_FILE), base_dir=DEMO_FILE.parent)

    assert not storage.exists(name)


stack = module_stack()


def many_pictures(folder):
    """Write a newsroom file of ``PICTURES`` stories, each with its own picture."""
    document = load_newsroom_file(DEMO_FILE)
    story = document["articles"][0]
    picture = DEMO_FILE.parent / story["hero_image"]["file"]
    (folder / "images").mkdir()
    document["articles"] = []
    document["squad_targets"] = []
    for number in range(PICTURES):
        shutil.copy(picture, folder / "images" / f"story-{number}.jpg")
        document["articles"].append(
            {
                **story,
                "slug": f"{story['slug']}-{number}",
                "headline": f"{story['headline']} ({number})",
                "claims": [],
                "hero_image": {
                    **story["hero_image"],
                    "file": f"images/story-{number}.jpg",
                },
            }
        )
    path = folder / "newsroom.json"
    path.write_text(json.dumps(document))
    return path


@pytest.mark.slow
def test_kill_9_during_an_import_with_pictures_changes_nothing(stack, tmp_path):
    media = stack.folder / "media"
    rows_before = stack.python(ROW_COUNTS)
    media_before = files_under(media)
    file = many_pictures(tmp_path)
    importing = subprocess.Popen(
        [sys.executable, str(BASE_DIR / "manage.py"), "import_newsroom", str(file)],
        env=stack.environment(),
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not files_under(media) - media_before and time.monotonic() < deadline:
        assert importing.poll() is None, importing.stderr.read().decode()[-2000:]
        time.sleep(0.005)
    os.kill(importing.pid, signal.SIGKILL)
    importing.wait()
    assert files_under(media) - media_before, "no picture was stored before the kill"

    assert stack.python(ROW_COUNTS) == rows_before
    stack.manage("recover_interrupted_imports")
    assert files_under(media) == media_before
