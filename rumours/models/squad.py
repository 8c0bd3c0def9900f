"""The needs-versus-surplus view of one club's squad (#3).

For each specific position, in team-sheet order: who plays there as a
specialist (primary position) and as cover (secondary position), the current
squad note (a target, need or surplus) with the notes it superseded, the
balance, and the open public rumours moving players of that position in and
out; for each position group, the players it counts and its own notes. The
squad page renders it; the partner API can serialise the same ``SquadDepth``.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.utils import timezone

from .claim_terms import MOVE_KINDS, STAGE_LADDER, SURPLUS_KINDS
from .claims import TransferClaim
from .depth_charts import depth_chart
from .football import Player
from .positions import POSITION_GROUPS, POSITION_ORDER, SPECIFIC_POSITIONS, Position
from .squad_notes import Balanced, NoteHistory, note_histories
from .squad_queries import OPEN_CLAIMS, SQUAD_NOTES, SQUAD_PLAYERS

# The summary's order of balances: short first, no note last.
NEED_ORDER = {"need": 0, "balanced": 1, "surplus": 2, "": 3}
# The pitch graphic's lines, attack at the top, each read left to right.
PITCH_LINES = (
    (Position.FW, ("LW", "ST", "RW")),
    (Position.MF, ("AM", "CM", "DM")),
    (Position.DF, ("LB", "CB", "RB")),
    (Position.GK, ("GK",)),
)


@dataclass
class Link:
    """One player's open rumours in one direction, gathered from his claims.

    ``clubs`` are the other clubs: the suitors of an outgoing player, the
    selling club of an incoming one; ``described`` the other sides a story
    described without naming (“a host of Bundesliga clubs”).
    ``wants_to_leave`` and ``blocked`` carry the two stages that name no
    destination; ``surplus`` that his own club is willing to sell him or has
    made him available (#13): a player-level surplus. ``direction`` is "in"
    or "out", seen from the club whose squad it is.
    """

    player: Player
    direction: str = "out"
    clubs: list = field(default_factory=list)
    described: list = field(default_factory=list)
    claims: list = field(default_factory=list)
    wants_to_leave: bool = False
    blocked: bool = False
    surplus: bool = False

    @property
    def key(self):
        """Return the what-if's name for this move: "out:radu-dragusin"."""
        return f"{self.direction}:{self.player.slug}"

    @property
    def is_move(self):
        """Return True if a claim says he may come or go (#16).

        Coming takes a stage of a move; going also a wish or readiness to
        part (``MOVE_KINDS``). A denial, a block or a contract matter alone
        is news about him, not a move the what-if can play.
        """
        kinds = STAGE_LADDER if self.direction == "in" else MOVE_KINDS
        return any(claim.claim_type in kinds for claim in self.claims)

    @property
    def change(self):
        """Return the move's change to his position's count: ±1, 0 if unavailable."""
        if not self.player.is_available:
            return 0
        return 1 if self.direction == "in" else -1

    @property
    def phrase(self):
        """Return “if Radu Dragusin leaves” or “if Alessandro Buongiorno arrives”."""
        verb = "arrives" if self.direction == "in" else "leaves"
        return f"if {self.player.name} {verb}"


@dataclass
class SquadRow(Balanced):
    position: str
    label: str
    specialists: list
    cover: list
    notes: NoteHistory
    rumours_in: list
    rumours_out: list
    # The widest row's slot count, so every chart shares one scale (set by
    # ``SquadDepth``).
    chart_scale: int = 1

    @cached_property
    def available_specialists(self):
        return [player for player in self.specialists if player.is_available]

    @cached_property
    def counted(self):
        """Return the players a target is measured against: available specialists."""
        return len(self.available_specialists)

    @cached_property
    def unavailable_count(self):
        return len(self.specialists) - len(self.available_specialists)

    @cached_property
    def target(self):
        """Return the current note when it is a target, else None."""
        return self.notes.current if self.notes.target_count is not None else None

    @cached_property
    def chart_size(self):
        """Return the number of slots the depth chart draws for this row."""
        target = self.notes.target_count or 0
        return max(len(self.specialists) + len(self.cover), target, 1)

    @cached_property
    def chart(self):
        """Return the row as its depth chart (``_squad_fragments.jinja``) reads it."""
        return depth_chart(self, self.chart_scale)

    @cached_property
    def anchor(self):
        return f"position-{self.position.lower()}"

    @cached_property
    def is_empty(self):
        """Return True with nobody, no note and no rumour here: the page folds it."""
        return not (
            self.specialists
            or self.cover
            or self.notes.current
            or self.rumours_in
            or self.rumours_out
        )


@dataclass
class SquadGroup(Balanced):
    """One position group (defenders): its rows and the players counted only in it.

    ``players`` are everyone whose primary position is in the group, so a
    player stored as plain “Defender” counts among the defenders without
    being anybody's centre-back specialist; ``broad`` are those players, with
    the rumours about them. ``notes`` are the notes about the whole group
    (“need a defender”), measured against its available players;
    ``broad_notes`` those at its other broad codes (“a wide defender”).
    """

    position: str
    label: str
    rows: list
    players: list
    broad: list
    rumours_in: list
    rumours_out: list
    notes: NoteHistory
    broad_notes: list

    @cached_property
    def counted(self):
        return self.available_count

    @cached_property
    def player_count(self):
        return len(self.players)

    @cached_property
    def available_count(self):
        return sum(1 for player in self.players if player.is_available)

    @cached_property
    def anchor(self):
        return f"group-{self.position.lower()}"


@dataclass
class SquadDepth:
    club: object
    rows: list
    groups: list = field(default_factory=list)
    # Players whose stories give no position, and the rumours about them.
    unplaced: list = field(default_factory=list)
    unplaced_rumours_in: list = field(default_factory=list)
    unplaced_rumours_out: list = field(default_factory=list)
    rumours_in: list = field(default_factory=list)
    rumours_out: list = field(default_factory=list)

    def __post_init__(self):
        for row in self.rows:
            row.chart_scale = self.chart_size

    def group(self, position):
        """Return the group of ``position`` ("DF")."""
        return next(group for group in self.groups if group.position == position)

    def row(self, position):
        """Return the row of ``position`` ("CB")."""
        return next(row for row in self.rows if row.position == position)

    @cached_property
    def chart_size(self):
        """Return the widest row's slot count, so every chart shares one scale."""
        return max(row.chart_size for row in self.rows)

    @cached_property
    def moves(self):
        """Return the rumoured moves the what-if can play: departures, then arrivals."""
        return [link for link in (*self.rumours_out, *self.rumours_in) if link.is_move]

    @cached_property
    def summary(self):
        """Return the rows and noted groups that matter, the most short first.

        Short, then balanced, then surplus, then no note; within each, the
        biggest shortage first, then team-sheet order. Empty rows are left
        to ``empty_rows``.
        """
        entries = [row for row in self.rows if not row.is_empty]
        entries += [group for group in self.groups if group.notes.current]
        return sorted(
            entries,
            key=lambda entry: (
                NEED_ORDER[entry.balance_kind],
                entry.balance or 0,
                POSITION_ORDER[entry.position],
            ),
        )

    @cached_property
    def empty_rows(self):
        return [row for row in self.rows if row.is_empty]

    @cached_property
    def pitch(self):
        """Return the rows as the pitch graphic draws them: lines of rows."""
        return [
            (self.group(group), [self.row(code) for code in codes])
            for group, codes in PITCH_LINES
        ]


def squad_depth(club, *, with_amounts=False):
    """Return the ``SquadDepth`` of ``club``.

    Three queries whatever the size of the squad or the number of rumours:
    the players, the squad notes, and the open public claims naming the
    club (with their players and clubs). Injured and suspended specialists
    are listed but not counted in the balance. A row is a specific position;
    a group also counts the players stored only under a broad code
    (“Defender”); players with no position are listed apart. ``with_amounts``
    loads the claims' amounts too (one query more), for the API's fees; the
    page shows none. Each query's SQL is compiled once a process (#19).
    """
    now = timezone.now()
    players = SQUAD_PLAYERS.run(club=club.pk)
    notes = note_histories(SQUAD_NOTES.run(club=club.pk, now=now))
    claims = OPEN_CLAIMS[with_amounts].run(club=club.pk, now=now)
    rumours_in, rumours_out = _links(club, claims)
    rows = {
        position: SquadRow(
            position=position,
            label=Position(position).label,
            specialists=[p for p in players if p.plays(position) == "specialist"],
            cover=[p for p in players if p.plays(position) == "cover"],
            notes=notes.get(position, NoteHistory(position)),
            rumours_in=_playing(rumours_in, (position,)),
            rumours_out=_playing(rumours_out, (position,)),
        )
        for position in SPECIFIC_POSITIONS
    }
    groups = []
    for group, (label, specific, broad) in POSITION_GROUPS.items():
        groups.append(
            SquadGroup(
                position=group,
                label=label,
                rows=[rows[position] for position in specific],
                players=[p for p in players if p.position_group == group],
                broad=[p for p in players if p.primary_position in broad],
                rumours_in=_playing(rumours_in, broad),
                rumours_out=_playing(rumours_out, broad),
                # A goalkeeper note is the GK row's, not the group's again.
                notes=NoteHistory(group)
                if group in specific
                else notes.get(group, NoteHistory(group)),
                broad_notes=[
                    notes[code] for code in broad if code != group and code in notes
                ],
            )
        )
    return SquadDepth(
        club=club,
        rows=list(rows.values()),
        groups=groups,
        unplaced=[p for p in players if not p.primary_position],
        unplaced_rumours_in=_playing(rumours_in, ("",)),
        unplaced_rumours_out=_playing(rumours_out, ("",)),
        rumours_in=rumours_in,
        rumours_out=rumours_out,
    )


def _playing(links, positions):
    """Return the links whose player's primary position is one of ``positions``."""
    return [link for link in links if link.player.primary_position in positions]


def _links(club, claims):
    """Return (rumours in, rumours out) of ``club`` as lists of ``Link``."""
    incoming, outgoing = {}, {}
    for claim in claims:
        if claim.to_club_id == club.pk:
            link = incoming.setdefault(
                claim.player_id, Link(player=claim.player, direction="in")
            )
            other = claim.from_club
        else:
            link = outgoing.setdefault(claim.player_id, Link(player=claim.player))
            other = claim.to_club
        link.claims.append(claim)
        if other is not None and other not in link.clubs:
            link.clubs.append(other)
        words = (
            claim.from_described if claim.to_club_id == club.pk else claim.to_described
        )
        if words and words not in link.described:
            link.described.append(words)
        if claim.claim_type == TransferClaim.Type.WANTS_TO_LEAVE:
            link.wants_to_leave = True
        elif claim.claim_type == TransferClaim.Type.BLOCKED:
            link.blocked = True
        elif claim.claim_type in SURPLUS_KINDS and claim.from_club_id == club.pk:
            link.surplus = True
    for link in (*incoming.values(), *outgoing.values()):
        link.clubs.sort(key=lambda other: other.short_name)
    return _by_player_name(incoming.values()), _by_player_name(outgoing.values())


def _by_player_name(links):
    return sorted(links, key=lambda link: (link.player.name, link.player.pk))
