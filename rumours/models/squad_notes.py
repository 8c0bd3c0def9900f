"""What a club is said to want at a position, dated and sourced, with history (#13).

A note is a target (“wants four specialist centre-backs”), a need (“need a
left-back”) or a surplus (“too many midfielders”), counted or not, at a
specific position or a broad one (“a defender”). Notes are never replaced:
the newest at a position is the current one, and the older ones stay as the
history the squad page shows under it.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.db import models
from django.db.models import Case, Count, F, OuterRef, Subquery, When
from django.db.models.functions import Coalesce

from .links import slug_url
from .positions import GROUP_OF, Position

TARGET_NEEDS_COUNT = "A target needs a count: how many players the club wants there."


class SquadNoteQuerySet(models.QuerySet):
    def newest_first(self):
        """Return the notes newest first: by date (undated last), then as entered."""
        return self.order_by(F("noted_on").desc(nulls_last=True), "-pk")

    def with_available(self):
        """Annotate ``available``: the club's available players the note counts.

        Those playing its position and, for a broad note ("a defender"),
        every position of its group, as ``market.available_counts`` counts
        them. One count per note, read from the players' index: the market
        board measures every club's notes.
        """
        from .football import Player

        players = Player.objects.filter(
            current_club=OuterRef("club_id"), fitness=Player.Fitness.AVAILABLE
        ).order_by()
        counted = players.values("current_club").annotate(n=Count("pk")).values("n")

        def count(queryset):
            return Coalesce(Subquery(queryset), 0)

        broad = [
            When(
                position=group,
                then=count(
                    counted.filter(
                        primary_position__in=[
                            code for code, of in GROUP_OF.items() if of == group
                        ]
                    )
                ),
            )
            for group in sorted(set(GROUP_OF.values()))
            if [code for code, of in GROUP_OF.items() if of == group] != [group]
        ]
        exact = count(counted.filter(primary_position=OuterRef("position")))
        return self.annotate(available=Case(*broad, default=exact))

    def for_squad(self, now=None):
        """Return the notes with their source and, when published, their story's slug.

        One query. The story itself is not loaded: it may be unpublished, and
        only a published one is linked (``public_article_slug``). ``now`` is
        as ``Article.objects.published()`` takes it.
        """
        from .articles import Article

        published = Article.objects.published(now).filter(pk=OuterRef("article_id"))
        return (
            self.select_related("source")
            .annotate(public_article_slug=Subquery(published.values("slug")[:1]))
            .newest_first()
        )


class SquadNoteKind(models.TextChoices):
    TARGET = "target", "Target"
    NEED = "need", "Need"
    SURPLUS = "surplus", "Surplus"


class SquadNote(models.Model):
    Kind = SquadNoteKind

    club = models.ForeignKey(
        "rumours.Club", on_delete=models.CASCADE, related_name="squad_notes"
    )
    position = models.CharField(
        max_length=2,
        choices=Position.choices,
        help_text="As the story says it: “Centre-back”, or only “Defender”.",
    )
    kind = models.CharField(
        max_length=10, choices=SquadNoteKind.choices, default=SquadNoteKind.TARGET
    )
    count = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="How many (a target's specialists; the players needed or too "
        "many). Blank when the story gives no number; a target needs one.",
    )
    note = models.CharField(max_length=255, blank=True)
    noted_on = models.DateField(
        null=True,
        blank=True,
        help_text="When it was said. Blank only for notes older than dates (#13).",
    )
    article = models.ForeignKey(
        "rumours.Article",
        on_delete=models.SET_NULL,
        related_name="squad_notes",
        null=True,
        blank=True,
        help_text="The story it comes from.",
    )
    source = models.ForeignKey(
        "rumours.Source",
        on_delete=models.PROTECT,
        related_name="squad_notes",
        null=True,
        blank=True,
        help_text="Who said it, when that is not (only) the story.",
    )

    objects = SquadNoteQuerySet.as_manager()

    class Meta:
        ordering = ["club__name", "position", "-noted_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["club", "position", "kind", "noted_on"],
                name="rumours_squadnote_one_a_day",
                violation_error_message=(
                    "This club already has a note of this kind there on that date; "
                    "change that one."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(count__gte=0),
                name="rumours_squadnote_count_not_negative",
                violation_error_message="A count cannot be negative.",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="target") | models.Q(count__isnull=False),
                name="rumours_squadnote_target_counted",
                violation_error_message=TARGET_NEEDS_COUNT,
            ),
            models.CheckConstraint(
                condition=models.Q(position__in=Position.values),
                name="rumours_squadnote_position_valid",
                violation_error_message="Choose a position from the vocabulary.",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=SquadNoteKind.values),
                name="rumours_squadnote_kind_valid",
                violation_error_message="Choose target, need or surplus.",
            ),
        ]

    def __str__(self):
        count = "" if self.count is None else f"{self.count} × "
        return f"{self.club}: {self.get_kind_display()} {count}{self.position}"

    @property
    def public_article_url(self):
        """Return the story's address if it is published (``for_squad()``), else ""."""
        slug = getattr(self, "public_article_slug", None)
        return slug_url("rumours:article-detail", slug) if slug else ""

    @property
    def summary(self):
        """Return the note in words: “Target 4”, “Need 1”, “Need (no number given)”."""
        if self.count is None:
            return f"{self.get_kind_display()} (no number given)"
        return f"{self.get_kind_display()} {self.count}"


@dataclass
class NoteHistory:
    """The notes at one position of one club, newest first (no queries).

    The first is the current note; the others are the history it superseded.
    """

    position: str
    notes: list = field(default_factory=list)

    @cached_property
    def label(self):
        return Position(self.position).label

    @cached_property
    def current(self):
        return self.notes[0] if self.notes else None

    @cached_property
    def earlier(self):
        return self.notes[1:]

    @cached_property
    def target_count(self):
        """Return the current target's count, or None when the note is no target."""
        note = self.current
        return note.count if note and note.kind == SquadNoteKind.TARGET else None

    def balance(self, available):
        """Return the balance against ``available`` players (need < 0 < surplus).

        A target counts ``available`` against its number; a counted need or
        surplus is the number the story gave. None without a counted note.
        """
        note = self.current
        return None if note is None else note_balance(note.kind, note.count, available)


class Balanced:
    """The balance of a squad row or group: it has ``notes`` and ``counted``."""

    @cached_property
    def balance(self):
        return self.notes.balance(self.counted)

    @cached_property
    def balance_label(self):
        """Return “Need 1”, “Balanced”, “Surplus 2”, “Need (no number given)” or ""."""
        note, balance = self.notes.current, self.balance
        if note is None:
            return ""
        if balance is None:
            return note.summary
        return balance_words(balance)

    @cached_property
    def balance_kind(self):
        """Return "need", "balanced", "surplus" or "" (a CSS hook, not the message)."""
        return self.balance_kind_after(0)

    def balance_kind_after(self, change):
        """Return ``balance_kind`` once ``change`` more available players count."""
        note, balance = self.notes.current, self.balance
        if note is None:
            return ""
        if balance is None:
            return note.kind
        return balance_kind(balance + change)

    def standing(self, change=0):
        """Return where it stands once ``change`` more available players count.

        “3 of 4” against a target; “Need 1”, “Balanced” or “Surplus 1” against
        a counted need or surplus; else the available players, “3 available”.
        """
        target = self.notes.target_count
        if target is not None:
            return f"{self.counted + change} of {target}"
        if self.balance is not None:
            return balance_words(self.balance + change)
        return f"{self.counted + change} available"


def note_balance(kind, count, available):
    """Return a note's balance against ``available`` players (need < 0 < surplus).

    A target counts ``available`` against its number; a counted need or
    surplus is the number the story gave. None without a count.
    """
    if count is None:
        return None
    if kind == SquadNoteKind.TARGET:
        return available - count
    return -count if kind == SquadNoteKind.NEED else count


def balance_words(balance):
    """Return “Need 1”, “Balanced” or “Surplus 2” for a balance (need < 0)."""
    if balance < 0:
        return f"Need {-balance}"
    return f"Surplus {balance}" if balance > 0 else "Balanced"


def balance_kind(balance):
    return "need" if balance < 0 else "surplus" if balance > 0 else "balanced"


def note_histories(notes):
    """Return ``{position: NoteHistory}`` from notes already newest first."""
    histories = {}
    for note in notes:
        histories.setdefault(note.position, NoteHistory(note.position)).notes.append(
            note
        )
    return histories
