from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from rumours.demo.accounts import (
    DEMO_EDITOR_PASSWORD,
    DEMO_EDITOR_USERNAME,
    DEMO_REPORTER_PASSWORD,
    DEMO_REPORTER_USERNAME,
)
from rumours.models import Article, Club, Player, TransferClaim

pytestmark = pytest.mark.django_db

SEED_SLUG = "ac-milan-enquire-about-tottenham-radu-dragusin"


def run_setup_demo(*args):
    out = StringIO()
    call_command("setup_demo", *args, stdout=out)
    return out.getvalue()


def newsroom_counts():
    return [model.objects.count() for model in (Article, TransferClaim, Club, Player)]


def test_setup_demo_twice_duplicates_nothing():
    run_setup_demo()
    first = newsroom_counts()

    run_setup_demo()

    assert newsroom_counts() == first
    assert first[0] == 1


def test_setup_demo_keeps_an_editors_changes():
    run_setup_demo()
    article = Article.objects.get(slug=SEED_SLUG)
    article.headline = "Edited by the desk"
    article.save()

    run_setup_demo()

    assert Article.objects.get(slug=SEED_SLUG).headline == "Edited by the desk"


def test_demo_editor_sees_the_seed_article_with_every_claim_inline(client):
    run_setup_demo()
    article = Article.objects.get(slug=SEED_SLUG)
    client.post(
        "/admin/login/",
        {"username": DEMO_EDITOR_USERNAME, "password": DEMO_EDITOR_PASSWORD},
    )

    response = client.get(reverse("admin:rumours_article_change", args=[article.pk]))

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.model is TransferClaim
    assert {form.instance.pk for form in formset.initial_forms} == set(
        article.claims.values_list("pk", flat=True)
    )
    assert len(formset.initial_forms) == 10
    assert "Mirko Di Natale" in response.content.decode()


def test_setup_demo_prints_the_editor_account():
    printed = run_setup_demo("--site-url", "http://127.0.0.1:8123")

    assert "http://127.0.0.1:8123/admin/" in printed
    assert f"username: {DEMO_EDITOR_USERNAME}" in printed
    assert f"password: {DEMO_EDITOR_PASSWORD}" in printed


def test_setup_demo_puts_the_editor_and_the_reporter_in_their_roles():
    run_setup_demo()

    roles = {
        user.username: list(user.groups.values_list("name", flat=True))
        for user in get_user_model().objects.filter(
            username__in=[DEMO_EDITOR_USERNAME, DEMO_REPORTER_USERNAME]
        )
    }

    assert roles == {
        DEMO_EDITOR_USERNAME: ["Editor"],
        DEMO_REPORTER_USERNAME: ["Reporter"],
    }


def test_setup_demo_prints_the_reporter_account():
    printed = run_setup_demo()

    assert f"username: {DEMO_REPORTER_USERNAME}" in printed
    assert f"password: {DEMO_REPORTER_PASSWORD}" in printed
