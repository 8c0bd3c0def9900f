"""Positions as the stories give them (#13): broad codes, groups, none at all."""

import re
from html import unescape

import pytest
from django.urls import reverse

from rumours.models import Player, Position
from rumours.models.squad import squad_depth
from rumours.services.interchange import export_newsroom, import_newsroom

from .factories import ClubFactory, PlayerFactory, TransferClaimFactory

pytestmark = pytest.mark.django_db


def text_of(response):
    html = re.sub(r"<svg\b.*?</svg>", " ", response.content.decode(), flags=re.S)
    html = re.sub(r"</?(?:a|span)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_a_plain_defender_counts_in_the_group_but_is_no_centre_back():
    club = ClubFactory()
    PlayerFactory(current_club=club, primary_position=Position.CB)
    defender = PlayerFactory(current_club=club, primary_position=Position.DF)

    depth = squad_depth(club)

    assert depth.group(Position.DF).player_count == 2
    assert depth.group(Position.DF).broad == [defender]
    assert defender not in depth.row(Position.CB).specialists


def test_a_wide_defender_is_a_defender():
    club = ClubFactory()
    PlayerFactory(current_club=club, primary_position=Position.WD)

    depth = squad_depth(club)

    assert [group.player_count for group in depth.groups] == [0, 1, 0, 0]


def test_a_group_counts_injured_players_but_not_as_available():
    club = ClubFactory()
    PlayerFactory(current_club=club, primary_position=Position.ST)
    PlayerFactory(current_club=club, primary_position=Position.FW, injured=True)

    group = squad_depth(club).group(Position.FW)

    assert (group.player_count, group.available_count) == (2, 1)


def test_a_player_without_a_position_is_listed_apart():
    club = ClubFactory()
    unplaced = PlayerFactory(current_club=club, primary_position="")

    depth = squad_depth(club)

    assert depth.unplaced == [unplaced]
    assert sum(group.player_count for group in depth.groups) == 0


def test_rumours_about_a_broad_defender_sit_in_the_group():
    club = ClubFactory()
    defender = PlayerFactory(primary_position=Position.DF)
    TransferClaimFactory(player=defender, to_club=club)

    depth = squad_depth(club)

    assert [link.player for link in depth.group(Position.DF).rumours_in] == [defender]
    assert all(row.rumours_in == [] for row in depth.rows)


def test_rumours_about_a_player_without_a_position_are_listed_apart():
    club = ClubFactory()
    player = PlayerFactory(primary_position="")
    TransferClaimFactory(player=player, to_club=club)

    depth = squad_depth(club)

    assert [link.player for link in depth.unplaced_rumours_in] == [player]


def test_squad_page_shows_the_group_count_and_the_broad_player(client):
    club = ClubFactory()
    PlayerFactory(current_club=club, primary_position=Position.CB)
    PlayerFactory(current_club=club, name="Broad Back", primary_position=Position.WD)

    response = client.get(club.get_squad_url())

    text = text_of(response)
    assert "Defenders (2 in the squad, 2 available)" in text
    assert "Specific position not given Broad Back (wide defender)" in text


def test_squad_page_lists_players_whose_position_is_not_given(client):
    club = ClubFactory()
    PlayerFactory(current_club=club, name="Nowhere Man", primary_position="")

    response = client.get(club.get_squad_url())

    assert "Position not given" in text_of(response)
    assert "Players Nowhere Man" in text_of(response)


def test_player_page_says_the_position_is_not_given(client):
    player = PlayerFactory(primary_position="", secondary_positions=[])

    response = client.get(player.get_absolute_url())

    assert "Position Position not given" in text_of(response)


def test_player_page_names_a_broad_position_as_said(client):
    player = PlayerFactory(primary_position=Position.FW, secondary_positions=[])

    response = client.get(player.get_absolute_url())

    assert "Position Forward" in text_of(response)


def import_player(**player):
    import_newsroom(
        {"format": "transfer-desk-newsroom", "version": 2, "players": [player]}
    )


def test_a_player_without_a_position_imports_and_exports_as_null():
    import_player(name="Unknown Role", slug="unknown-role")

    assert Player.objects.get(slug="unknown-role").primary_position == ""
    [player] = export_newsroom()["players"]
    assert player["primary_position"] is None


def test_a_broad_position_imports_as_said():
    import_player(name="Some Forward", primary_position="FW")

    assert Player.objects.get(name="Some Forward").primary_position == "FW"


def test_a_broad_code_can_be_a_secondary_position():
    player = PlayerFactory.build(primary_position=Position.CB)
    player.secondary_positions = ["MF", "RB"]

    player.clean()

    assert player.secondary_positions == ["RB", "MF"]


def test_admin_saves_a_player_without_a_position(admin_client):
    response = admin_client.post(
        reverse("admin:rumours_player_add"),
        {"name": "Blank Slate", "slug": "blank-slate", "fitness": "available"},
    )

    assert response.status_code == 302
    assert Player.objects.get(slug="blank-slate").primary_position == ""


def test_admin_names_the_blank_position_for_what_it_means(admin_client):
    response = admin_client.get(reverse("admin:rumours_player_add"))

    assert '<option value="" selected>Position not given</option>' in (
        response.content.decode()
    )
