"""The likelihood of each rumoured move a squad's what-if plays (#15, #16).

An arrival is one link, the player and this club: the club's own need at
his position is its squad row's balance. A departure is as likely as its
likeliest named suitor, read as the player page reads each suitor; a
departure that names no suitor (a wish to leave, a club ready to sell) has
no number, only its words. Seller stances come from the claims the squad
already loaded.
"""

from .likelihood import (
    Outlook,
    likelihood,
    link_evidence,
    needs_at,
    parts_in_words,
    seller_stance,
)
from .positions import GROUP_OF, SPECIFIC_POSITIONS, position_label
from .source_records import attach_records

SQUAD_NEEDS = {"need": "short", "surplus": "surplus"}


def move_outlooks(depth, *, now):
    """Set ``outlook`` and ``likeliest`` on each move of ``depth``: three queries.

    The sources' records, then the departures' suitors' squad notes and
    their players; none when no move has a claim with a source or a suitor.
    ``likeliest`` is the club the number is about (the suitor of a departure,
    the squad's own club for an arrival).
    """
    moves = depth.moves
    attach_records(
        [claim for move in moves for claim in move.claims], originators_only=True
    )
    departures = [move for move in moves if move.direction == "out"]
    needs = needs_at(
        (club.pk, move.player.primary_position)
        for move in departures
        for club in move.clubs
    )
    for move in moves:
        move.outlook, move.likeliest = None, None
        if move.direction == "in":
            arrival_outlook(move, depth, now)
        else:
            departure_outlook(move, depth.club, needs, now)


def arrival_outlook(move, depth, now):
    position = move.player.primary_position
    need = SQUAD_NEEDS.get(squad_balance(depth, position), "")
    seller = move.clubs[0].short_name if len(move.clubs) == 1 else ""
    evidence = link_evidence(
        move.claims, now=now, buyer_need=need, seller=seller_stance(move.claims)
    )
    if evidence is not None:
        move.likeliest = depth.club
        move.outlook = outlook_of(evidence, depth.club.short_name, seller, position)


def squad_balance(depth, position):
    """Return the balance kind of ``position``'s row, or its group's if broad."""
    if not position:
        return ""
    if position in SPECIFIC_POSITIONS:
        return depth.row(position).balance_kind
    return depth.group(GROUP_OF[position]).balance_kind


def departure_outlook(move, club, needs, now):
    position = move.player.primary_position
    stance = seller_stance(move.claims)
    best = None
    for suitor in move.clubs:
        evidence = link_evidence(
            [claim for claim in move.claims if claim.to_club_id == suitor.pk],
            now=now,
            buyer_need=needs.get((suitor.pk, position), ""),
            seller=stance,
        )
        if evidence is None:
            continue
        found = outlook_of(evidence, suitor.short_name, club.short_name, position)
        if best is None or found.value > best[1].value:
            best = (suitor, found)
    if best is not None:
        move.likeliest, move.outlook = best


def outlook_of(evidence, buyer, seller, position):
    label = position_label(position).lower() if position else ""
    return Outlook(
        likelihood(evidence),
        parts_in_words(evidence, buyer=buyer, seller=seller, position=label),
    )
