"""What the workflow shows readers (#5): scheduling, preview, corrections."""

import datetime as dt

import feedparser
import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_api_key.models import APIKey

from rumours.models import Article
from rumours.services.workflow import (
    CORRECTION_NEEDS_PUBLISHED,
    WorkflowError,
    add_correction,
)

from .factories import ArticleFactory, TransferClaimFactory, UserFactory
from .support.admin_forms import admin_url
from .support.editorial import (
    change_form,
    editor,
    logged_in,
    reporter,
    save_change,
    schedule_action,
)

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 7, 1, 12, tzinfo=dt.UTC)


def partner():
    _, key = APIKey.objects.create_key(name="Calcio Daily")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


def surfaces(article):
    """Return, per public surface, whether ``article`` is on it."""
    client, api = Client(), partner()
    slugs = [item["slug"] for item in api.get("/api/v1/articles/").json()["results"]]
    return {
        "home": article.headline in client.get("/").content.decode(),
        "story page": client.get(article.get_absolute_url()).status_code == 200,
        "atom": article.headline
        in {
            e.title
            for e in feedparser.parse(client.get("/feeds/latest.atom").content).entries
        },
        "rss": article.headline
        in {
            e.title
            for e in feedparser.parse(client.get("/feeds/latest.rss").content).entries
        },
        "json feed": article.headline
        in client.get("/feeds/latest.json").content.decode(),
        "sitemap": article.slug in client.get("/sitemap.xml").content.decode(),
        "api list": article.slug in slugs,
        "api detail": api.get(f"/api/v1/articles/{article.slug}/").status_code == 200,
    }


def scheduled_by_an_editor(at):
    article = ArticleFactory(review=True, headline="Dragusin joins Milan at noon")
    schedule_action(logged_in(Client(), editor()), [article], at)
    return article


def test_a_scheduled_story_is_on_no_public_surface_before_its_time():
    with time_machine.travel(NOON - dt.timedelta(days=1), tick=False):
        article = scheduled_by_an_editor(NOON)

        seen = surfaces(article)

    assert seen == dict.fromkeys(seen, False)


def test_a_scheduled_story_is_on_every_public_surface_after_its_time():
    with time_machine.travel(NOON - dt.timedelta(days=1), tick=False):
        article = scheduled_by_an_editor(NOON)

    with time_machine.travel(NOON + dt.timedelta(minutes=1), tick=False):
        seen = surfaces(article)

    assert seen == dict.fromkeys(seen, True)


def test_an_unpublished_story_leaves_every_public_surface():
    article = ArticleFactory(headline="Milan withdraw")
    client = logged_in(Client(), editor())

    client.post(
        admin_url(Article, "changelist"),
        {"action": "unpublish", "_selected_action": [str(article.pk)], "index": "0"},
    )

    seen = surfaces(article)
    assert seen == dict.fromkeys(seen, False)


# Preview


def preview_url(article):
    return f"/preview/stories/{article.pk}/"


@pytest.mark.parametrize("make_user", [reporter, editor])
def test_staff_preview_a_draft_as_readers_will_see_it(make_user):
    article = ArticleFactory(draft=True, headline="Draft about Dragusin")
    client = logged_in(Client(), make_user())

    response = client.get(preview_url(article))

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "rumours/article_detail.html"
    assert "Draft about Dragusin" in response.content.decode()


def test_the_preview_is_marked_noindex_and_never_cached():
    article = ArticleFactory(draft=True)
    client = logged_in(Client(), editor())

    response = client.get(preview_url(article))

    page = response.content.decode()
    assert '<meta name="robots" content="noindex">' in page
    assert "<strong>Preview</strong>: draft; readers cannot see it." in page
    assert {"no-cache", "no-store", "private"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }


def test_the_preview_of_a_scheduled_story_says_when_it_goes_live():
    due = dt.datetime(2026, 12, 24, 18, 30, tzinfo=dt.UTC)
    with time_machine.travel(due - dt.timedelta(days=1), tick=False):
        article = ArticleFactory(published_at=due)
        client = logged_in(Client(), editor())

        page = client.get(preview_url(article)).content.decode()

    assert "scheduled for" in page
    assert "24 December 2026, 18:30</time>; readers cannot see it yet." in page


def test_the_preview_of_a_draft_says_it_is_not_published_yet():
    article = ArticleFactory(draft=True)
    client = logged_in(Client(), editor())

    page = client.get(preview_url(article)).content.decode()

    assert "Not published yet" in page


def test_the_preview_shows_the_drafts_claims():
    claim = TransferClaimFactory(
        article=ArticleFactory(draft=True), quote="Milan have called Spurs."
    )
    client = logged_in(Client(), editor())

    response = client.get(preview_url(claim.article))

    assert "Milan have called Spurs." in response.content.decode()


@pytest.mark.parametrize(
    "make_client",
    [Client, lambda: logged_in(Client(), UserFactory(staff=True))],
    ids=["anonymous", "staff-without-view-permission"],
)
def test_the_preview_is_a_404_for_everyone_else(make_client):
    article = ArticleFactory(draft=True)

    response = make_client().get(preview_url(article))

    assert response.status_code == 404


def test_a_published_storys_preview_is_its_public_page_plus_the_banner():
    article = ArticleFactory()
    client = logged_in(Client(), editor())

    preview = client.get(preview_url(article)).content.decode()
    public = Client().get(article.get_absolute_url()).content.decode()

    story = slice_story(preview)
    assert story == slice_story(public)
    assert "<strong>Preview</strong>: this story is live." in preview


def slice_story(page):
    return page[page.index('<article class="story">') : page.index("</article>")]


# Corrections


def corrected(note="We named the wrong club: it was Milan, not Inter."):
    article = ArticleFactory(
        headline="Dragusin to Inter",
        published_at=NOON - dt.timedelta(days=2),
    )
    client = logged_in(Client(), editor())
    data = change_form(client, article)
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-note": note,
            "corrections-0-created_at_0": "01/07/2026",
            "corrections-0-created_at_1": "12:00:00",
        }
    )
    with time_machine.travel(NOON, tick=False):
        save_change(client, article, data)
    return Article.objects.get(pk=article.pk)


def test_a_correction_shows_on_the_story_page_with_its_date():
    article = corrected()

    page = Client().get(article.get_absolute_url()).content.decode()

    assert "We named the wrong club: it was Milan, not Inter." in page
    assert '<time datetime="2026-07-01T12:00:00+00:00">1 July 2026</time>' in page


def test_a_correction_moves_updated_at():
    article = corrected()

    assert article.updated_at == NOON


@pytest.mark.parametrize("feed", ["/feeds/latest.atom", "/feeds/latest.rss"])
def test_a_correction_shows_in_the_feeds(feed):
    corrected("It was Milan, not Inter.")

    entry = feedparser.parse(Client().get(feed).content).entries[0]

    assert "Correction, 1 July 2026: It was Milan, not Inter." in entry.summary


def test_a_correction_shows_in_the_json_feed():
    corrected("It was Milan, not Inter.")

    item = Client().get("/feeds/latest.json").json()["items"][0]

    assert "Correction, 1 July 2026: It was Milan, not Inter." in item["content_html"]


def test_a_correction_shows_in_the_api_story():
    article = corrected("It was Milan, not Inter.")

    story = partner().get(f"/api/v1/articles/{article.slug}/").json()

    assert story["corrections"] == [
        {"created_at": "2026-07-01T12:00:00Z", "note": "It was Milan, not Inter."}
    ]


def test_a_draft_takes_no_correction():
    article = ArticleFactory(draft=True, headline="Draft")

    with pytest.raises(WorkflowError) as refusal:
        add_correction(article=article, note="No.", user=None)

    assert str(refusal.value) == CORRECTION_NEEDS_PUBLISHED.format(headline="Draft")


def test_corrections_are_appended_by_their_editor():
    user = editor()
    article = ArticleFactory()

    correction = add_correction(article=article, note="Fixed.", user=user)

    assert (correction.created_by, correction.created_at <= timezone.now()) == (
        user,
        True,
    )


def test_the_story_change_page_links_to_its_preview():
    article = ArticleFactory(draft=True)
    client = logged_in(Client(), editor())

    page = client.get(admin_url(Article, "change", article.pk)).content.decode()

    assert f'href="{preview_url(article)}"' in page


def test_a_correction_note_is_shown_as_text_everywhere():
    article = corrected('<script>alert("x")</script> & <b>bold</b>')

    page = Client().get(article.get_absolute_url()).content.decode()
    atom = Client().get("/feeds/latest.atom").content.decode()

    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in page
    assert "<script>alert" not in page
    entry = feedparser.parse(atom).entries[0]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in (
        entry.summary
    )
