"""The position vocabulary: specific codes and the broader words stories use (#13).

Copy often says only "a defender", "a wide defender" or "a forward". Those
are codes too, so a player or a squad note is stored as the story said it,
and never under a specific position nobody gave. Each code belongs to one
group; ``POSITION_GROUPS`` is the one table that says which.
"""

from django.db import models


class Position(models.TextChoices):
    """Every position code, in the order a team sheet reads, broad before specific."""

    GK = "GK", "Goalkeeper"
    DF = "DF", "Defender"
    WD = "WD", "Wide defender"
    RD = "RD", "Right-sided defender"
    RB = "RB", "Right-back"
    CB = "CB", "Centre-back"
    LD = "LD", "Left-sided defender"
    LB = "LB", "Left-back"
    MF = "MF", "Midfielder"
    DM = "DM", "Defensive midfielder"
    CM = "CM", "Central midfielder"
    AM = "AM", "Attacking midfielder"
    FW = "FW", "Forward"
    RW = "RW", "Right winger"
    LW = "LW", "Left winger"
    ST = "ST", "Striker"


# group code: (plural heading, the group's specific codes, its broader codes).
# A goalkeeper is a goalkeeper: GK is its own group and its only position.
POSITION_GROUPS = {
    Position.GK: ("Goalkeepers", (Position.GK,), ()),
    Position.DF: (
        "Defenders",
        (Position.RB, Position.CB, Position.LB),
        (Position.DF, Position.WD, Position.RD, Position.LD),
    ),
    Position.MF: (
        "Midfielders",
        (Position.DM, Position.CM, Position.AM),
        (Position.MF,),
    ),
    Position.FW: (
        "Forwards",
        (Position.RW, Position.LW, Position.ST),
        (Position.FW,),
    ),
}

POSITION_ORDER = {code: index for index, code in enumerate(Position.values)}

# The codes a squad page has a row for, in team-sheet order.
SPECIFIC_POSITIONS = [
    code for _, specific, _ in POSITION_GROUPS.values() for code in specific
]

GROUP_OF = {
    code: group
    for group, (_, specific, broad) in POSITION_GROUPS.items()
    for code in (*specific, *broad)
}

POSITION_NOT_GIVEN = "Position not given"


def position_label(code):
    """Return the name of ``code``, or “Position not given” for a blank one."""
    return Position(code).label if code else POSITION_NOT_GIVEN
