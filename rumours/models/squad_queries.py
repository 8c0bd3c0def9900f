"""The squad view's loaders: SQL compiled once a process, run with the club (#19).

Compiling the open claims' seven joins cost more than running them, and
the club, its staff, players and notes are one short query each; each is a
``PreparedQuery`` bound to the club and to "now" at each run, so a lapse or
a scheduled story shows without a restart.
"""

from operator import attrgetter

from django.db.models import Q

from .claims import TransferClaim
from .club_roles import ClubRole
from .football import Club, Player, staff_roles
from .prepared import Param, PreparedQuery, set_prefetched
from .squad_notes import SquadNote


def open_claims_about(club, now=None):
    """Return the public claims still news moving a player into or out of ``club``.

    Open and not lapsed (``current()``). Read through the partial indexes of
    open claims (migration 0008), so the cost follows the transfer window,
    not the archive. ``now`` is as ``public()`` takes it.
    """
    return (
        TransferClaim.objects.public(now)
        .current(now)
        .filter(Q(from_club=club) | Q(to_club=club))
        .with_parties()
        .order_by("reported_at", "id")
    )


def _prepared_open_claims(with_amounts):
    """Return ``open_claims_about`` as a ``PreparedQuery`` of ``club`` and ``now``."""

    def build():
        club = Param("club", TransferClaim._meta.get_field("to_club"))
        now = Param("now", TransferClaim._meta.get_field("reported_at"))
        claims = open_claims_about(club, now)
        return claims.with_amounts() if with_amounts else claims

    return PreparedQuery(build)


# Compiling the claims' seven joins cost more than running them (#19).
OPEN_CLAIMS = {amounts: _prepared_open_claims(amounts) for amounts in (False, True)}


SQUAD_PLAYER_FIELDS = (
    "name", "slug", "primary_position", "secondary_positions", "fitness",
    "current_club",
)  # fmt: skip


def _squad_players():
    club = Param("club", Player._meta.get_field("current_club"))
    # What the squad view, the squad API and the what-if read of a player:
    # the rest (a date, a picture, notes) is converted for nothing.
    return (
        Player.objects.filter(current_club=club)
        .only(*SQUAD_PLAYER_FIELDS)
        .order_by("name", "id")
    )


def _squad_notes():
    club = Param("club", SquadNote._meta.get_field("club"))
    now = Param("now", TransferClaim._meta.get_field("reported_at"))
    return SquadNote.objects.filter(club=club).for_squad(now=now)


def _club_at_slug():
    return Club.objects.filter(slug=Param("slug", Club._meta.get_field("slug")))


def _club_roles():
    return staff_roles().filter(club=Param("club", ClubRole._meta.get_field("club")))


SQUAD_PLAYERS = PreparedQuery(_squad_players)
SQUAD_NOTES = PreparedQuery(_squad_notes)
CLUB_AT_SLUG = PreparedQuery(_club_at_slug)
CLUB_ROLES = PreparedQuery(_club_roles)


def club_with_staff(slug):
    """Return the club at ``slug``, its roles loaded as by ``with_staff()``, or None.

    Two queries, each from SQL compiled once a process (#19).
    """
    found = CLUB_AT_SLUG.run(slug=slug)
    if not found:
        return None
    roles = CLUB_ROLES.run(club=found[0].pk)
    set_prefetched(found, "roles", roles, attrgetter("club_id"))
    return found[0]
