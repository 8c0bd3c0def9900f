"""Competitions, clubs and players."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from ..images.renditions import picture_for
from ..images.uploads import (
    SanitisedImageField,
    crest_upload_to,
    player_picture_upload_to,
)
from .club_roles import ClubRole, current_head_coach, current_staff
from .links import club_url, slug_url
from .positions import (
    GROUP_OF,
    POSITION_ORDER,
    Position,
    position_label,
)
from .sources import SourceKind


class Competition(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    country = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ClubQuerySet(models.QuerySet):
    def with_staff(self):
        """Return the clubs with their roles loaded for ``staff``: one more query.

        Unordered: ``current_staff()`` picks and sorts the roles itself, and
        compiling ``in_order()`` cost more than running the query (#19).
        """
        return self.prefetch_related(models.Prefetch("roles", queryset=staff_roles()))


def staff_roles():
    """Return the roles as ``staff`` reads them: unordered, with their people."""
    return ClubRole.objects.order_by().select_related("person")


class Club(models.Model):
    name = models.CharField(
        "full name", max_length=120, help_text="For example “Tottenham Hotspur”."
    )
    short_name = models.CharField(
        max_length=60, help_text="What headlines call the club: “Tottenham”."
    )
    slug = models.SlugField(max_length=120, unique=True)
    competition = models.ForeignKey(
        Competition,
        on_delete=models.PROTECT,
        related_name="clubs",
        null=True,
        blank=True,
    )
    country = models.CharField(max_length=100, blank=True)
    # Added from a reporter's draft (#14): listed on the editors' dashboard
    # until one of them confirms it.
    needs_check = models.BooleanField(
        "needs an editor's check",
        default=False,
        help_text="Added by a reporter: an editor checks the name (and club and "
        "position) against the newsroom's, then unticks this.",
    )
    crest = SanitisedImageField(
        upload_to=crest_upload_to,
        blank=True,
        width_field="crest_width",
        height_field="crest_height",
        help_text="Optional. JPEG, PNG or WebP, square is best; metadata is removed.",
    )
    crest_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    crest_height = models.PositiveIntegerField(null=True, blank=True, editable=False)

    history = HistoricalRecords()  # Who changed what, revertible (#5).

    objects = ClubQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="rumours_club_name_unique_ci",
                violation_error_message="A club with this name already exists.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return club_url(self.slug)

    def get_squad_url(self):
        return slug_url("rumours:club-squad", self.slug)

    @property
    def crest_picture(self):
        """Return the crest's ``renditions.Picture``, or None without one."""
        return picture_for(self.crest, self.crest_width, self.crest_height)

    @property
    def staff(self):
        """Return the roles held today, one a kind (loaded by ``with_staff()``)."""
        return current_staff(self.roles.all())

    @property
    def head_coach(self):
        """Return today's head coach's name, or "" (loaded by ``with_staff()``)."""
        return current_head_coach(self.roles.all())

    def clean(self):
        # The mirror of ClubAlias.clean(): a name means one club, whether it
        # is a full name or an alias.
        alias = (
            ClubAlias.objects.filter(name__iexact=self.name)
            .exclude(club_id=self.pk)
            .select_related("club")
            .first()
        )
        if alias is not None:
            raise ValidationError(
                {"name": f"“{self.name}” is already an alias of {alias.club}."}
            )


class ClubAlias(models.Model):
    """Another name a club goes by (“Spurs”, “Rossoneri”), unique across clubs."""

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "club aliases"
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="rumours_clubalias_name_unique_ci",
                violation_error_message="Another club already uses this alias.",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        clash = Club.objects.filter(name__iexact=self.name)
        if self.club_id:
            clash = clash.exclude(pk=self.club_id)
        if clash.exists():
            raise ValidationError(
                {"name": f"“{self.name}” is the full name of another club."}
            )


class PlayerQuerySet(models.QuerySet):
    def named(self, words):
        """Return the players whose name holds every one of ``words``."""
        players = self
        for word in words:
            players = players.filter(name__icontains=word)
        return players


class Fitness(models.TextChoices):
    AVAILABLE = "available", "Available"
    INJURED = "injured", "Injured"
    SUSPENDED = "suspended", "Suspended"


class Player(models.Model):
    Fitness = Fitness

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    date_of_birth = models.DateField(null=True, blank=True)
    nationality = models.CharField(max_length=100, blank=True)
    primary_position = models.CharField(
        max_length=2,
        choices=Position.choices,
        blank=True,
        help_text="As the stories give it: “Defender” when no more is said; "
        "blank when no position is given.",
    )
    secondary_positions = models.JSONField(
        default=list,
        blank=True,
        help_text="Positions the player covers, from the same vocabulary.",
    )
    current_club = models.ForeignKey(
        Club,
        on_delete=models.PROTECT,
        related_name="players",
        null=True,
        blank=True,
        help_text="Empty for a free agent.",
    )
    previous_club = models.ForeignKey(
        Club,
        on_delete=models.PROTECT,
        related_name="former_players",
        null=True,
        blank=True,
    )
    fitness = models.CharField(
        max_length=10, choices=Fitness.choices, default=Fitness.AVAILABLE
    )
    fitness_note = models.CharField(max_length=255, blank=True)
    picture = SanitisedImageField(
        upload_to=player_picture_upload_to,
        blank=True,
        width_field="picture_width",
        height_field="picture_height",
        help_text="Optional. JPEG, PNG or WebP; metadata (EXIF, GPS) is removed.",
    )
    picture_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    picture_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    picture_credit = models.CharField(max_length=200, blank=True)
    agent = models.ForeignKey(
        "rumours.Source",
        on_delete=models.PROTECT,
        related_name="clients",
        null=True,
        blank=True,
        limit_choices_to={"kind": SourceKind.AGENT},
        help_text="The agent who represents him: a source of kind agent.",
    )
    # Added from a reporter's draft (#14): listed on the editors' dashboard
    # until one of them confirms it.
    needs_check = models.BooleanField(
        "needs an editor's check",
        default=False,
        help_text="Added by a reporter: an editor checks the name (and club and "
        "position) against the newsroom's, then unticks this.",
    )

    history = HistoricalRecords()  # Who changed what, revertible (#5).

    objects = PlayerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(primary_position__in=["", *Position.values]),
                name="rumours_player_primary_position_valid",
                violation_error_message="Choose a position from the vocabulary.",
            ),
            models.CheckConstraint(
                condition=models.Q(fitness__in=Fitness.values),
                name="rumours_player_fitness_valid",
                violation_error_message="Choose a known fitness status.",
            ),
        ]
        indexes = [
            # A club's available players at a position, counted from the
            # index alone: the market board counts them for every club's note.
            models.Index(
                fields=["current_club", "fitness", "primary_position"],
                name="rumours_player_available_idx",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("rumours:player-detail", self.slug)

    @property
    def initials(self):
        """Return "RD" for Radu Dragusin: what stands in for a missing picture."""
        return "".join(word[0] for word in self.name.split()[:2]).upper()

    @property
    def portrait(self):
        """Return his picture as a ``renditions.Picture``, or None without one."""
        return picture_for(self.picture, self.picture_width, self.picture_height)

    def clean(self):
        positions = self.secondary_positions or []
        if not isinstance(positions, list):
            raise ValidationError(
                {"secondary_positions": 'Give a list of positions, such as ["RB"].'}
            )
        unknown = [code for code in positions if code not in POSITION_ORDER]
        if unknown:
            raise ValidationError(
                {
                    "secondary_positions": (
                        f"{', '.join(map(repr, unknown))} is not one of "
                        f"{', '.join(Position.values)}."
                    )
                }
            )
        if self.primary_position and self.primary_position in positions:
            raise ValidationError(
                {
                    "secondary_positions": (
                        f"{self.primary_position} is already the primary position."
                    )
                }
            )
        self.secondary_positions = sorted(set(positions), key=POSITION_ORDER.get)

    @property
    def secondary_position_labels(self):
        """Return the names of the positions the player covers, in team-sheet order."""
        codes = self.secondary_positions or []
        return [position_label(code) for code in codes if code in POSITION_ORDER]

    @property
    def primary_position_label(self):
        """Return the primary position's name, or “Position not given”."""
        return position_label(self.primary_position)

    @property
    def position_group(self):
        """Return the group code ("DF") of the primary position, or ""."""
        return GROUP_OF.get(self.primary_position, "")

    @property
    def is_available(self):
        return self.fitness == self.Fitness.AVAILABLE

    def plays(self, position):
        """Return "specialist", "cover" or None for ``position`` (no queries)."""
        if self.primary_position == position:
            return "specialist"
        if position in (self.secondary_positions or []):
            return "cover"
        return None
