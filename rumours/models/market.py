"""The market board (#16): who needs a position, who has too many, what joins them.

For each position (and, per group, “any defender” for the notes and players
a story gave only broadly): the clubs whose current squad note leaves them
short, the clubs with a surplus, the named players their clubs would let go
or who want to leave, and the open rumours that join a buyer to a seller.
A rumour is listed when it meets a need at the buyer or a surplus at the
seller; those meeting both come first. Four queries whatever the size of
the newsroom: where clubs are short or long (``MarketStanding``, kept as
notes and players change), the standings shown with their notes and clubs,
the players on the market, and the newest open claims (``CLAIM_LIMIT`` of
the ``CANDIDATES`` newest).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import Case, Count, Exists, F, OuterRef, Q, When, Window
from django.db.models.functions import Coalesce, Collate, RowNumber

from .claim_terms import LEAVING_KINDS, MOVE_KINDS, ClaimType
from .claims import TransferClaim
from .football import Player
from .links import slug_url
from .market_standings import MarketStanding, row_key
from .positions import GROUP_OF, POSITION_GROUPS, Position
from .prepared import ParamList, PreparedByLength
from .squad_notes import Balanced, NoteHistory, SquadNote

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
# shows, and those it lists are the newest anyway. On the bulk newsroom the
# newest 400 give the same board as the newest 1,000 (its 200 rumours);
# each candidate costs about 10 µs to check.
CANDIDATES = 2 * CLAIM_LIMIT
# Club names in code-point order, as Python sorts them, on either database:
# PostgreSQL's language-aware collation also cost 7 ms of the board's 10 ms
# ranking on the bulk newsroom.
CODEPOINT_ORDER = {"postgresql": "C", "sqlite": "BINARY"}
# What the board shows of a claim and of the player and clubs it names.
CLAIM_COLUMNS = (
    "claim_type", "reported_at", "player_id", "from_club_id", "to_club_id",
    "player__name", "player__slug", "player__primary_position",
    "from_club__name", "from_club__short_name", "from_club__slug",
    "to_club__name", "to_club__short_name", "to_club__slug",
)  # fmt: skip


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
    short, long, listed = standing_sides(competition)
    needs, surplus = shown_standings(competition, listed)
    on_market = players_on_market()
    claims = open_market_claims(competition, on_market)
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


def standing_sides(competition):
    """Return where clubs are short and long, and how many a row lists: one query.

    Two sets of (club pk, row), and a ``Counter`` of (side, row).
    """
    short, long = set(), set()
    sides = {"need": short, "surplus": long}
    listed = Counter()
    rows = MarketStanding.objects.of_competition(competition)
    for club_id, row, side in rows.values_list("club_id", "row", "side"):
        sides[side].add((club_id, row))
        listed[side, row] += 1
    return short, long, listed


def shown_standings(competition, listed):
    """Return ({row: Listing of the clubs short}, {row: Listing of those long}).

    The first ``ROW_LIMIT`` of each row, most short (or long) first, then
    by club name, with their notes and clubs: one query, which ranks the
    standings on their own narrow columns and loads the few it shows
    (ranking the loaded rows cost four times as much on the bulk newsroom).
    """
    strength = Coalesce("balance", 0)
    scope = MarketStanding.objects.of_competition(competition)
    order = [
        Case(When(side="need", then=strength), default=-strength).asc(),
        Collate("club__name", CODEPOINT_ORDER[connections[scope.db].vendor]),
        F("note_id").asc(),
    ]
    ranked = (
        scope.annotate(
            place=Window(
                RowNumber(), partition_by=[F("side"), F("row")], order_by=order
            )
        )
        .filter(place__lte=ROW_LIMIT)
        .values("pk")
    )
    standings = (
        MarketStanding.objects.filter(pk__in=ranked)
        .select_related("note", "club")
        .order_by("side", "row", *order)
    )
    listings = {"need": {}, "surplus": {}}
    for shown in standings:
        more = max(listed[shown.side, shown.row] - ROW_LIMIT, 0)
        listing = listings[shown.side].setdefault(shown.row, Listing([], more=more))
        listing.items.append(standing(shown))
    return listings["need"], listings["surplus"]


def standing(shown):
    """Return the ``ClubStanding`` of a loaded ``MarketStanding``."""
    note = shown.note
    note.club = shown.club
    return ClubStanding(
        club=shown.club,
        notes=NoteHistory(shown.row, [note]),
        counted=counted_for(note, shown.balance),
    )


def counted_for(note, balance):
    """Return the available players behind ``balance`` (a target's count plus it)."""
    if note.kind == SquadNote.Kind.TARGET and balance is not None:
        return note.count + balance
    return 0


def _available_counts(length):
    clubs = ParamList("clubs", Player._meta.get_field("current_club"), length)
    return (
        Player.objects.filter(current_club__in=clubs, fitness=Player.Fitness.AVAILABLE)
        .exclude(primary_position="")
        .values_list("current_club", "primary_position")
        .annotate(players=Count("pk"))
        .order_by()
    )


# Compiled once a process for each number of clubs (#19).
AVAILABLE_COUNTS = PreparedByLength(_available_counts, "clubs")


def available_counts(club_ids):
    """Return ``{(club pk, code): available players}`` for codes and groups alike."""
    counts = defaultdict(int)
    for club_id, code, players in AVAILABLE_COUNTS.run(clubs=sorted(club_ids)):
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


def open_market_claims(competition, on_market):
    """Return the open public claims the board can use, newest first: one query.

    Moves towards a club that is short or away from a club with a surplus,
    moves of a player ``on_market``, and the wishes, readiness to part and
    blocks about him, among the ``CANDIDATES`` newest open claims. With
    ``competition``, those touching its clubs.
    """
    standings = MarketStanding.objects.of_competition(competition)
    short_at = standings.filter(side="need", club=OuterRef("to_club"))
    long_at = standings.filter(side="surplus", club=OuterRef("from_club"))
    claims = (
        TransferClaim.objects.public()
        .current()
        .filter(claim_type__in=(*MOVE_KINDS, ClaimType.BLOCKED))
        .exclude(player__primary_position="")
        .filter(Exists(short_at) | Exists(long_at) | Q(player__in=on_market))
    )
    candidates = TransferClaim.objects.open()
    if competition is not None:
        playing = Q(to_club__competition=competition) | Q(
            from_club__competition=competition
        )
        claims, candidates = claims.filter(playing), candidates.filter(playing)
    newest = candidates.order_by("-reported_at", "-id").values("pk")[:CANDIDATES]
    chosen = claims.filter(pk__in=newest).order_by("-reported_at", "-id")
    # The rows shown are loaded by key once chosen: joined to their clubs in
    # the same statement as the choice, PostgreSQL expected a dozen rows and
    # read every club for each candidate (35 ms on the bulk newsroom).
    claims = list(
        TransferClaim.objects.filter(pk__in=chosen.values("pk")[:CLAIM_LIMIT])
        .select_related("player", "from_club", "to_club")
        .only(*CLAIM_COLUMNS)
        .annotate(article_slug=F("article__slug"))
        .order_by("-reported_at", "-id")
    )
    for claim in claims:
        claim.article_url = slug_url("rumours:article-detail", claim.article_slug)
    return claims


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
    for listed in by_row.values():
        listed.sort(key=lambda c: not c.joins)  # stable: newest within
    return by_row
