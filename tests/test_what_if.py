"""The what-if squad view (#16): each position now, and if the open rumours happen.

The seed's case first (Tottenham's centre-backs against Frank's four, with
Dragusin wanting out and Buongiorno named; Milan short of one), then the
rules: which claims are moves, who counts, the reader's choice of moves,
and what never plays (lapsed rumours, unpublished stories).
"""

import datetime as dt

import pytest
from django.utils import timezone

from rumours.models.squad import squad_depth
from rumours.models.what_if import play

from .factories import (
    ArticleFactory,
    ClubFactory,
    PlayerFactory,
    SquadNoteFactory,
    TransferClaimFactory,
)
from .support.pages import section_text, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("lapse_windows")]

SPURS_SQUAD = "/clubs/tottenham-hotspur/squad/"


def test_spurs_centre_backs_read_now_and_if_each_rumour_happens(
    client, demo, in_the_seeds_week
):
    summary = section_text(client.get(SPURS_SQUAD), "what-if-result")

    assert (
        "Centre-back Balanced 4 of 4 now · 3 of 4 if Radu Dragusin leaves · "
        "4 of 4 if Alessandro Buongiorno arrives"
    ) in summary


def test_spurs_centre_backs_say_who_counts_against_the_target(
    client, demo, in_the_seeds_week
):
    text = text_of(client.get(SPURS_SQUAD))

    assert (
        "Specialists Cristian Romero, Kevin Danso, Micky van de Ven, Radu Dragusin"
    ) in text
    assert "Balanced (4 available against a target of 4)" in text


def test_milan_centre_back_need_is_met_if_dragusin_arrives(
    client, demo, in_the_seeds_week
):
    summary = section_text(client.get("/clubs/ac-milan/squad/"), "what-if-result")

    assert (
        "Centre-back Need 1 Need 1 now · Balanced if Radu Dragusin arrives" in summary
    )


def test_the_pitch_marks_who_would_leave_and_arrive(client, demo, in_the_seeds_week):
    html = client.get(SPURS_SQUAD).content.decode()

    assert 'class=" is-leaving">Radu Dragusin <span class="pitch-mark">leaves?' in html
    assert (
        '<li class="is-arriving">Alessandro Buongiorno '
        '<span class="pitch-mark">arrives?</span>'
    ) in html


def test_a_reader_can_leave_a_move_out(client, demo, in_the_seeds_week):
    response = client.get(SPURS_SQUAD, {"whatif": "1", "move": "out:radu-dragusin"})

    summary = section_text(response, "what-if-result")
    assert "4 of 4 now · 3 of 4 if Radu Dragusin leaves" in summary
    assert "Buongiorno" not in summary
    html = response.content.decode()
    assert 'value="out:radu-dragusin" checked' in html
    assert 'value="in:alessandro-buongiorno">' in html


def test_choosing_no_move_shows_the_squad_as_it_is(client, demo, in_the_seeds_week):
    summary = section_text(client.get(SPURS_SQUAD, {"whatif": "1"}), "what-if-result")

    assert "Centre-back Balanced 4 of 4 Right-back" in summary
    assert "if Radu Dragusin leaves" not in summary


def test_a_move_no_longer_rumoured_is_named_back_not_refused(
    client, demo, in_the_seeds_week
):
    response = client.get(
        SPURS_SQUAD, {"whatif": "1", "move": ["out:radu-dragusin", "in:nobody"]}
    )

    assert response.status_code == 200
    assert "No longer rumoured here, so left out: in:nobody." in text_of(response)


def test_the_form_works_without_script_and_the_script_is_a_file(
    client, demo, in_the_seeds_week
):
    html = client.get(SPURS_SQUAD).content.decode()

    assert '<input type="hidden" name="whatif" value="1">' in html
    assert '<button type="submit">Show the squad</button>' in html
    assert '<script src="/static/js/what-if.js" defer></script>' in html
    assert "<script>" not in html


def test_with_no_open_rumour_the_page_says_the_squad_stands(client, demo):
    # Today the demo's January rumours have lapsed.
    text = text_of(client.get(SPURS_SQUAD))

    assert "No open rumour moves a player in or out of Tottenham right now" in text
    assert "Centre-back Balanced 4 of 4 Right-back" in text


# ------------------------------------------------------------ the rules


def centre_backs(club, count, **kwargs):
    return [
        PlayerFactory(current_club=club, primary_position="CB", **kwargs)
        for _ in range(count)
    ]


def outlook_of(club, position="CB", chosen=None):
    depth = squad_depth(club)
    play(depth, chosen)
    return depth.row(position).outlook


def test_an_injured_player_leaving_changes_no_count():
    club = ClubFactory()
    SquadNoteFactory(club=club, count=3)
    centre_backs(club, 2)
    (hurt,) = centre_backs(club, 1, injured=True)
    TransferClaimFactory(player=hurt, claim_type="bid")

    outlook = outlook_of(club)

    assert outlook.now == "2 of 3"
    assert [(s.move.player, s.standing) for s in outlook.steps] == [(hurt, "2 of 3")]


def test_a_denial_or_a_block_alone_is_not_a_move():
    club = ClubFactory()
    SquadNoteFactory(club=club, count=2)
    denied, blocked = centre_backs(club, 2)
    TransferClaimFactory(player=denied, claim_type="denied")
    TransferClaimFactory(player=blocked, claim_type="blocked", to_club=None)

    depth = squad_depth(club)

    assert depth.moves == []
    assert [link.player for link in depth.row("CB").rumours_out] == [denied, blocked]


def test_wanting_to_leave_or_being_listed_is_a_move_out():
    club = ClubFactory()
    SquadNoteFactory(club=club, count=2)
    wants_out, listed = sorted(centre_backs(club, 2), key=lambda p: p.name)
    TransferClaimFactory(player=wants_out, claim_type="wants_to_leave", to_club=None)
    TransferClaimFactory(player=listed, claim_type="transfer_listed", to_club=None)

    outlook = outlook_of(club)

    assert [s.standing for s in outlook.steps] == ["1 of 2", "0 of 2"]
    assert outlook.kind_now == "balanced"
    assert outlook.kind_after == "need"


def test_an_arrival_interested_in_only_by_the_player_is_not_a_move_in():
    club = ClubFactory()
    SquadNoteFactory(club=club, count=1)
    player = PlayerFactory(primary_position="CB")
    TransferClaimFactory(player=player, to_club=club, claim_type="player_rejects")

    assert squad_depth(club).moves == []


def test_a_counted_surplus_shrinks_as_players_leave():
    club = ClubFactory()
    SquadNoteFactory(club=club, kind="surplus", count=2)
    (leaving,) = centre_backs(club, 1)
    TransferClaimFactory(player=leaving)

    outlook = outlook_of(club)

    assert (outlook.now, outlook.after) == ("Surplus 2", "Surplus 1")


def test_without_a_note_the_outlook_counts_available_players():
    club = ClubFactory()
    (leaving,) = centre_backs(club, 1)
    TransferClaimFactory(player=leaving)

    outlook = outlook_of(club)

    assert (outlook.now, outlook.after) == ("1 available", "0 available")


def test_a_group_note_counts_moves_of_every_player_of_the_group():
    club = ClubFactory()
    SquadNoteFactory(club=club, position="DF", count=3)
    centre_backs(club, 1)
    PlayerFactory(current_club=club, primary_position="LB")
    arriving = PlayerFactory(primary_position="DF")
    TransferClaimFactory(player=arriving, to_club=club, claim_type="medical")

    depth = squad_depth(club)
    play(depth)

    assert depth.group("DF").outlook.now == "2 of 3"
    assert depth.group("DF").outlook.after == "3 of 3"
    assert depth.row("CB").outlook.steps == []


def test_only_the_chosen_moves_play():
    club = ClubFactory()
    SquadNoteFactory(club=club, count=2)
    first, second = sorted(centre_backs(club, 2), key=lambda p: p.name)
    for player in (first, second):
        TransferClaimFactory(player=player)

    outlook = outlook_of(club, chosen={f"out:{second.slug}"})

    assert [s.move.player for s in outlook.steps] == [second]
    assert outlook.after == "1 of 2"


def test_departures_play_before_arrivals():
    club = ClubFactory()
    SquadNoteFactory(club=club, count=1)
    (leaving,) = centre_backs(club, 1)
    arriving = PlayerFactory(name="Aaron First", primary_position="CB")
    TransferClaimFactory(player=arriving, to_club=club)
    TransferClaimFactory(player=leaving)

    outlook = outlook_of(club)

    assert [s.move.direction for s in outlook.steps] == ["out", "in"]
    assert [s.standing for s in outlook.steps] == ["0 of 1", "1 of 1"]


def test_a_lapsed_rumour_does_not_play():
    club = ClubFactory()
    (player,) = centre_backs(club, 1)
    TransferClaimFactory(
        player=player,
        claim_type="interest",
        reported_at=timezone.now() - dt.timedelta(days=365),
    )

    assert squad_depth(club).moves == []


def test_a_rumour_from_an_unpublished_story_never_plays(client):
    club = ClubFactory()
    SquadNoteFactory(club=club, count=1)
    (player,) = centre_backs(club, 1)
    TransferClaimFactory(player=player, article=ArticleFactory(draft=True))

    text = text_of(client.get(club.get_squad_url()))

    assert squad_depth(club).moves == []
    assert "leaves" not in text.replace("wants to leave", "")


def test_the_summary_puts_needs_first_and_folds_empty_positions(client):
    club = ClubFactory()
    SquadNoteFactory(club=club, position="ST", kind="surplus", count=1)
    SquadNoteFactory(club=club, position="GK", count=2)
    SquadNoteFactory(club=club, position="CB", count=1)
    centre_backs(club, 1)
    PlayerFactory(current_club=club, primary_position="CM")

    summary = section_text(client.get(club.get_squad_url()), "what-if-result")

    assert summary.index("Goalkeeper Need 2") < summary.index("Centre-back Balanced")
    assert summary.index("Centre-back Balanced") < summary.index("Striker Surplus 1")
    assert summary.index("Striker Surplus 1") < summary.index(
        "Central midfielder No note"
    )
    assert (
        "Nobody, no note and no rumour at: right-back, left-back, defensive "
        "midfielder, attacking midfielder, right winger, left winger."
    ) in summary


def test_an_outlook_in_words_reads_each_move_in_turn():
    club = ClubFactory()
    SquadNoteFactory(club=club, count=2)
    (leaving,) = centre_backs(club, 1, name="Radu Dragusin")
    TransferClaimFactory(player=leaving, claim_type="bid")

    assert outlook_of(club).words == "1 of 2 now · 0 of 2 if Radu Dragusin leaves"
    assert outlook_of(club, chosen=set()).words == "1 of 2"
