"""The market board's standings follow the notes and players they measure (#16).

The board reads ``MarketStanding`` rows instead of measuring every club on
every view; these tests change what a standing depends on (a player's
fitness, position or club, a note, a deletion, a bulk write) and check the
stored rows against a measurement made from scratch.
"""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rumours.models import MarketStanding, Player, SquadNote
from rumours.models.market import available_counts
from rumours.models.market_standings import measured_standings, refresh_standings

from .factories import ClubFactory, PlayerFactory, SquadNoteFactory

pytestmark = pytest.mark.django_db


def stored():
    return set(MarketStanding.objects.values_list("club_id", "row", "side", "balance"))


def measured():
    """The standings measured now from the notes and players, saved or not."""
    return {
        (s.club_id, s.row, s.side, s.balance)
        for s in measured_standings(SquadNote.objects.all())
    }


@pytest.fixture
def left_backs():
    """A club that wants two left-backs and has two fit ones: balanced."""
    club = ClubFactory()
    SquadNoteFactory(club=club, position="LB", count=2)
    players = PlayerFactory.create_batch(2, current_club=club, primary_position="LB")
    return club, players


def test_a_balanced_club_has_no_standing(left_backs):
    assert stored() == set()


def test_an_injury_leaves_the_club_short(left_backs):
    club, (player, _) = left_backs

    player.fitness = Player.Fitness.INJURED
    player.save()

    assert stored() == {(club.pk, "LB", "need", -1)}


def test_a_recovery_balances_the_club_again(left_backs):
    club, (player, _) = left_backs
    player.fitness = Player.Fitness.INJURED
    player.save()

    player.fitness = Player.Fitness.AVAILABLE
    player.save()

    assert stored() == set()


def test_a_new_position_counts_at_the_new_row(left_backs):
    club, (player, _) = left_backs
    SquadNoteFactory(club=club, position="CB", count=0)

    player.primary_position = "CB"
    player.save(update_fields=["primary_position"])

    assert stored() == {(club.pk, "LB", "need", -1), (club.pk, "CB", "surplus", 1)}


def test_a_move_measures_both_clubs(left_backs):
    seller, (player, _) = left_backs
    buyer = ClubFactory()
    SquadNoteFactory(club=buyer, position="LB", count=0)

    player.current_club = buyer
    player.save()

    assert stored() == {(seller.pk, "LB", "need", -1), (buyer.pk, "LB", "surplus", 1)}


def test_a_save_of_other_fields_measures_nothing(left_backs):
    _, (player, _) = left_backs
    player.fitness_note = "Rested"

    with CaptureQueriesContext(connection) as queries:
        player.save(update_fields=["fitness_note"])

    touched = [
        q["sql"] for q in queries if "squadnote" in q["sql"] or "standing" in q["sql"]
    ]
    assert touched == []


def test_a_new_player_counts(left_backs):
    club, _ = left_backs

    PlayerFactory(current_club=club, primary_position="LB")

    assert stored() == {(club.pk, "LB", "surplus", 1)}


def test_a_deleted_player_no_longer_counts(left_backs):
    club, (player, _) = left_backs

    player.delete()

    assert stored() == {(club.pk, "LB", "need", -1)}


def test_a_newer_note_replaces_the_standing(left_backs):
    club, _ = left_backs

    SquadNoteFactory(club=club, position="LB", count=3, noted_on=dt.date(2027, 1, 1))

    assert stored() == {(club.pk, "LB", "need", -1)}


def test_a_deleted_note_takes_its_standing_away(left_backs):
    club, _ = left_backs
    note = SquadNoteFactory(
        club=club, position="LB", count=5, noted_on=dt.date(2027, 1, 1)
    )

    note.delete()

    assert stored() == set()


def test_a_deleted_club_takes_its_standings_away():
    club = ClubFactory()
    SquadNoteFactory(club=club, position="CB", kind="need", count=None)
    assert stored() == {(club.pk, "CB", "need", None)}

    club.delete()

    assert stored() == set()


def test_a_broad_note_counts_every_position_of_its_group():
    club = ClubFactory()
    SquadNoteFactory(club=club, position="DF", count=4)
    for code in ("CB", "LB", "DF"):
        PlayerFactory(current_club=club, primary_position=code)
    PlayerFactory(current_club=club, primary_position="ST")

    assert stored() == {(club.pk, "DF", "need", -1)}


def test_the_counts_in_sql_agree_with_the_counts_in_python():
    club = ClubFactory()
    for code in ("CB", "CB", "LB", "DF", "WD", "ST", "GK", ""):
        PlayerFactory(current_club=club, primary_position=code)
    PlayerFactory(current_club=club, primary_position="CB", injured=True)
    for position in ("CB", "LB", "DF", "WD", "FW", "ST", "GK", "MF"):
        SquadNoteFactory(club=club, position=position, count=1)

    counts = available_counts({club.pk})
    annotated = SquadNote.objects.with_available().values_list("position", "available")

    assert dict(annotated) == {
        position: counts[club.pk, position] for position, _ in annotated
    }


def test_a_bulk_import_measures_every_club():
    sizes = ["--clubs", "6", "--players", "120", "--articles", "20", "--claims", "60"]
    call_command("generate_newsroom", *sizes, "--seed", "3", verbosity=0)

    assert stored() == measured() != set()


def test_migrate_measures_a_database_that_has_no_standings_yet(left_backs):
    club, (player, _) = left_backs
    Player.objects.filter(pk=player.pk).update(fitness=Player.Fitness.INJURED)
    assert stored() == set()

    call_command("migrate", verbosity=0)

    assert stored() == {(club.pk, "LB", "need", -1)}


def test_a_refresh_from_scratch_changes_nothing_after_many_edits(left_backs):
    club, (first, second) = left_backs
    other = ClubFactory()
    SquadNoteFactory(club=other, position="LB", count=1)
    first.current_club = other
    first.save()
    second.fitness = Player.Fitness.SUSPENDED
    second.save()
    SquadNoteFactory(club=club, position="LB", kind="surplus", count=None,
                     noted_on=dt.date(2027, 1, 1))  # fmt: skip
    kept = stored()

    refresh_standings()

    assert stored() == kept == measured()
