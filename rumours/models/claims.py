"""Transfer claims: one structured statement a story reports."""

from typing import NamedTuple

from django.db import models
from django.db.models import F, Q
from django.utils import dateformat, timezone
from simple_history.models import HistoricalRecords

from .amounts import describe_amounts, headline_fee
from .claim_queries import TransferClaimQuerySet
from .claim_terms import (
    CLAIM_TYPE_ORDER,
    SENTENCES,
    ClaimType,
    Currency,
    DealType,
    EventPrecision,
    Outcome,
)

# The relations through which a claim makes its story about a club or a
# player: a story is about every club and player its claims name.
SUBJECT_FIELDS = {"clubs": ("from_club", "to_club"), "players": ("player", "replaces")}


class Credit(NamedTuple):
    """One link of a claim's attribution chain: originator, relay or speaker."""

    role: str
    source: object  # a Source


class TransferClaim(models.Model):
    Type = ClaimType
    DealType = DealType
    Currency = Currency
    Outcome = Outcome
    EventPrecision = EventPrecision

    article = models.ForeignKey(
        "rumours.Article", on_delete=models.CASCADE, related_name="claims"
    )
    player = models.ForeignKey(
        "rumours.Player", on_delete=models.PROTECT, related_name="claims"
    )
    from_club = models.ForeignKey(
        "rumours.Club",
        on_delete=models.PROTECT,
        related_name="claims_out",
        null=True,
        blank=True,
        help_text="Empty for a free agent.",
    )
    to_club = models.ForeignKey(
        "rumours.Club",
        on_delete=models.PROTECT,
        related_name="claims_in",
        null=True,
        blank=True,
        help_text="Empty when the player wants out with no destination yet.",
    )
    claim_type = models.CharField("stage", max_length=24, choices=ClaimType.choices)
    deal_type = models.CharField(max_length=24, choices=DealType.choices, blank=True)
    source = models.ForeignKey(
        "rumours.Source",
        on_delete=models.PROTECT,
        related_name="claims",
        null=True,
        blank=True,
        help_text=(
            "Who broke the claim. Empty when the story names no source "
            "(readers see “reportedly”); for the desk's own reporting choose "
            "the desk's source. Relays and people quoted are attributions."
        ),
    )
    quote = models.TextField(help_text="The words in the story that support the claim.")
    reported_at = models.DateTimeField(default=timezone.now)
    event_date = models.DateField(
        "when it happened",
        null=True,
        blank=True,
        help_text="When the story says it happened, if not when it was reported "
        "(“refused to sell him in the winter”): any day in the month, window or "
        "year, with how precise it is.",
    )
    event_precision = models.CharField(
        "how precisely",
        max_length=8,
        choices=EventPrecision.choices,
        blank=True,
    )
    replaces = models.ForeignKey(
        "rumours.Player",
        on_delete=models.PROTECT,
        related_name="replacement_claims",
        null=True,
        blank=True,
        help_text="The player this signing would replace.",
    )
    outcome = models.CharField(
        max_length=10, choices=Outcome.choices, default=Outcome.OPEN
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking, as on Article (#5).
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = TransferClaimQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["reported_at", "id"]
        permissions = [
            ("resolve_transferclaim", "Can mark claims confirmed, denied or lapsed"),
        ]
        indexes = [
            models.Index(fields=["claim_type"]),
            models.Index(fields=["outcome"]),
            models.Index(fields=["reported_at"]),
            # #6: one index a filter of the feed and pages. The API's club +
            # updated_since filter (a partner's sync) is an OR over both
            # clubs: PostgreSQL combines the two (club, updated_at) indexes.
            models.Index(
                fields=["to_club", "updated_at"], name="rumours_claim_to_updated_idx"
            ),
            models.Index(
                fields=["from_club", "updated_at"],
                name="rumours_claim_from_updated_idx",
            ),
            # The club page's rumours in and out, newest first.
            models.Index(
                fields=["to_club", "reported_at"], name="rumours_claim_to_reported_idx"
            ),
            models.Index(
                fields=["from_club", "reported_at"],
                name="rumours_claim_from_report_idx",
            ),
            # The player page and ?player=, the source page and ?source=.
            models.Index(
                fields=["player", "reported_at"], name="rumours_claim_player_rep_idx"
            ),
            models.Index(
                fields=["source", "reported_at"], name="rumours_claim_source_rep_idx"
            ),
            # ?updated_since= alone, and the API's Last-Modified (Max).
            models.Index(fields=["updated_at"], name="rumours_claim_updated_idx"),
            # The squad page's open rumours in and out: open claims only, so
            # its reads stay the size of the window, not of the archive.
            models.Index(
                fields=["to_club", "reported_at"],
                condition=Q(outcome="open"),
                name="rumours_claim_open_to_idx",
            ),
            models.Index(
                fields=["from_club", "reported_at"],
                condition=Q(outcome="open"),
                name="rumours_claim_open_from_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(claim_type__in=ClaimType.values),
                name="rumours_claim_type_valid",
                violation_error_message="Choose a known stage.",
            ),
            models.CheckConstraint(
                condition=Q(deal_type="") | Q(deal_type__in=DealType.values),
                name="rumours_claim_deal_type_valid",
                violation_error_message="Choose a known deal type.",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=Outcome.values),
                name="rumours_claim_outcome_valid",
                violation_error_message="Choose a known outcome.",
            ),
            models.CheckConstraint(
                condition=Q(event_date__isnull=True, event_precision="")
                | Q(
                    event_date__isnull=False,
                    event_precision__in=EventPrecision.values,
                ),
                name="rumours_claim_event_dated",
                violation_error_message="Give when it happened and how precisely "
                "together, or neither.",
            ),
            models.CheckConstraint(
                condition=Q(from_club__isnull=False) | Q(to_club__isnull=False),
                name="rumours_claim_names_a_club",
                violation_error_message="Name the club the player leaves or joins.",
            ),
            models.CheckConstraint(
                condition=Q(from_club__isnull=True)
                | Q(to_club__isnull=True)
                | ~Q(from_club=F("to_club")),
                name="rumours_claim_clubs_differ",
                violation_error_message="The from club and the to club must differ.",
            ),
            models.CheckConstraint(
                condition=Q(replaces__isnull=True) | ~Q(replaces=F("player")),
                name="rumours_claim_replaces_other_player",
                violation_error_message="A player cannot replace himself.",
            ),
            models.CheckConstraint(
                condition=Q(outcome="open", resolved_at__isnull=True)
                | (~Q(outcome="open") & Q(resolved_at__isnull=False)),
                name="rumours_claim_resolved_when_closed",
                violation_error_message=(
                    "An open claim has no resolution time; "
                    "a confirmed, denied or lapsed one needs it."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.player}: {self.route} ({self.get_claim_type_display()})"

    def subject_ids(self):
        """Return the ids of the clubs and players this claim names.

        ``{"clubs": [...], "players": [...]}`` in the order of
        ``SUBJECT_FIELDS``, read from the foreign keys' columns: no query.
        """
        named = {}
        for relation, names in SUBJECT_FIELDS.items():
            ids = (getattr(self, f"{name}_id") for name in names)
            named[relation] = list(dict.fromkeys(pk for pk in ids if pk is not None))
        return named

    @property
    def is_attributed(self):
        """Return False when the story names no one for this claim.

        Needs the attributions loaded (``with_attributions()``).
        """
        return self.source_id is not None or bool(self.attributions.all())

    def attribution_chain(self):
        """Return ``[Credit(role, source)]``: the originator, then the attributions.

        In the story's order; needs the source and attributions loaded.
        """
        chain = [Credit("originator", self.source)] if self.source_id else []
        return chain + [Credit(row.role, row.source) for row in self.attributions.all()]

    @property
    def sentence(self):
        """Return the stage in plain words with {player}, {to}, {from} to fill in."""
        return SENTENCES[self.claim_type]

    @property
    def claim_type_rank(self):
        """Return the stage's place in a transfer's life (interest first)."""
        return CLAIM_TYPE_ORDER.get(self.claim_type, len(CLAIM_TYPE_ORDER))

    @property
    def route_adds_to_sentence(self):
        """Return True unless the sentence already names every club the claim does.

        “Roma are interested in Dragusin” leaves out the selling club, so the
        route follows it; “Dragusin wants to leave Tottenham” does not.
        """
        return "{from}" not in self.sentence or self.to_club_id is not None

    @property
    def route(self):
        """Return “Tottenham → AC Milan” (needs the clubs loaded).

        A stage that has a suitor ({to} in its sentence) but no club for it
        was reported with the suitor unnamed; the others have no destination.
        """
        origin = self.from_club.short_name if self.from_club else "free agent"
        if self.to_club:
            destination = self.to_club.short_name
        elif "{to}" in self.sentence:
            destination = "unnamed club"
        else:
            destination = "no destination"
        return f"{origin} → {destination}"

    @property
    def has_lapsed(self):
        """Return True for an open claim past its stage's window.

        Needs ``lapses_at`` from ``with_lapse()``; without it, False.
        """
        lapses_at = getattr(self, "lapses_at", None)
        return lapses_at is not None and lapses_at <= timezone.now()

    @property
    def shown_outcome(self):
        """Return the outcome readers see: lapsed for an open claim past its window."""
        return Outcome.LAPSED if self.has_lapsed else self.outcome

    @property
    def event_display(self):
        """Return when it happened as precisely as the story said, or ""."""
        day = self.event_date
        if day is None:
            return ""
        return {
            EventPrecision.DAY: dateformat.format(day, "j F Y"),
            EventPrecision.MONTH: dateformat.format(day, "F Y"),
            EventPrecision.SUMMER: f"summer window {day.year}",
            EventPrecision.WINTER: f"winter window {day.year}",
            EventPrecision.YEAR: str(day.year),
        }[self.event_precision]

    @property
    def fee_display(self):
        """Return the claim's amounts in words (“a fee of €50m plus add-ons”), or "".

        Needs the amounts loaded (``with_amounts()``).
        """
        return describe_amounts(self.amounts.all())

    @property
    def headline_fee(self):
        """Return the first transfer or loan fee (a ``HeadlineFee``), or None.

        Needs the amounts loaded (``with_amounts()``).
        """
        return headline_fee(self.amounts.all())
