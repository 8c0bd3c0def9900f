"""The people who run a club, with dates: head coach, directors, president (#13).

A role is held by a named person from one date to another, either date
unknown, so a club's staff has a history: a new coach is a new row, and the
old one gets an end date instead of being overwritten.
"""

import datetime as dt

from django.db import models
from django.utils import timezone

from .sources import SourceKind

ROLE_DATES_MESSAGE = "A role cannot end before it starts."


class ClubRoleKind(models.TextChoices):
    """In the order a club's staff is listed."""

    HEAD_COACH = "head_coach", "Head coach"
    SPORTING_DIRECTOR = "sporting_director", "Sporting director"
    TECHNICAL_DIRECTOR = "technical_director", "Technical director"
    PRESIDENT = "president", "President"


ROLE_ORDER = {kind: index for index, kind in enumerate(ClubRoleKind.values)}


class ClubRoleQuerySet(models.QuerySet):
    def in_order(self):
        """Return the roles by kind, the latest start first (unknown starts last)."""
        return self.order_by(
            models.Case(
                *(
                    models.When(role=kind, then=index)
                    for kind, index in ROLE_ORDER.items()
                ),
            ),
            models.F("started_on").desc(nulls_last=True),
            "name",
            "pk",
        )


class ClubRole(models.Model):
    Kind = ClubRoleKind

    club = models.ForeignKey(
        "rumours.Club", on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(max_length=20, choices=ClubRoleKind.choices)
    name = models.CharField(
        max_length=120, help_text="The person, as stories name them."
    )
    person = models.ForeignKey(
        "rumours.Source",
        on_delete=models.PROTECT,
        related_name="club_roles",
        null=True,
        blank=True,
        limit_choices_to={"kind": SourceKind.CLUB_OFFICIAL},
        help_text="The same person as a source of kind club official, if quoted.",
    )
    started_on = models.DateField(null=True, blank=True, help_text="Blank if unknown.")
    ended_on = models.DateField(
        null=True, blank=True, help_text="Blank while in post, or if unknown."
    )

    objects = ClubRoleQuerySet.as_manager()

    class Meta:
        ordering = ["club__name", "role", "-started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=ClubRoleKind.values),
                name="rumours_clubrole_role_valid",
                violation_error_message="Choose a known club role.",
            ),
            models.CheckConstraint(
                condition=models.Q(started_on__isnull=True)
                | models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="rumours_clubrole_dates_in_order",
                violation_error_message=ROLE_DATES_MESSAGE,
            ),
            models.UniqueConstraint(
                fields=["club", "role", "name", "started_on"],
                name="rumours_clubrole_once",
                violation_error_message=(
                    "This person already holds this role at the club from that date."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.club}: {self.get_role_display()} {self.name}"

    def is_current(self, today=None):
        """Return whether the role is held on ``today`` (no queries).

        A role with no end date is held; one that starts later is not yet.
        """
        today = today or timezone.localdate()
        started = self.started_on is None or self.started_on <= today
        return started and (self.ended_on is None or self.ended_on >= today)


def current_staff(roles, today=None):
    """Return the roles held on ``today``, one a kind: the latest to start.

    ``roles`` are already loaded, in any order, so this runs no queries.
    """
    today = today or timezone.localdate()
    staff = {}
    for role in roles:
        held = staff.get(role.role)
        if role.is_current(today) and (held is None or _start(role) > _start(held)):
            staff[role.role] = role
    return sorted(staff.values(), key=lambda role: ROLE_ORDER[role.role])


def _start(role):
    return (role.started_on or dt.date.min, role.pk or 0)


def current_head_coach(roles, today=None):
    """Return the current head coach's name from loaded ``roles``, or ""."""
    for role in current_staff(roles, today):
        if role.role == ClubRoleKind.HEAD_COACH:
            return role.name
    return ""
