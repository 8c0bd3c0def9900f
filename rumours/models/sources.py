"""Who a claim comes from, and how far editors trust them."""

from django.db import models
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from .links import slug_url
from .track_records import TrackRecord, record_counts


class SourceQuerySet(models.QuerySet):
    def unrated(self):
        """Return the sources no editor has given a reliability tier yet."""
        return self.filter(reliability_tier__isnull=True)

    def with_track_record(self):
        """Annotate ``record_true`` and ``record_resolved``: the source's own claims.

        Two conditional counts over its claims in the same query (#15):
        ``Source.track_record`` reads them.
        """
        return self.annotate(**record_counts("claims"))

    def with_tier_rank(self):
        """Annotate ``tier_rank``: the tier, unrated sources after tier 5.

        Sorts the same on SQLite and PostgreSQL (which put NULL at opposite
        ends) and never NULL, so a cursor can be cut at it.
        """
        return self.annotate(
            tier_rank=Coalesce("reliability_tier", len(ReliabilityTier) + 1)
        )


class SourceKind(models.TextChoices):
    JOURNALIST = "journalist", "Journalist"
    OUTLET = "outlet", "Outlet"
    AGENT = "agent", "Agent"
    CLUB_OFFICIAL = "club_official", "Club official"
    DESK = "desk", "Our own reporting"


class ReliabilityTier(models.IntegerChoices):
    PROVEN = 1, "Tier 1: proven"
    STRONG = 2, "Tier 2: strong"
    MIXED = 3, "Tier 3: mixed record"
    WEAK = 4, "Tier 4: weak"
    UNVERIFIED = 5, "Tier 5: unverified"

    __empty__ = "Not yet rated"


class Source(models.Model):
    Kind = SourceKind
    Tier = ReliabilityTier

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=SourceKind.choices)
    outlet = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="journalists",
        null=True,
        blank=True,
        limit_choices_to={"kind": SourceKind.OUTLET},
        help_text="The outlet a journalist writes for.",
        # The default names the row's id ("source instance with id 7 is not
        # a valid choice"), which tells an editor nothing.
        error_messages={
            "invalid": (
                "Choose an outlet: a journalist can only write for a source "
                "of kind “Outlet”."
            )
        },
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
    language = models.CharField(
        max_length=20, blank=True, help_text="For example “Italian”."
    )
    # A new source is unrated: a tier is a judgement an editor makes, not a
    # default (tier 3 read as "mixed record" although nobody had judged it).
    reliability_tier = models.PositiveSmallIntegerField(
        choices=ReliabilityTier.choices,
        null=True,
        blank=True,
        help_text="Set by editors: 1 is the most reliable; empty until rated.",
    )

    objects = SourceQuerySet.as_manager()
    history = HistoricalRecords()  # Who changed what, revertible (#5).

    class Meta:
        permissions = [
            ("set_source_tier", "Can set a source's reliability tier"),
        ]
        ordering = [models.F("reliability_tier").asc(nulls_last=True), "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SourceKind.values),
                name="rumours_source_kind_valid",
                violation_error_message="Choose a known kind of source.",
            ),
            models.CheckConstraint(
                condition=models.Q(reliability_tier__isnull=True)
                | models.Q(reliability_tier__gte=1, reliability_tier__lte=5),
                name="rumours_source_tier_range",
                violation_error_message=(
                    "The reliability tier runs from 1 to 5 (empty: not rated yet)."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(outlet__isnull=True) | models.Q(kind="journalist"),
                name="rumours_source_outlet_only_for_journalists",
                violation_error_message="Only a journalist writes for an outlet.",
            ),
            models.CheckConstraint(
                condition=models.Q(outlet__isnull=True)
                | ~models.Q(outlet=models.F("pk")),
                name="rumours_source_not_own_outlet",
                violation_error_message="A source cannot be its own outlet.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("rumours:source-detail", self.slug)

    @property
    def track_record(self):
        """Return its own claims' ``TrackRecord`` (``with_track_record()``)."""
        return TrackRecord(self.record_true, self.record_resolved)

    @property
    def tier_label(self):
        """Return “tier 2”, or “not yet rated” before an editor rates it."""
        if self.reliability_tier is None:
            return "not yet rated"
        return f"tier {self.reliability_tier}"

    def listed_journalists(self):
        """Return the outlet's journalists by name; none for other kinds.

        Only an outlet has journalists and only an agent has clients, so a
        source page runs the one query its kind needs.
        """
        if self.kind != SourceKind.OUTLET:
            return self.journalists.none()
        return self.journalists.order_by("name", "id")

    def listed_clients(self):
        """Return the players an agent represents, by name; none for other kinds."""
        if self.kind != SourceKind.AGENT:
            return self.clients.none()
        return self.clients.select_related("current_club").order_by("name", "id")
