"""History (#5, R20): every editorial operation leaves a row naming its user.

django-simple-history records stories, claims, corrections, sources, clubs
and players; the admin shows each object's history and reverts it.
"""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rumours.demo.accounts import DEMO_FILE
from rumours.models import Article, Club, Player, Source, TransferClaim
from rumours.services.interchange import import_newsroom, load_newsroom_file

from .factories import ArticleFactory, TransferClaimFactory, UserFactory
from .support.admin_forms import admin_url, form_data
from .support.editorial import (
    add_form,
    change_form,
    confirm_action,
    editor,
    logged_in,
    reporter,
    run_action,
    save_change,
    schedule_action,
)

pytestmark = pytest.mark.django_db


def revert_url(obj, record):
    opts = obj._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[obj.pk, record.history_id],
    )


def test_two_editors_save_in_turn_the_second_is_refused_and_both_are_kept():
    article = ArticleFactory(headline="Milan enquire")
    ann, bob = logged_in(Client(), editor()), logged_in(Client(), editor())
    ann_form, bob_form = change_form(ann, article), change_form(bob, article)
    ann_form["headline"] = "Ann: Milan bid"
    bob_form["headline"] = "Bob: Milan agree fee"
    save_change(ann, article, ann_form)

    refused = save_change(bob, article, bob_form)
    bob_again = change_form(bob, article)
    bob_again["headline"] = "Bob: Milan agree fee"
    saved = save_change(bob, article, bob_again)

    headlines = list(
        article.history.order_by("history_date").values_list("headline", flat=True)
    )
    assert (refused.status_code, saved.status_code) == (200, 302)
    assert headlines == ["Milan enquire", "Ann: Milan bid", "Bob: Milan agree fee"]


def test_an_editor_reverts_a_story_to_an_earlier_version_from_the_admin():
    article = ArticleFactory(headline="Ann's version")
    client = logged_in(Client(), editor())
    data = change_form(client, article)
    data["headline"] = "Bob's version"
    save_change(client, article, data)
    anns = article.history.get(headline="Ann's version")
    revert_form = form_data(
        client.get(revert_url(article, anns)), "historicalarticle_form"
    )

    response = client.post(revert_url(article, anns), revert_form)

    assert response.status_code == 302, response.context["errors"]
    assert Article.objects.get(pk=article.pk).headline == "Ann's version"


def test_the_history_page_lists_who_changed_the_story():
    article = ArticleFactory()
    user = editor(username="carla")
    client = logged_in(Client(), user)
    save_change(client, article, change_form(client, article) | {"headline": "New"})

    response = client.get(admin_url(Article, "history", article.pk))

    assert response.status_code == 200
    assert "carla" in response.content.decode()


def test_a_reporter_cannot_revert_someone_elses_story():
    article = ArticleFactory(headline="Original")
    editor_client = logged_in(Client(), editor())
    save_change(
        editor_client,
        article,
        change_form(editor_client, article) | {"headline": "Changed"},
    )
    original = article.history.get(headline="Original")
    client = logged_in(Client(), reporter())

    response = client.post(revert_url(article, original), {"headline": "Original"})

    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).headline == "Changed"


def test_importing_records_the_importing_user():
    user = UserFactory(staff=True)

    import_newsroom(load_newsroom_file(DEMO_FILE), base_dir=DEMO_FILE.parent, user=user)

    rows = Article.history.filter(history_type="+")
    assert rows.exists()
    assert set(rows.values_list("history_user", flat=True)) == {user.pk}


# R20: each operation, and the history row it must leave.


def op_create(user, client):
    data = add_form(client, Article)
    data.update(headline="Created", slug="created", body="Words.")
    client.post(admin_url(Article, "add"), data)
    return Article.history.filter(slug="created", history_type="+")


def op_edit(user, client):
    article = ArticleFactory()
    save_change(client, article, change_form(client, article) | {"headline": "E"})
    return Article.history.filter(id=article.pk, headline="E", history_type="~")


def op_submit(user, client):
    article = ArticleFactory(draft=True, author=user)
    run_action(client, Article, "submit_for_review", [article])
    return Article.history.filter(id=article.pk, status="review")


def op_publish(user, client):
    article = ArticleFactory(review=True)
    run_action(client, Article, "publish_now", [article])
    return Article.history.filter(id=article.pk, status="published")


def op_schedule(user, client):
    article = ArticleFactory(review=True)
    at = timezone.now() + dt.timedelta(days=3)
    schedule_action(client, [article], at)
    return Article.history.filter(
        id=article.pk, status="published", published_at__gt=timezone.now()
    )


def op_unpublish(user, client):
    article = ArticleFactory()
    run_action(client, Article, "unpublish", [article])
    return Article.history.filter(id=article.pk, status="draft")


def op_delete(user, client):
    article = ArticleFactory()
    client.post(admin_url(Article, "delete", article.pk), {"post": "yes"})
    return Article.history.filter(id=article.pk, history_type="-")


def op_bulk_resolve(user, client):
    claims = TransferClaimFactory.create_batch(3)
    run_action(client, TransferClaim, "mark_lapsed", claims)
    return TransferClaim.history.filter(
        id__in=[claim.pk for claim in claims], outcome="lapsed"
    )


def op_correct(user, client):
    article = ArticleFactory()
    data = change_form(client, article)
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-note": "We named the wrong club.",
            "corrections-0-created_at_0": "01/07/2026",
            "corrections-0-created_at_1": "10:00:00",
        }
    )
    save_change(client, article, data)
    return article.corrections.model.history.filter(article_id=article.pk)


def op_set_tier(user, client):
    source = Source.objects.create(name="S", slug="s", kind="outlet")
    save_change(client, source, change_form(client, source) | {"reliability_tier": "1"})
    return Source.history.filter(id=source.pk, reliability_tier=1)


def op_move_player(user, client):
    claim = TransferClaimFactory(claim_type="completed")
    run_action(client, TransferClaim, "mark_confirmed", [claim])
    confirm_action(client, TransferClaim, "move_players_to_new_clubs", [claim])
    return Player.history.filter(id=claim.player_id, current_club=claim.to_club_id)


def op_edit_club(user, client):
    club = Club.objects.create(name="Genoa", short_name="Genoa", slug="genoa")
    save_change(client, club, change_form(client, club) | {"country": "Italy"})
    return Club.history.filter(id=club.pk, country="Italy")


def op_import(user, client):
    before = TransferClaim.history.order_by("-history_id").first()
    import_newsroom(load_newsroom_file(DEMO_FILE), base_dir=DEMO_FILE.parent, user=user)
    return TransferClaim.history.filter(
        history_type="+", history_id__gt=before.history_id if before else 0
    )


OPERATIONS = {
    "create": op_create,
    "edit": op_edit,
    "submit": op_submit,
    "publish": op_publish,
    "schedule": op_schedule,
    "unpublish": op_unpublish,
    "delete": op_delete,
    "bulk action": op_bulk_resolve,
    "correction": op_correct,
    "source tier": op_set_tier,
    "move player": op_move_player,
    "edit club": op_edit_club,
    "import": op_import,
}


def test_r20_every_editorial_operation_leaves_a_history_row_with_its_user(
    reliability_report,
):
    user = editor()
    client = logged_in(Client(), user)

    missing = []
    for name, operation in OPERATIONS.items():
        rows = operation(user, client)
        if not rows.exists() or rows.exclude(history_user=user).exists():
            missing.append(name)

    reliability_report(
        f"R20 audit: {len(OPERATIONS)} operations, {len(missing)} missing"
        + (f" ({', '.join(missing)})" if missing else "")
    )
    assert missing == []


def test_the_history_page_shows_each_change_before_and_after():
    article = ArticleFactory(headline="Milan enquire")
    client = logged_in(Client(), editor())
    save_change(
        client, article, change_form(client, article) | {"headline": "Milan bid"}
    )

    page = client.get(admin_url(Article, "history", article.pk)).content.decode()

    change = re.sub(r"\s+", " ", page[page.index("<strong>Headline:</strong>") :])
    assert change.startswith(
        "<strong>Headline:</strong> Milan enquire &nbsp;&rarr;&nbsp;&nbsp;Milan bid"
    )
