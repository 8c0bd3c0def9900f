"""What a squad would look like if its open rumours came true (#16).

Each rumoured move (``Link.is_move``: a player leaving or arriving) changes
the count of his position and of his group by one when he is available. A
reader chooses the moves to play; by default every one plays. The outlook
of a row or group reads step by step, a move at a time, departures first:
“4 of 4 now · 3 of 4 if Radu Dragusin leaves · 4 of 4 if Alessandro
Buongiorno arrives”. No queries: it reads the ``SquadDepth`` already loaded.
"""

from dataclasses import dataclass, field
from functools import cached_property


@dataclass
class Step:
    """One move played, and where the row stands after it (and those before it)."""

    move: object
    standing: str


@dataclass
class Outlook:
    """A row's or group's standing now, and after each chosen move in turn."""

    now: str
    kind_now: str
    kind_after: str
    steps: list = field(default_factory=list)

    @cached_property
    def after(self):
        return self.steps[-1].standing if self.steps else self.now

    @cached_property
    def words(self):
        """Return “4 of 4 now · 3 of 4 if Radu Dragusin leaves”, or “4 of 4”."""
        if not self.steps:
            return self.now
        steps = (f"{step.standing} {step.move.phrase}" for step in self.steps)
        return " · ".join((f"{self.now} now", *steps))

    @cached_property
    def changes(self):
        return self.after != self.now

    @cached_property
    def leaving(self):
        """Return the pks of the players the chosen moves take away."""
        return {s.move.player.pk for s in self.steps if s.move.direction == "out"}

    @cached_property
    def arriving(self):
        """Return the players the chosen moves bring in, in order."""
        return [s.move.player for s in self.steps if s.move.direction == "in"]


def play(depth, chosen=None):
    """Give every row and group of ``depth`` its ``outlook``; return the moves played.

    ``chosen`` is a set of move keys ("out:radu-dragusin"); None plays every
    rumoured move.
    """
    played = [move for move in depth.moves if chosen is None or move.key in chosen]
    for row in depth.rows:
        row.outlook = outlook(
            row, [m for m in played if m.player.primary_position == row.position]
        )
    for group in depth.groups:
        group.outlook = outlook(
            group, [m for m in played if m.player.position_group == group.position]
        )
    return played


def outlook(entry, moves):
    """Return the ``Outlook`` of a row or group as ``moves`` happen in order."""
    steps, change = [], 0
    for move in moves:
        change += move.change
        steps.append(Step(move=move, standing=entry.standing(change)))
    return Outlook(
        now=entry.standing(),
        kind_now=entry.balance_kind,
        kind_after=entry.balance_kind_after(change),
        steps=steps,
    )
