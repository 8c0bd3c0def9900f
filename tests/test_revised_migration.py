"""Migration 0042: readers see the update time they saw before it (#13)."""

import datetime as dt

import pytest

from .support.migrations import migrate, migrated_to

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

BEFORE = ("rumours", "0022_amount_roles")
AFTER = ("rumours", "0023_article_revised_at")
SAVED = dt.datetime(2026, 1, 9, 18, 45, tzinfo=dt.UTC)

old_apps = migrated_to(BEFORE)


def test_a_stored_story_is_revised_when_it_was_last_saved(old_apps):
    Article = old_apps.get_model("rumours", "Article")
    article = Article.objects.create(
        headline="Milan ask about Dragusin", slug="milan-ask", body=""
    )
    Article.objects.filter(pk=article.pk).update(updated_at=SAVED)

    apps = migrate(AFTER)

    revised = apps.get_model("rumours", "Article").objects.get(pk=article.pk)
    assert revised.revised_at == SAVED
