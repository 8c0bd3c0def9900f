"""Names reporters add are flagged for an editor's check (#14)."""

import pytest
from django.test import Client

from rumours.models import Club, Player

from .factories import ArticleFactory, ClubFactory, PlayerFactory
from .support.admin_forms import admin_url, form_data
from .support.editorial import editor, logged_in, reporter

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]

COPY = "Brentford have made a £30m bid for Genoa striker Zed Nobody."


def accept_all(client, article):
    url = f"/admin/rumours/article/{article.pk}/propose/"
    data = {**form_data(client.get(url), "proposals"), "_accept_all": "Accept all"}
    return client.post(url, data)


def test_a_reporters_new_player_and_club_need_an_editors_check():
    ClubFactory(name="Genoa", short_name="Genoa")
    author = reporter()
    article = ArticleFactory(draft=True, body=COPY, author=author)

    accept_all(logged_in(Client(), author), article)

    assert [
        (row.name, row.needs_check)
        for row in [
            Player.objects.get(name="Zed Nobody"),
            Club.objects.get(name="Brentford"),
        ]
    ] == [("Zed Nobody", True), ("Brentford", True)]


def test_an_editors_new_player_needs_no_check():
    article = ArticleFactory(draft=True, body=COPY)

    accept_all(logged_in(Client(), editor()), article)

    assert Player.objects.get(name="Zed Nobody").needs_check is False


def test_a_player_a_reporter_adds_in_the_admin_needs_a_check():
    client = logged_in(Client(), reporter())
    data = form_data(client.get(admin_url(Player, "add")), "player_form")
    data.update({"name": "Zed Nobody", "slug": "zed-nobody", "needs_check": ""})

    client.post(admin_url(Player, "add"), data)

    assert Player.objects.get(slug="zed-nobody").needs_check is True


def test_the_editors_dashboard_lists_the_names_to_check():
    PlayerFactory(name="Zed Nobody", needs_check=True)
    PlayerFactory(name="Checked Already")

    page = logged_in(Client(), editor()).get("/admin/").content.decode()

    assert "Zed Nobody</a> (player)" in page
    assert "Checked Already" not in page


def test_an_editor_unticking_the_flag_takes_the_name_off_the_dashboard():
    player = PlayerFactory(name="Zed Nobody", needs_check=True)
    client = logged_in(Client(), editor())
    url = admin_url(Player, "change", player.pk)
    data = form_data(client.get(url), "player_form")
    data.pop("needs_check")  # the editor unticks it

    client.post(url, data)

    assert "Zed Nobody</a> (player)" not in client.get("/admin/").content.decode()
