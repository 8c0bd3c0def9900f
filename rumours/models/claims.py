"""Transfer claims: one structured statement a story reports."""

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .amounts import describe_amounts, headline_fee
from .claim_constraints import CLAIM_CONSTRAINTS
from .claim_queries import TransferClaimQuerySet
from .claim_terms import (
    ANSWER_KINDS,
    EXCHANGE_DEALS,
    ClaimType,
    Currency,
    DealType,
    EventPrecision,
    Outcome,
    SideKind,
)
from .claim_wording import ClaimWording

# The relations through which a claim makes its story about a club or a
# player: a story is about every club and player its claims name.
SUBJECT_FIELDS = {"clubs": ("from_club", "to_club"), "players": ("player", "replaces")}


class Credit(NamedTuple):
    """One link of a claim's attribution chain: originator, relay or speaker."""

    role: str
    source: object  # a Source


class TransferClaim(ClaimWording, models.Model):
    Type = ClaimType
    DealType = DealType
    Currency = Currency
    Outcome = Outcome
    EventPrecision = EventPrecision
    SideKind = SideKind

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
        help_text="The club he leaves. Empty when the story does not name it "
        "(describe it below if the story does) or he is a free agent.",
    )
    from_described = models.CharField(
        "selling side as described",
        max_length=120,
        blank=True,
        help_text="The story's words when it does not name the club: "
        "“a Championship side”.",
    )
    from_competition = models.ForeignKey(
        "rumours.Competition",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="selling side's competition",
    )
    from_country = models.CharField(
        "selling side's country", max_length=100, blank=True
    )
    free_agent = models.BooleanField(
        default=False,
        help_text="He has no club: a fact the story states, not a club it leaves out.",
    )
    to_club = models.ForeignKey(
        "rumours.Club",
        on_delete=models.PROTECT,
        related_name="claims_in",
        null=True,
        blank=True,
        help_text="The suitor. Empty when the story does not name it (describe "
        "it below if the story does) or the stage has no destination.",
    )
    to_described = models.CharField(
        "suitor as described",
        max_length=120,
        blank=True,
        help_text="“A host of Bundesliga clubs”, “an unnamed MLS side”.",
    )
    to_competition = models.ForeignKey(
        "rumours.Competition",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="suitor's competition",
    )
    to_country = models.CharField("suitor's country", max_length=100, blank=True)
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
    answers = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        related_name="answered_by",
        null=True,
        blank=True,
        help_text="For a denial or a non-confirmation: the claim it answers.",
    )
    swap_with = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        related_name="swapped_by",
        null=True,
        blank=True,
        verbose_name="other side of the deal",
        help_text="For a swap or player-plus-cash deal: the claim for the player "
        "going the other way, in the same story.",
    )
    outcome = models.CharField(
        max_length=10, choices=Outcome.choices, default=Outcome.OPEN
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    # What settled it (#15): readers see the verdict with its reason and proof.
    resolution_note = models.CharField(
        max_length=280,
        blank=True,
        help_text="What settled it, in a line readers see, e.g. “Milan's "
        "director confirmed the enquiry on Sky Italia”.",
    )
    evidence_article = models.ForeignKey(
        "rumours.Article",
        on_delete=models.SET_NULL,
        related_name="settled_claims",
        null=True,
        blank=True,
        verbose_name="settled by our story",
        help_text="A later story of ours that settled it; readers get the link "
        "once it is published.",
    )
    evidence_url = models.URLField(
        max_length=500,
        blank=True,
        verbose_name="settled by this report",
        help_text="Or the outside report that settled it.",
    )
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
            # #19: the dashboard's claims resolved this week, counted and listed.
            models.Index(fields=["resolved_at"], name="rumours_claim_resolved_idx"),
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
            # The market board's newest open claims, read in this order and
            # cut at a thousand, instead of every open claim sorted.
            models.Index(
                fields=["reported_at", "id"],
                condition=Q(outcome="open"),
                name="rumours_claim_open_newest_idx",
            ),
        ]
        constraints = CLAIM_CONSTRAINTS

    def __str__(self):
        return f"{self.player}: {self.route} ({self.get_claim_type_display()})"

    def get_absolute_url(self):
        """Return the claim's place on its story's page (needs the story loaded)."""
        return f"{self.article.get_absolute_url()}#claim-{self.pk}"

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
    def public_answered_article(self):
        """Return the published story of the claim this one answers, or None.

        Needs ``with_links()``; never a draft's, so no page names one.
        """
        if self.answers_id is None or not self.answers.article.is_published:
            return None
        return self.answers.article

    @property
    def is_settled(self):
        """Return True once an editor resolved it: confirmed, denied or lapsed."""
        return self.outcome != Outcome.OPEN

    @property
    def public_evidence_article(self):
        """Return the published story that settled this claim, or None (#15).

        Needs ``with_links()``; a draft or scheduled story is never named.
        """
        story = self.evidence_article if self.evidence_article_id else None
        return story if story is not None and story.is_published else None

    @property
    def evidence_link(self):
        """Return (address, words) of what settled it, for readers, or None.

        Our own published story first, else the outside report.
        """
        story = self.public_evidence_article
        if story is not None:
            return story.get_absolute_url(), story.headline
        if self.evidence_url:
            return self.evidence_url, "the report that settled it"
        return None

    def clean(self):
        problems = {}
        if self.answers_id and self.claim_type not in ANSWER_KINDS:
            problems["answers"] = (
                "Only a denial or a non-confirmation answers another claim."
            )
        if self.swap_with_id:
            if self.deal_type not in EXCHANGE_DEALS:
                problems["swap_with"] = (
                    "Only a swap or a player-plus-cash deal has another side."
                )
            elif self.swap_with.article_id != self.article_id:
                problems["swap_with"] = "Link a claim of the same story."
        if problems:
            raise ValidationError(problems)

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
