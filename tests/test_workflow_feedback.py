"""Workflow feedback (#14): editors hear of submissions, publishing links the page."""

import pytest
from django.core import mail
from django.test import Client

from rumours.demo.accounts import ensure_demo_editor, ensure_demo_reporter
from rumours.models import Article

from .factories import ArticleFactory
from .support.editorial import (
    change_form,
    editor,
    logged_in,
    reporter,
    run_action,
    save_change,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]


def test_submitting_for_review_emails_the_editors_only(
    django_capture_on_commit_callbacks,
):
    author, desk_editor = reporter(), editor()
    reporter(username="other-reporter")
    article = ArticleFactory(draft=True, author=author, headline="Toney to Chelsea?")
    client = logged_in(Client(), author)

    with django_capture_on_commit_callbacks(execute=True):
        run_action(client, Article, "submit_for_review", [article])

    assert [(message.to, message.subject) for message in mail.outbox] == [
        ([desk_editor.email], "For review: Toney to Chelsea?")
    ]


def test_the_review_email_links_the_story_in_the_admin(
    django_capture_on_commit_callbacks,
):
    author = reporter()
    editor()
    article = ArticleFactory(draft=True, author=author)
    client = logged_in(Client(), author)

    with django_capture_on_commit_callbacks(execute=True):
        run_action(client, Article, "submit_for_review", [article])

    assert f"/admin/rumours/article/{article.pk}/change/" in mail.outbox[0].body


def test_choosing_in_review_on_the_form_emails_the_editors_too(
    django_capture_on_commit_callbacks,
):
    author, desk_editor = reporter(), editor()
    article = ArticleFactory(draft=True, author=author)
    client = logged_in(Client(), author)
    data = {**change_form(client, article), "status": Article.Status.REVIEW}

    with django_capture_on_commit_callbacks(execute=True):
        save_change(client, article, data)

    assert [message.to for message in mail.outbox] == [[desk_editor.email]]


def test_the_dashboard_counts_the_stories_awaiting_review():
    ArticleFactory.create_batch(3, review=True)
    client = logged_in(Client(), editor())

    response = client.get("/admin/")

    assert '(<span id="review-badge">3</span>)' in response.content.decode()


def test_publishing_shows_a_link_to_the_live_page():
    article = ArticleFactory(review=True, headline="Toney joins Chelsea")
    client = logged_in(Client(), editor())

    response = run_action(client, Article, "publish_now", [article])

    page = client.get(response["Location"])
    assert (
        f'“Toney joins Chelsea” is live: <a href="{article.get_absolute_url()}"'
        in page.content.decode()
    )


def test_the_demo_accounts_greet_by_name_and_role():
    client = Client()
    client.force_login(ensure_demo_reporter()[0])
    reporter_page = client.get("/admin/").content.decode()
    client.force_login(ensure_demo_editor()[0])

    editor_page = client.get("/admin/").content.decode()

    assert "<strong>Rita</strong> (reporter)." in reporter_page
    assert "<strong>Eddie</strong> (editor)." in editor_page


def test_a_body_posted_with_crlf_is_stored_with_lf():
    article = ArticleFactory(draft=True, body="One.\n\nTwo.")
    client = logged_in(Client(), editor())
    data = {**change_form(client, article), "body": "One.\r\n\r\nTwo.\r\nThree."}

    save_change(client, article, data)

    article.refresh_from_db()
    assert article.body == "One.\n\nTwo.\nThree."


def test_an_untouched_body_posted_with_crlf_is_not_a_change():
    article = ArticleFactory(draft=True, body="One.\n\nTwo.")
    client = logged_in(Client(), editor())
    data = change_form(client, article)
    data["body"] = data["body"].replace("\n", "\r\n")
    data["headline"] = "A new headline"

    save_change(client, article, data)

    newest = article.history.order_by("-history_date", "-history_id").first()
    assert newest.diff_against(newest.prev_record).changed_fields == ["headline"]


def test_a_story_saved_with_crlf_outside_the_admin_is_stored_with_lf():
    article = ArticleFactory(draft=True, body="One.\r\nTwo.")

    article.refresh_from_db()

    assert article.body == "One.\nTwo."
