"""What readers see as "Updated" (#13): an editor's change, or the file's time.

``Article.revised_at`` is what the story page, JSON-LD, feeds and sitemaps
say; ``updated_at`` stays the technical change time (caches, sync, the
API's ``updated_since``). An import keeps the time its file gives, so an
archive is not stamped "Updated <import day>".
"""

import copy
import datetime as dt
import json
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from rumours.demo.accounts import DEMO_FILE
from rumours.models import Article
from rumours.services.interchange import (
    NewsroomImportError,
    export_newsroom,
    import_newsroom,
    load_newsroom_file,
)
from rumours.services.workflow import add_correction

from .factories import ArticleFactory
from .support.editorial import change_form, editor, logged_in, save_change

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]

PUBLISHED = dt.datetime(2026, 1, 8, 9, 30, tzinfo=dt.UTC)  # the demo story's
REVISED = "2026-01-09T18:45:00Z"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def demo(updated_at=None):
    """Return the demo file; with ``updated_at``, its story carries that time."""
    document = load_newsroom_file(DEMO_FILE)
    if updated_at is not None:
        document["articles"][0]["updated_at"] = updated_at
    return document


def import_document(document):
    import_newsroom(document, base_dir=DEMO_FILE.parent)
    return Article.objects.get()


def without_updated_at(document):
    older = copy.deepcopy(document)
    older["articles"][0].pop("updated_at")
    return older


def page(article):
    return Client().get(article.get_absolute_url()).content.decode()


def test_an_imported_archive_story_is_not_shown_as_updated_on_the_import_day():
    article = import_document(without_updated_at(demo()))

    assert article.revised_at is None
    assert "Updated" not in page(article)


def test_an_imported_story_shows_the_update_time_its_file_gives():
    article = import_document(demo(REVISED))

    assert 'Updated <time datetime="2026-01-09T18:45:00+00:00">' in page(article)


def test_an_import_still_moves_the_technical_change_time():
    before = timezone.now()

    article = import_document(demo(REVISED))

    assert article.updated_at >= before


def test_the_json_ld_date_modified_is_the_files_update_time():
    article = import_document(demo(REVISED))

    [raw] = JSON_LD.findall(page(article))
    assert json.loads(raw)["dateModified"] == "2026-01-09T18:45:00+00:00"


def test_the_atom_feed_dates_the_entry_by_its_revision():
    import_document(demo(REVISED))

    feed = Client().get("/feeds/latest.atom").content.decode()

    assert "<updated>2026-01-09T18:45:00+00:00</updated>" in feed


def test_a_story_never_revised_is_modified_when_it_was_published():
    article = import_document(demo())

    assert article.modified_at == PUBLISHED


def test_export_writes_the_revision_time_as_updated_at():
    import_document(demo(REVISED))

    exported = export_newsroom()["articles"][0]

    assert exported["updated_at"] == REVISED


def test_a_file_without_updated_at_leaves_a_stored_revision_alone():
    import_document(demo(REVISED))
    document = without_updated_at(demo())
    document["articles"][0]["headline"] = "Milan ask about Dragusin"

    article = import_document(document)

    assert article.revised_at == dt.datetime(2026, 1, 9, 18, 45, tzinfo=dt.UTC)


def test_a_bad_update_time_is_refused_by_path():
    with pytest.raises(NewsroomImportError) as refused:
        import_document(demo("yesterday"))

    assert refused.value.errors[0].startswith("articles[0].updated_at: ")


def test_an_editors_save_shows_the_story_as_updated():
    article = ArticleFactory(published_at=timezone.now() - dt.timedelta(days=1))
    client = logged_in(Client(), editor())
    data = change_form(client, article)
    data["standfirst"] = "Milan have made their move."
    later = timezone.now() + dt.timedelta(hours=2)

    with time_machine.travel(later, tick=False):
        save_change(client, article, data)

    article.refresh_from_db()
    assert article.revised_at == later
    assert article.was_updated


def test_a_correction_revises_the_story_at_its_time():
    article = ArticleFactory(published_at=timezone.now() - dt.timedelta(days=1))
    user = editor()

    correction = add_correction(article=article, note="It was Milan.", user=user)

    article.refresh_from_db()
    assert article.revised_at == correction.created_at
