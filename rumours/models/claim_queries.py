"""How claims are read: the public gate, lapsing, and each surface's loader."""

from collections import Counter

from django.db import models
from django.db.models import Case, Exists, F, Func, OuterRef, Q, Subquery, When
from django.utils import timezone

from .attributions import Attribution
from .claim_terms import Outcome
from .lapses import LapseWindow


class LapseEnd(Func):
    """Report time plus the stage's window, in each database's own arithmetic.

    Django's SQLite backend adds a duration to a time with a Python function
    called per row, three times a claim in ``current()``; over the thousands
    of open claims a whole market board reads, that was most of its time.
    SQLite's strftime() does it in C: whole seconds of the window (stored in
    microseconds there; windows are days) added, the report's fraction of a
    second kept.
    """

    output_field = models.DateTimeField()
    template = "(%(expressions)s)"
    arg_joiner = " + "

    def as_sqlite(self, compiler, connection, **extra_context):
        (reported, reported_params), (window, window_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        seconds = f"'+' || (({window}) / 1000000) || ' seconds'"
        sql = (
            f"strftime('%%Y-%%m-%%d %%H:%%M:%%S', {reported}, {seconds})"
            f" || substr({reported}, 20)"
        )
        return sql, (*reported_params, *window_params, *reported_params)


# A story's text and search document: a claim's page or card links its
# story by headline, so joined stories leave these in the database.
STORY_TEXT = ("body", "body_html", "search_document")


class TransferClaimQuerySet(models.QuerySet):
    def public(self, now=None):
        """Return claims readers may see: those of published, due stories.

        The story's gate is ``published()``, asked as a correlated ``EXISTS``
        rather than a join: joined, SQLite started from the published stories
        and sorted all their claims to list the newest twenty; with nothing
        joined on, it walks the claims' index in the order asked (#19).
        ``now`` is as ``published()`` takes it.
        """
        stories = self.model._meta.get_field("article").related_model.objects
        return self.filter(
            Exists(stories.published(now).filter(pk=OuterRef("article_id")))
        )

    def open(self):
        """Return the claims nobody has resolved yet."""
        return self.filter(outcome=Outcome.OPEN)

    def with_lapse(self):
        """Annotate ``lapses_at``: when each open claim stops being news.

        Its report time plus its stage's window (``LapseWindow``), in the
        same query; None for a resolved claim or a stage without a window.
        """
        # One window a stage (claim_type is unique): the subquery is one value.
        window = LapseWindow.objects.filter(claim_type=OuterRef("claim_type"))
        ends = LapseEnd(F("reported_at"), Subquery(window.values("window")))
        return self.annotate(lapses_at=Case(When(outcome=Outcome.OPEN, then=ends)))

    def current(self, now=None):
        """Return the open claims that are still news: not resolved, not lapsed.

        ``now`` is as ``public()`` takes it.
        """
        now = timezone.now() if now is None else now
        return (
            self.open()
            .with_lapse()
            .filter(Q(lapses_at__isnull=True) | Q(lapses_at__gt=now))
        )

    def for_story(self):
        """Load what a story lists of its claims, in report order.

        Their relays, speakers and amounts (two queries) and when each
        lapses; chain after the claims' joins (``with_parties()`` and so on).
        """
        return (
            self.with_attributions()
            .with_amounts()
            .with_lapse()
            .order_by("reported_at", "id")
        )

    def count_by_claim_type(self):
        """Return ``{claim_type: number of claims}``, in one query."""
        return dict(
            self.values_list("claim_type").annotate(count=models.Count("id")).order_by()
        )

    def with_parties(self):
        """Load the player, both clubs, the source and the replaced player.

        And the competitions of described sides. One query whatever the
        number of claims.
        """
        return self.select_related(
            "player",
            "from_club",
            "to_club",
            "source",
            "replaces",
            "from_competition",
            "to_competition",
        )

    def with_links(self):
        """Load the stories and claims a claim points at, in the same query.

        The claim a denial answers (with its story), a swap's other player,
        and the later story that settled it (#15). The stories' text stays in
        the database; a page links one only when it is published
        (``public_answered_article``, ``public_evidence_article``).
        """
        return self.select_related("swap_with__player").with_stories(
            "answers__article", "evidence_article"
        )

    def with_stories(self, *paths):
        """Join the stories at ``paths`` without their text (``STORY_TEXT``)."""
        return self.select_related(*paths).defer(
            *(f"{path}__{field}" for path in paths for field in STORY_TEXT)
        )

    def with_attributions(self):
        """Load each claim's relays and speakers with their sources: one query."""
        return self.prefetch_related(
            models.Prefetch(
                "attributions", queryset=Attribution.objects.select_related("source")
            )
        )

    def with_amounts(self):
        """Load each claim's amounts (fees, prices, wages), in order: one query.

        A plain lookup (the rows' own ordering is the story's), so chaining it
        twice loads them once.
        """
        return self.prefetch_related("amounts")

    def for_api(self):
        """Load what the partner API's ``ClaimSerializer`` reads.

        Five queries whatever the number of claims: the claims with their
        story, player, clubs, source, replaced player and the story that
        settled them (#15; the stories' text left in the database), then the
        competitions of described sides, then the relays and speakers with
        their sources, then the amounts. Joined on, the competitions (a table
        of a few rows) made SQLite start elsewhere than the index on
        ``reported_at`` and sort every public claim for a page of twenty
        (#19, ``bench/README.md``).
        """
        return (
            self.select_related(
                "article",
                "player",
                "from_club",
                "to_club",
                "source",
                "replaces",
            )
            .with_stories("article", "evidence_article")
            .prefetch_related("from_competition", "to_competition")
            .with_attributions()
            .with_amounts()
            .with_lapse()
        )

    def for_timeline(self):
        """Load claims listed with their story: parties, attributions, the article.

        Three queries whatever the number of claims (the claims, their
        attributions, their amounts). Chain after ``public()`` so
        the article is always a published one. A timeline links the story by
        its headline: its text and search document stay in the database (a
        club page lists up to a hundred claims).
        """
        return (
            self.with_parties()
            .with_links()
            .with_attributions()
            .with_amounts()
            .with_lapse()
            .select_related("article")
            .defer("article__body", "article__body_html", "article__search_document")
        )


def clubs_by_mentions(clubs, claims):
    """Return ``clubs``, those ``claims`` name most on either side first.

    Ties, and clubs no claim names, keep their order in ``clubs``: a card
    of a round-up names the clubs the story is about before those it
    mentions in passing (#16).
    """
    mentions = Counter()
    for claim in claims:
        mentions.update({claim.from_club_id, claim.to_club_id} - {None})
    return sorted(clubs, key=lambda club: -mentions[club.pk])


def clubs_named_by(claims):
    """Return the clubs ``claims`` name (loaded on them), most named first."""
    clubs = {}
    for claim in claims:
        for club in (claim.from_club, claim.to_club):
            if club is not None:
                clubs.setdefault(club.pk, club)
    return clubs_by_mentions(clubs.values(), claims)
