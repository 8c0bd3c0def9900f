"""The market board (#16): who needs a position, who has too many, what joins them.

For each position (and, per group, “any defender” for the notes and players
a story gave only broadly): the clubs whose current squad note leaves them
short, the clubs with a surplus, the named players their clubs would let go
or who want to leave, and the open rumours that join a buyer to a seller.
A rumour is listed when it meets a need at the buyer or a surplus at the
seller; those meeting both come first. Five queries whatever the size of
the newsroom: the current notes (as values), the available players they are
measured against, the notes shown (as rows), the players on the market, and
the newest open claims (``CLAIM_LIMIT`` of the ``CANDIDATES`` newest). Its
cost still follows the number of clubs it measures (every club's current
notes and available players): bench/README.md gives the figures.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q

from .claim_terms import LEAVING_KINDS, MOVE_KINDS, ClaimType
from .claims import TransferClaim
from .football import Player
from .positions import GROUP_OF, POSITION_GROUPS, SPECIFIC_POSITIONS, Position
from .squad_notes import Balanced, NoteHistory, SquadNote, note_balance

# How many clubs, players and rumours a row lists before “and n more”:
# the board stays one screen a position whatever the size of the newsroom.
ROW_LIMIT = 8
# The newest open claims the board reads, so that its cost follows what it
# shows, not the size of the market: on the bulk newsroom one competition's
# board has about 500 that qualify; its lists show the newest.
CLAIM_LIMIT = 200
# The newest open claims the board considers at all, in one bounded read:
# the whole market's open claims (about 6,000 on the bulk newsroom, as many
# as the open windows hold) cost more to filter and sort than the board
# shows, and those it lists are the newest anyway.
CANDIDATES = 5 * CLAIM_LIMIT
# What the board shows of a claim and of the player and clubs it names.
CLAIM_COLUMNS = (
    "claim_type", "reported_at", "player_id", "from_club_id", "to_club_id",
    "player__name", "player__slug", "player__primary_position",
    "from_club__name", "from_club__short_name", "from_club__slug",
    "to_club__name", "to_club__short_name", "to_club__slug",
)  # fmt: skip


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
    measured = measured_notes(competition)
    short = {(m.club_id, m.row) for m in measured if m.kind == "need"}
    long = {(m.club_id, m.row) for m in measured if m.kind == "surplus"}
    needs, surplus = shown_standings(measured)
    on_market = players_on_market()
    claims = open_market_claims(competition, short, long, on_market)
    offers = player_offers(claims)
    connections = rumour_connections(claims, short, long, on_market)
    by_group = defaultdict(list)
    for key, label, group in board_rows():
        by_group[group].append(
            MarketRow(
                position=key,
                label=label,
                needs=needs.get(key, Listing([])),
                surplus=surplus.get(key, Listing([])),
                offers=Listing.of(offers_at(offers, key)),
                connections=Listing.of(connections.get(key, [])),
            )
        )
    return [
        MarketGroup(position=group, label=label, rows=by_group[group])
        for group, (label, _, _) in POSITION_GROUPS.items()
    ]


@dataclass
class MeasuredNote:
    """A club's current note as plain values, measured: no model row is built."""

    pk: int
    club_id: int
    club_name: str
    row: str
    balance: object
    kind: str  # "need", "surplus", or "" when neither


def measured_notes(competition):
    """Return every club's current note, measured against its players: two queries.

    Plain values: the board reads thousands of notes on a big newsroom and
    shows a few dozen, which ``shown_standings`` loads as rows. The notes
    are read once, newest first, and the first of each club and position
    kept: a correlated "newest note" subquery per note cost more than every
    note read (62 against 8 ms over the bulk newsroom's 4,685 on PostgreSQL).
    """
    notes = SquadNote.objects.all()
    if competition is not None:
        notes = notes.filter(club__competition=competition)
    rows = notes.newest_first().values_list(
        "pk", "club_id", "club__name", "position", "kind", "count"
    )
    current = {}
    for row in rows:
        current.setdefault((row[1], row[3]), row)
    counts = available_counts({club_id for club_id, _ in current})
    measured = []
    for pk, club_id, club_name, position, kind, count in current.values():
        balance = note_balance(kind, count, counts[club_id, position])
        if balance is None:
            side = kind if kind != SquadNote.Kind.TARGET else ""
        else:
            side = "need" if balance < 0 else "surplus" if balance > 0 else ""
        measured.append(
            MeasuredNote(pk, club_id, club_name, row_key(position), balance, side)
        )
    return measured


def shown_standings(measured):
    """Return ({row: Listing of the clubs short}, {row: Listing of those long}).

    The first ``ROW_LIMIT`` of each row, most short (or long) first, loaded
    as ``ClubStanding``s with their notes and clubs in one query.
    """
    sides = {"need": defaultdict(list), "surplus": defaultdict(list)}
    for note in measured:
        if note.kind:
            sides[note.kind][note.row].append(note)
    for kind, rows in sides.items():
        sign = 1 if kind == "need" else -1
        for notes in rows.values():
            notes.sort(key=lambda n: (sign * (n.balance or 0), n.club_name, n.pk))
    shown = [
        note.pk for rows in sides.values() for notes in rows.values()
        for note in notes[:ROW_LIMIT]
    ]  # fmt: skip
    loaded = SquadNote.objects.select_related("club").in_bulk(shown)
    counted = {note.pk: note for note in measured}
    listings = []
    for rows in sides.values():
        listings.append(
            {
                row: Listing(
                    items=[
                        standing(loaded[note.pk], counted[note.pk])
                        for note in notes[:ROW_LIMIT]
                    ],
                    more=max(len(notes) - ROW_LIMIT, 0),
                )
                for row, notes in rows.items()
            }
        )
    return listings


def standing(note, measured):
    """Return the ``ClubStanding`` of a loaded note with its measured balance."""
    history = NoteHistory(measured.row, [note])
    return ClubStanding(
        club=note.club,
        notes=history,
        counted=counted_for(note, measured.balance),
    )


def counted_for(note, balance):
    """Return the available players behind ``balance`` (a target's count plus it)."""
    if note.kind == SquadNote.Kind.TARGET and balance is not None:
        return note.count + balance
    return 0


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


def players_on_market():
    """Return the pks of players who want to go or whose club would let them go."""
    current = TransferClaim.objects.public().current()
    return set(
        current.filter(claim_type__in=LEAVING_KINDS).values_list("player", flat=True)
    )


def open_market_claims(competition, short, long, on_market):
    """Return the open public claims the board can use, newest first: one query.

    Moves towards a club that is short or away from a club with a surplus,
    moves of a player ``on_market``, and the wishes, readiness to part and
    blocks about him, among the ``CANDIDATES`` newest open claims. With
    ``competition``, those touching its clubs.
    """
    claims = (
        TransferClaim.objects.public()
        .current()
        .filter(claim_type__in=(*MOVE_KINDS, ClaimType.BLOCKED))
        .exclude(player__primary_position="")
        .filter(
            Q(to_club__in={club for club, _ in short})
            | Q(from_club__in={club for club, _ in long})
            | Q(player__in=on_market)
        )
    )
    candidates = TransferClaim.objects.open()
    if competition is not None:
        playing = Q(to_club__competition=competition) | Q(
            from_club__competition=competition
        )
        claims, candidates = claims.filter(playing), candidates.filter(playing)
    newest = candidates.order_by("-reported_at", "-id").values("pk")[:CANDIDATES]
    return list(
        claims.filter(pk__in=newest)
        .select_related("player", "from_club", "to_club")
        .only(*CLAIM_COLUMNS)
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


def rumour_connections(claims, short, long, on_market):
    """Return ``{row key: [Connection]}``: joined ones first, then newest."""
    found = {}
    for claim in claims:
        if claim.claim_type not in MOVE_KINDS or claim.to_club is None:
            continue
        code = claim.player.primary_position
        places = {row_key(code), GROUP_OF[code]}
        meets_need = any((claim.to_club_id, place) in short for place in places)
        meets_surplus = claim.player_id in on_market or any(
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
