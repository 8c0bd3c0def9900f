"""The market board (#16): clubs short and long at each position, and what joins them.

The seed's case first (Milan short of a centre-back, Dragusin wanting to
leave Tottenham, the enquiry joining them), then the rules: what makes a
club short or long, which rumours are listed, the limit per row, the
competition filter, the API's copy, and what never shows (unpublished and
lapsed rumours).
"""

import datetime as dt

import pytest
from django.utils import timezone

from rumours.models import market
from rumours.models.market import ROW_LIMIT, market_board

from .factories import (
    ClubFactory,
    CompetitionFactory,
    PlayerFactory,
    SquadNoteFactory,
    TransferClaimFactory,
)
from .support.pages import section_text, text_of

pytestmark = pytest.mark.django_db


def row(groups, position):
    return next(r for group in groups for r in group.rows if r.position == position)


def test_the_seed_joins_milans_need_to_dragusin_by_the_enquiry(
    client, demo, in_the_seeds_week
):
    centre_backs = section_text(client.get("/market/"), "market-cb")

    assert "Short AC Milan Need 1" in centre_backs
    assert (
        "Radu Dragusin (Tottenham): wants to leave; Tottenham are blocking a move"
    ) in centre_backs
    assert (
        "Need meets surplus: Radu Dragusin, Tottenham → AC Milan: enquiry"
    ) in centre_backs


def test_the_seeds_other_suitors_follow_the_join(client, demo, in_the_seeds_week):
    centre_backs = section_text(client.get("/market/"), "market-cb")

    joined = centre_backs.index("Tottenham → AC Milan")
    assert joined < centre_backs.index("Tottenham → Roma: interest")
    assert joined < centre_backs.index("Tottenham → Napoli: enquiry")


# ------------------------------------------------------------ the rules


def test_a_target_above_the_available_players_is_a_need():
    club = ClubFactory()
    SquadNoteFactory(club=club, position="LB", count=2)
    PlayerFactory(current_club=club, primary_position="LB")
    PlayerFactory(current_club=club, primary_position="LB", injured=True)

    (standing,) = row(market_board(), "LB").needs.items

    assert (standing.club, standing.balance_label, standing.standing()) == (
        club,
        "Need 1",
        "1 of 2",
    )


def test_a_met_target_is_neither_short_nor_long():
    club = ClubFactory()
    SquadNoteFactory(club=club, position="LB", count=1)
    PlayerFactory(current_club=club, primary_position="LB")

    assert row(market_board(), "LB").is_empty


def test_only_the_newest_note_counts():
    club = ClubFactory()
    SquadNoteFactory(club=club, kind="need", count=2, noted_on=dt.date(2026, 1, 1))
    SquadNoteFactory(club=club, kind="surplus", count=1, noted_on=dt.date(2026, 2, 1))

    centre_backs = row(market_board(), "CB")

    assert centre_backs.needs.items == []
    assert [s.club for s in centre_backs.surplus.items] == [club]


def test_a_note_about_a_group_goes_to_its_any_row():
    club = ClubFactory()
    SquadNoteFactory(club=club, position="DF", kind="need", count=None)

    groups = market_board()

    assert [s.club for s in row(groups, "DF").needs.items] == [club]
    assert row(groups, "DF").label == "Any defender"


def test_a_rumour_between_clubs_with_no_need_or_surplus_is_not_listed():
    TransferClaimFactory(player=PlayerFactory(primary_position="CB"))

    assert row(market_board(), "CB").is_empty


def test_a_rumour_towards_a_short_club_is_listed_without_a_surplus():
    buyer = ClubFactory()
    SquadNoteFactory(club=buyer, kind="need", count=1)
    claim = TransferClaimFactory(to_club=buyer, player=PlayerFactory())

    (connection,) = row(market_board(), "CB").connections.items

    assert (connection.claims, connection.meets_need, connection.joins) == (
        [claim],
        True,
        False,
    )


def test_the_board_reads_only_the_newest_open_claims(monkeypatch):
    monkeypatch.setattr(market, "CANDIDATES", 2)
    buyer = ClubFactory()
    SquadNoteFactory(club=buyer, kind="need", count=1)
    now = timezone.now()
    older, *newer = (
        TransferClaimFactory(
            to_club=buyer,
            player=PlayerFactory(primary_position="CB"),
            reported_at=now - dt.timedelta(hours=hours),
        )
        for hours in (3, 2, 1)
    )

    listed = [c.claims[0] for c in row(market_board(), "CB").connections.items]

    assert listed == newer[::-1]


def test_a_rumour_from_a_long_club_to_a_short_one_joins_them():
    buyer, seller = ClubFactory(), ClubFactory()
    SquadNoteFactory(club=buyer, kind="need", count=1)
    SquadNoteFactory(club=seller, kind="surplus", count=1)
    TransferClaimFactory(to_club=buyer, player=PlayerFactory(current_club=seller))

    (connection,) = row(market_board(), "CB").connections.items

    assert connection.joins


def test_a_players_claims_between_the_same_clubs_are_one_connection_newest_first():
    buyer = ClubFactory()
    SquadNoteFactory(club=buyer, kind="need", count=1)
    player = PlayerFactory()
    first = TransferClaimFactory(
        player=player, to_club=buyer, reported_at=timezone.now() - dt.timedelta(1)
    )
    second = TransferClaimFactory(player=player, to_club=buyer, claim_type="bid")

    (connection,) = row(market_board(), "CB").connections.items

    assert connection.claims == [second, first]


def test_a_row_lists_a_limited_number_and_says_how_many_more():
    for _ in range(ROW_LIMIT + 3):
        SquadNoteFactory(club=ClubFactory(), kind="need", count=1)

    needs = row(market_board(), "CB").needs

    assert (len(needs.items), needs.more) == (ROW_LIMIT, 3)


def test_the_most_short_club_comes_first():
    slightly, badly = ClubFactory(name="A Slightly"), ClubFactory(name="B Badly")
    SquadNoteFactory(club=slightly, kind="need", count=1)
    SquadNoteFactory(club=badly, kind="need", count=3)

    needs = row(market_board(), "CB").needs.items

    assert [s.club for s in needs] == [badly, slightly]


def test_the_competition_filter_keeps_its_clubs_and_their_rumours(client):
    league = CompetitionFactory()
    inside = ClubFactory(competition=league, name="Inside FC")
    outside = ClubFactory(name="Outside FC")
    for club in (inside, outside):
        SquadNoteFactory(club=club, kind="need", count=1)
    TransferClaimFactory(to_club=outside, player=PlayerFactory(name="Far Away"))
    TransferClaimFactory(to_club=inside, player=PlayerFactory(name="Close By"))

    text = text_of(client.get("/market/", {"competition": league.slug}))

    assert ("Inside FC" in text, "Close By" in text) == (True, True)
    assert ("Outside FC" in text, "Far Away" in text) == (False, False)


def test_an_unknown_competition_is_a_404(client):
    assert client.get("/market/", {"competition": "nowhere"}).status_code == 404


def test_a_lapsed_rumour_leaves_the_board():
    buyer = ClubFactory()
    SquadNoteFactory(club=buyer, kind="need", count=1)
    TransferClaimFactory(
        to_club=buyer,
        player=PlayerFactory(),
        claim_type="interest",
        reported_at=timezone.now() - dt.timedelta(days=365),
    )

    assert row(market_board(), "CB").connections.items == []


def test_an_empty_board_says_so(client):
    assert "No club is short or long anywhere" in text_of(client.get("/market/"))
