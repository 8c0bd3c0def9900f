"""The market board (#16): who needs a position, who has too many, what joins them.

For each position (and, per group, “any defender” for the notes and players
a story gave only broadly): the clubs whose current squad note leaves them
short, the clubs with a surplus, the named players their clubs would let go
or who want to leave, and the open rumours that join a buyer to a seller.
A rumour is listed when it meets a need at the buyer or a surplus at the
seller; those meeting both come first. Four queries whatever the size of
the newsroom: the current notes, the available players they are measured
against, the open claims, and the competitions for the filter.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Q, Subquery

from .claim_terms import LEAVING_KINDS, MOVE_KINDS, ClaimType
from .claims import TransferClaim
from .football import Player
from .positions import GROUP_OF, POSITION_GROUPS, SPECIFIC_POSITIONS, Position
from .squad_notes import Balanced, NoteHistory, SquadNote

# How many clubs, players and rumours a row lists before “and n more”:
# the board stays one screen a position whatever the size of the newsroom.
ROW_LIMIT = 8
# The newest open claims the board reads: enough for a transfer window.
CLAIM_LIMIT = 1000


def row_key(code):
    """Return the board row of a position code: itself, or its group's “any” row."""
    return code if code in SPECIFIC_POSITIONS else GROUP_OF[code]


@dataclass
class ClubStanding(Balanced):
    """One club's current note at one row of the board, measured."""

    club: object
    notes: NoteHistory
    counted: int


@dataclass
class Offer:
    """A named player his club would let go, or who wants to go."""

    player: Player
    club: object
    reasons: list = field(default_factory=list)
    blocked: bool = False


@dataclass
class Connection:
    """The open rumours of one player between one seller and one buyer."""

    player: Player
    from_club: object
    to_club: object
    claims: list = field(default_factory=list)
    meets_need: bool = False
    meets_surplus: bool = False

    @property
    def latest(self):
        return self.claims[0]

    @property
    def competition_ids(self):
        return {club.competition_id for club in (self.from_club, self.to_club) if club}

    @property
    def joins(self):
        """Return True when a buyer's need meets a seller's surplus or offer."""
        return self.meets_need and self.meets_surplus


@dataclass
class Listing:
    """The first ``ROW_LIMIT`` items of a longer list, and how many more."""

    items: list
    more: int = 0

    @classmethod
    def of(cls, items):
        return cls(items=items[:ROW_LIMIT], more=max(len(items) - ROW_LIMIT, 0))

    def __bool__(self):
        return bool(self.items)


@dataclass
class MarketRow:
    position: str
    label: str
    needs: Listing
    surplus: Listing
    offers: Listing
    connections: Listing

    @property
    def anchor(self):
        return f"market-{self.position.lower()}"

    @property
    def is_empty(self):
        return not (self.needs or self.surplus or self.offers or self.connections)


@dataclass
class MarketGroup:
    position: str
    label: str
    rows: list

    @property
    def is_empty(self):
        return all(row.is_empty for row in self.rows)


def board_rows():
    """Return (row key, label, group) in team-sheet order, a group's “any” row last."""
    rows = []
    for group, (_, specific, broad) in POSITION_GROUPS.items():
        rows += [(code, Position(code).label, group) for code in specific]
        if broad:
            rows.append((group, f"Any {Position(group).label.lower()}", group))
    return rows


def market_board(competition=None):
    """Return the board as ``MarketGroup``s, optionally for one competition's clubs."""
    standings = club_standings(competition)
    needs, surplus = defaultdict(list), defaultdict(list)
    short = set()
    for standing in standings:
        kind = standing.balance_kind
        if kind == "need":
            needs[standing.notes.position].append(standing)
            short.add((standing.club.pk, standing.notes.position))
        elif kind == "surplus":
            surplus[standing.notes.position].append(standing)
    long = {(s.club.pk, key) for key, items in surplus.items() for s in items}
    claims = open_market_claims(short, long)
    offers = player_offers(claims)
    connections = rumour_connections(claims, short, long, offers)
    if competition is not None:
        offers = {
            pk: offer
            for pk, offer in offers.items()
            if offer.club.competition_id == competition.pk
        }
        connections = {
            key: [c for c in found if competition.pk in c.competition_ids]
            for key, found in connections.items()
        }
    by_group = defaultdict(list)
    for key, label, group in board_rows():
        by_group[group].append(
            MarketRow(
                position=key,
                label=label,
                needs=Listing.of(sorted(needs[key], key=shortest_first)),
                surplus=Listing.of(sorted(surplus[key], key=largest_first)),
                offers=Listing.of(offers_at(offers, key)),
                connections=Listing.of(connections.get(key, [])),
            )
        )
    return [
        MarketGroup(position=group, label=label, rows=by_group[group])
        for group, (label, _, _) in POSITION_GROUPS.items()
    ]


def shortest_first(standing):
    return (standing.balance or 0, standing.club.name)


def largest_first(standing):
    return (-(standing.balance or 0), standing.club.name)


def club_standings(competition):
    """Return every club's current note at each row, measured: two queries."""
    newest = (
        SquadNote.objects.filter(club=OuterRef("club"), position=OuterRef("position"))
        .newest_first()
        .values("pk")[:1]
    )
    notes = SquadNote.objects.filter(pk=Subquery(newest)).select_related("club")
    if competition is not None:
        notes = notes.filter(club__competition=competition)
    notes = list(notes.order_by("club__name", "position"))
    counts = available_counts({note.club_id for note in notes})
    return [
        ClubStanding(
            club=note.club,
            notes=NoteHistory(row_key(note.position), [note]),
            counted=counts[note.club_id, note.position],
        )
        for note in notes
    ]


def available_counts(club_ids):
    """Return ``{(club pk, code): available players}`` for codes and groups alike."""
    counts = defaultdict(int)
    if not club_ids:
        return counts
    rows = (
        Player.objects.filter(
            current_club__in=club_ids, fitness=Player.Fitness.AVAILABLE
        )
        .exclude(primary_position="")
        .values_list("current_club", "primary_position")
        .annotate(players=Count("pk"))
        .order_by()
    )
    for club_id, code, players in rows:
        counts[club_id, code] += players
        if GROUP_OF[code] != code:
            counts[club_id, GROUP_OF[code]] += players
    return counts


def open_market_claims(short, long):
    """Return the open public claims the board can use, newest first: one query.

    Moves towards a club that is short, away from a club with a surplus, or
    of a player who wants to go or whose club would let him; and those
    wishes, readiness to part and the blocks that answer them.
    """
    current = TransferClaim.objects.public().current()
    leaving = current.filter(claim_type__in=LEAVING_KINDS).values("player")
    claims = (
        current.filter(claim_type__in=(*MOVE_KINDS, ClaimType.BLOCKED))
        .exclude(player__primary_position="")
        .filter(
            Q(to_club__in={club for club, _ in short})
            | Q(from_club__in={club for club, _ in long})
            | Q(player__in=leaving)
        )
    )
    return list(
        claims.select_related("player", "from_club", "to_club")
        .annotate(article_slug=F("article__slug"))
        .order_by("-reported_at", "-id")[:CLAIM_LIMIT]
    )


def player_offers(claims):
    """Return ``{player pk: Offer}`` from the wishes and readiness to part."""
    offers = {}
    for claim in claims:
        if claim.claim_type in LEAVING_KINDS and claim.from_club is not None:
            offer = offers.setdefault(
                claim.player_id, Offer(player=claim.player, club=claim.from_club)
            )
            reason = claim.get_claim_type_display()
            if reason not in offer.reasons:
                offer.reasons.append(reason)
    for claim in claims:
        if claim.claim_type == ClaimType.BLOCKED and claim.player_id in offers:
            offers[claim.player_id].blocked = True
    return offers


def offers_at(offers, key):
    return sorted(
        (o for o in offers.values() if row_key(o.player.primary_position) == key),
        key=lambda offer: (offer.player.name, offer.player.pk),
    )


def rumour_connections(claims, short, long, offers):
    """Return ``{row key: [Connection]}``: joined ones first, then newest."""
    found = {}
    for claim in claims:
        if claim.claim_type not in MOVE_KINDS or claim.to_club is None:
            continue
        code = claim.player.primary_position
        places = {row_key(code), GROUP_OF[code]}
        meets_need = any((claim.to_club_id, place) in short for place in places)
        meets_surplus = claim.player_id in offers or any(
            (claim.from_club_id, place) in long for place in places
        )
        if not (meets_need or meets_surplus):
            continue
        connection = found.setdefault(
            (claim.player_id, claim.from_club_id, claim.to_club_id),
            Connection(
                player=claim.player,
                from_club=claim.from_club,
                to_club=claim.to_club,
                meets_need=meets_need,
                meets_surplus=meets_surplus,
            ),
        )
        connection.claims.append(claim)
    by_row = defaultdict(list)
    for connection in found.values():
        by_row[row_key(connection.player.primary_position)].append(connection)
    for connections in by_row.values():
        connections.sort(key=lambda c: not c.joins)  # stable: newest within
    return by_row
