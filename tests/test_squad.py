"""The needs-versus-surplus computation (#3): rows, balance, rumours in and out."""

import datetime as dt

import pytest
from django.utils import timezone

from rumours.demo.accounts import DEMO_FILE
from rumours.models import Club, Player, Position, TransferClaim
from rumours.models.positions import SPECIFIC_POSITIONS
from rumours.models.squad import squad_depth
from rumours.services.interchange import import_newsroom, load_newsroom_file

from .factories import (
    ArticleFactory,
    ClubFactory,
    PlayerFactory,
    SquadNoteFactory,
    TransferClaimFactory,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def demo():
    import_newsroom(load_newsroom_file(DEMO_FILE), base_dir=DEMO_FILE.parent)


def names(players):
    return sorted(player.name for player in players)


def centre_backs(slug):
    return squad_depth(Club.objects.get(slug=slug)).row(Position.CB)


def test_tottenham_centre_backs_are_four_specialists_and_two_cover(demo):
    row = centre_backs("tottenham-hotspur")

    assert names(row.specialists) == [
        "Cristian Romero",
        "Kevin Danso",
        "Micky van de Ven",
        "Radu Dragusin",
    ]
    assert names(row.cover) == ["Archie Gray", "Ben Davies"]


def test_tottenham_centre_backs_meet_the_target_of_four(demo):
    row = centre_backs("tottenham-hotspur")

    assert (row.target.count, row.balance, row.balance_label) == (
        4,
        0,
        "Balanced",
    )


def test_tottenham_centre_backs_show_dragusin_linked_away_to_three_clubs(
    demo, in_the_seeds_week
):
    row = centre_backs("tottenham-hotspur")

    [link] = row.rumours_out
    assert link.player.name == "Radu Dragusin"
    assert [club.short_name for club in link.clubs] == ["AC Milan", "Napoli", "Roma"]
    assert (link.wants_to_leave, link.blocked) == (True, True)


def test_tottenham_centre_backs_show_buongiorno_linked_in(demo, in_the_seeds_week):
    row = centre_backs("tottenham-hotspur")

    assert [link.player.name for link in row.rumours_in] == ["Alessandro Buongiorno"]
    assert [club.short_name for club in row.rumours_in[0].clubs] == ["Napoli"]


def test_ac_milan_centre_backs_need_one_more(demo):
    row = centre_backs("ac-milan")

    assert names(row.specialists) == [
        "Fikayo Tomori",
        "Koni De Winter",
        "Matteo Gabbia",
        "Strahinja Pavlović",
    ]
    assert (row.notes.current.kind, row.balance, row.balance_label) == (
        "need",
        -1,
        "Need 1",
    )


def test_ac_milan_centre_backs_show_dragusin_linked_in_and_no_one_out(
    demo, in_the_seeds_week
):
    row = centre_backs("ac-milan")

    assert [link.player.name for link in row.rumours_in] == ["Radu Dragusin"]
    assert row.rumours_out == []


def test_rows_follow_the_position_vocabulary_in_team_sheet_order(demo):
    depth = squad_depth(Club.objects.get(slug="tottenham-hotspur"))

    assert [row.position for row in depth.rows] == SPECIFIC_POSITIONS


def test_injured_specialist_is_listed_but_not_counted():
    club = ClubFactory()
    SquadNoteFactory(club=club, position=Position.CB, count=2)
    PlayerFactory.create_batch(2, current_club=club, primary_position=Position.CB)
    injured = PlayerFactory(
        current_club=club, primary_position=Position.CB, injured=True
    )

    row = squad_depth(club).row(Position.CB)

    assert injured in row.specialists
    assert injured not in row.available_specialists
    assert (row.balance, row.balance_label) == (0, "Balanced")


def test_surplus_counts_available_specialists_above_the_target():
    club = ClubFactory()
    SquadNoteFactory(club=club, position=Position.ST, count=1)
    PlayerFactory.create_batch(3, current_club=club, primary_position=Position.ST)

    row = squad_depth(club).row(Position.ST)

    assert (row.balance, row.balance_label, row.balance_kind) == (
        2,
        "Surplus 2",
        "surplus",
    )


def test_position_without_a_target_has_no_balance():
    club = ClubFactory()
    PlayerFactory(current_club=club, primary_position=Position.GK)

    row = squad_depth(club).row(Position.GK)

    assert (row.target, row.balance, row.balance_label) == (None, None, "")


def test_unpublished_and_resolved_claims_are_not_rumours():
    club = ClubFactory()
    player = PlayerFactory(current_club=club, primary_position=Position.CB)
    TransferClaimFactory(player=player, article=ArticleFactory(draft=True))
    TransferClaimFactory(player=player, article=ArticleFactory(scheduled=True))
    TransferClaimFactory(player=player, confirmed=True)

    row = squad_depth(club).row(Position.CB)

    assert row.rumours_out == []


def test_rumour_rows_follow_the_player_primary_position():
    club = ClubFactory()
    winger = PlayerFactory(
        primary_position=Position.LW, secondary_positions=[Position.ST]
    )
    TransferClaimFactory(player=winger, to_club=club)

    depth = squad_depth(club)

    assert [link.player for link in depth.row(Position.LW).rumours_in] == [winger]
    assert depth.row(Position.ST).rumours_in == []


def test_players_of_other_clubs_are_not_in_the_squad():
    club = ClubFactory()
    PlayerFactory(primary_position=Position.CB)

    row = squad_depth(club).row(Position.CB)

    assert (row.specialists, row.cover) == ([], [])
    assert Player.objects.count() == 1


# Values a reader sees on the squad page, each pinned so that a changed rule
# shows up as a failing test rather than as a page that still renders.


def test_specialists_are_listed_by_name():
    club = ClubFactory()
    for name in ("Zeno Moss", "Abel Hart", "Milo Quist"):
        PlayerFactory(name=name, current_club=club, primary_position=Position.CB)

    row = squad_depth(club).row(Position.CB)

    assert [player.name for player in row.specialists] == [
        "Abel Hart",
        "Milo Quist",
        "Zeno Moss",
    ]


def test_the_squad_depth_names_its_club():
    club = ClubFactory()

    assert squad_depth(club).club == club


def test_each_player_rumoured_out_has_a_link_of_his_own():
    club = ClubFactory()
    first = PlayerFactory(name="Abel Hart", current_club=club)
    second = PlayerFactory(name="Zeno Moss", current_club=club)
    TransferClaimFactory(player=second)
    TransferClaimFactory(player=first)

    rumours_out = squad_depth(club).row(Position.CB).rumours_out

    assert [link.player.name for link in rumours_out] == ["Abel Hart", "Zeno Moss"]


def test_each_player_rumoured_in_has_a_link_of_his_own():
    club = ClubFactory()
    TransferClaimFactory(to_club=club, player=PlayerFactory(name="Zeno Moss"))
    TransferClaimFactory(to_club=club, player=PlayerFactory(name="Abel Hart"))

    rumours_in = squad_depth(club).row(Position.CB).rumours_in

    assert [link.player.name for link in rumours_in] == ["Abel Hart", "Zeno Moss"]


def test_a_players_claims_are_listed_in_the_order_they_were_reported():
    club = ClubFactory()
    player = PlayerFactory(current_club=club)
    later = TransferClaimFactory(player=player, reported_at=NOW)
    earlier = TransferClaimFactory(player=player, reported_at=NOW - HOUR)

    [link] = squad_depth(club).row(Position.CB).rumours_out

    assert link.claims == [earlier, later]


def test_an_enquiry_flags_neither_blocked_nor_wants_to_leave():
    club = ClubFactory()
    TransferClaimFactory(player=PlayerFactory(current_club=club))

    [link] = squad_depth(club).row(Position.CB).rumours_out

    assert (link.blocked, link.wants_to_leave) == (False, False)


def test_a_blocked_move_flags_the_link_blocked_only():
    club = ClubFactory()
    TransferClaimFactory(
        player=PlayerFactory(current_club=club),
        to_club=None,
        claim_type=TransferClaim.Type.BLOCKED,
    )

    [link] = squad_depth(club).row(Position.CB).rumours_out

    assert (link.blocked, link.wants_to_leave) == (True, False)


def test_a_club_named_in_two_claims_is_listed_once():
    club = ClubFactory()
    suitor = ClubFactory(short_name="Suitor")
    player = PlayerFactory(current_club=club)
    TransferClaimFactory(player=player, to_club=suitor)
    TransferClaimFactory(
        player=player, to_club=suitor, claim_type=TransferClaim.Type.BID
    )

    [link] = squad_depth(club).row(Position.CB).rumours_out

    assert link.clubs == [suitor]


@pytest.mark.parametrize(
    ("available", "label", "kind"),
    [(3, "Need 1", "need"), (4, "Balanced", "balanced"), (5, "Surplus 1", "surplus")],
)
def test_the_balance_reads_need_balanced_or_surplus(available, label, kind):
    club = ClubFactory()
    SquadNoteFactory(club=club, position=Position.CB, count=4)
    for _ in range(available):
        PlayerFactory(current_club=club, primary_position=Position.CB)

    row = squad_depth(club).row(Position.CB)

    assert (row.balance_label, row.balance_kind) == (label, kind)


def test_injured_specialists_are_counted_apart_from_the_fit_ones():
    club = ClubFactory()
    SquadNoteFactory(club=club, position=Position.CB, count=2)
    PlayerFactory(current_club=club)
    PlayerFactory(current_club=club, injured=True)
    PlayerFactory(current_club=club, injured=True)

    row = squad_depth(club).row(Position.CB)

    assert (len(row.specialists), row.unavailable_count, row.balance_label) == (
        3,
        2,
        "Need 1",
    )


def test_depth_chart_draws_specialists_then_cover_on_the_widest_rows_scale():
    club = ClubFactory()
    SquadNoteFactory(club=club, position=Position.CB, count=2)
    PlayerFactory(
        current_club=club, primary_position=Position.CB, name="Ali", injured=True
    )
    PlayerFactory(current_club=club, primary_position=Position.CB, name="Ben")
    PlayerFactory(
        current_club=club,
        primary_position=Position.RB,
        secondary_positions=[Position.CB],
        name="Cal",
    )
    PlayerFactory.create_batch(4, current_club=club, primary_position=Position.ST)

    chart = squad_depth(club).row(Position.CB).chart

    assert [(s["name"], s["kind"], s["x"]) for s in chart["slots"]] == [
        ("Ali", "unavailable", "4"),
        ("Ben", "specialist", "26"),
        ("Cal", "cover", "48"),
    ]
    assert chart["slots"][0]["cross"] == "M7 7 l12 12 M19 7 l-12 12"
    assert (chart["width"], chart["target_x"]) == ("92", "46")
    assert chart["label"] == (
        "Centre-back: 1 available specialist, 1 unavailable, 1 cover, target 2"
    )
