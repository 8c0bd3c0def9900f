"""Stories, and the one gate public code reads them through."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ..images.uploads import SanitisedImageField
from .links import slug_url
from .markup import render_markdown
from .sources import SourceKind

# Who a story may be based on: a publishing source, never the desk itself.
ORIGINAL_SOURCE_KINDS = [SourceKind.OUTLET, SourceKind.JOURNALIST]

# What every feed entry shows: the byline needs the author's names only.
FEED_FIELDS = [
    "headline", "slug", "standfirst", "published_at", "updated_at", "revised_at",
    "author", "author__first_name", "author__last_name", "author__username",
]  # fmt: skip


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Return the stories readers may see: published and due.

        "Now" is read on every call, so a scheduled story appears when its
        time comes without a restart or a cron job.
        """
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def for_cards(self, with_clubs=False):
        """Load what a story card shows, and nothing else.

        Headline, standfirst, slug and date; with ``with_clubs``, the clubs
        as ``listed_clubs`` (a list in short-name order, of which a card names
        four): Django gives each story a filtered queryset of its clubs
        otherwise. One query, two with clubs, whatever the number of stories
        or clubs. (Loading only the first four clubs with a sliced
        ``Prefetch`` and counting the rest cost more: a window function and
        a subquery to compile, for 100 rows saved.)
        """
        from .football import Club

        stories = self.only("headline", "slug", "standfirst", "published_at")
        if not with_clubs:
            return stories
        clubs = Club.objects.only("short_name", "slug")
        return stories.prefetch_related(
            models.Prefetch(
                "clubs",
                queryset=clubs.order_by("short_name", "id"),
                to_attr="listed_clubs",
            )
        )

    def for_story_page(self):
        """Load the story page: author, players, public claims, corrections.

        Six queries whatever the number of claims or corrections (the story,
        its players, its claims with player, clubs, replaced player and
        source, their relays and speakers, their amounts, its corrections).
        """
        from .claims import TransferClaim

        return self._for_story(TransferClaim.objects.public())

    def for_preview(self):
        """Load a story as ``for_story_page()`` does, with every claim it has.

        A draft's claims are not public yet; staff previewing it see them all.
        """
        from .claims import TransferClaim

        return self._for_story(TransferClaim.objects.all())

    def for_api(self):
        """Load what the partner API's ``ArticleSerializer`` reads.

        The story page's loading plus the clubs: seven queries whatever the
        number of stories, claims or corrections.
        """
        from .football import Club

        return self.for_story_page().prefetch_related(
            models.Prefetch("clubs", queryset=Club.objects.order_by("short_name", "id"))
        )

    def _for_story(self, claims):
        from .football import Player

        # The page and the API show body_html; the Markdown source and the
        # search document (1.4 KB a story) stay in the database.
        stories = self.select_related("author", "original_source").defer(
            "body", "search_document"
        )
        return stories.prefetch_related(
            models.Prefetch("players", queryset=Player.objects.order_by("name", "id")),
            models.Prefetch(
                "claims",
                queryset=claims.with_parties()
                .with_attributions()
                .with_amounts()
                .with_lapse()
                .order_by("reported_at", "id"),
                to_attr="public_claims",
            ),
            # Corrections come in their Meta order: oldest first.
            models.Prefetch("corrections", to_attr="correction_list"),
        )

    def for_feed(self, *fields):
        """Load what a feed entry shows: ``FEED_FIELDS``, ``fields``, corrections.

        Newest first. Two queries whatever the number of stories: the
        stories with their author's names, and their corrections (as
        ``correction_list``). The body stays in the database unless
        ``fields`` asks for it.
        """
        corrections = models.Prefetch("corrections", to_attr="correction_list")
        return (
            self.select_related("author")
            .only(*FEED_FIELDS, *fields)
            .prefetch_related(corrections)
            .order_by("-published_at", "-id")
        )

    def for_dashboard(self):
        """Load what the desk dashboard lists: headline, publication time, author.

        Its lists filter and sort on status and update time in SQL; neither is
        shown, so neither is loaded.
        """
        return self.select_related("author").only(
            "headline",
            "published_at",
            "author__username",
            "author__first_name",
            "author__last_name",
        )

    def related_to(self, article):
        """Return other stories about ``article``'s players, for its page.

        Needs ``article``'s players loaded (``for_story_page()``). Loads what
        the related-stories list shows.
        """
        player_ids = [player.pk for player in article.players.all()]
        if not player_ids:
            return self.none()
        return (
            self.about_players(player_ids)
            .exclude(pk=article.pk)
            .only("headline", "slug", "standfirst", "published_at")
        )

    def next_due(self):
        """Return when the next scheduled story is due, or None. One query."""
        return self.scheduled().aggregate(due=models.Min("published_at"))["due"]

    def in_review(self):
        """Return the stories waiting for an editor."""
        return self.filter(status=Article.Status.REVIEW)

    def scheduled(self):
        """Return the stories published with a time still to come."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
        )

    def about_players(self, player_ids):
        """Return stories naming any of ``player_ids``, without duplicates."""
        through = Article.players.through.objects.filter(player_id__in=player_ids)
        return self.filter(pk__in=through.values("article_id"))

    def about_clubs(self, club_ids):
        """Return stories naming any of ``club_ids``, without duplicates."""
        through = Article.clubs.through.objects.filter(club_id__in=club_ids)
        return self.filter(pk__in=through.values("article_id"))


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"


class Article(models.Model):
    Status = ArticleStatus

    headline = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    standfirst = models.TextField(
        blank=True, help_text="The one or two sentences under the headline."
    )
    body = models.TextField(help_text="Markdown. Raw HTML is sanitised.")
    body_html = models.TextField(editable=False, blank=True)
    hero_image = SanitisedImageField(
        blank=True,
        width_field="hero_width",
        height_field="hero_height",
        help_text="JPEG, PNG or WebP. Metadata (EXIF, GPS) is removed on upload.",
    )
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_credit = models.CharField(max_length=200, blank=True)
    hero_caption = models.CharField(max_length=300, blank=True)
    hero_alt = models.CharField(
        "hero alt text",
        max_length=300,
        blank=True,
        help_text="What the picture shows, for readers who cannot see it.",
    )
    # Provenance: an aggregated story credits the report it is based on.
    original_source = models.ForeignKey(
        "rumours.Source",
        on_delete=models.PROTECT,
        related_name="based_on_articles",
        null=True,
        blank=True,
        limit_choices_to={"kind__in": ORIGINAL_SOURCE_KINDS},
        help_text="When the story is based on another's report: the outlet or "
        "journalist that published it. Leave empty for the desk's own story.",
    )
    original_url = models.URLField(
        "original's address",
        max_length=500,
        blank=True,
        help_text="The address of the report the story is based on.",
    )
    original_published_at = models.DateTimeField(
        "original's publication time",
        null=True,
        blank=True,
        help_text="When the report the story is based on was published.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="articles",
        null=True,
        blank=True,
    )
    status = models.CharField(
        max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="A future time schedules the story.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)  # for caches, sync, the API
    revised_at = models.DateTimeField(  # for readers, feeds, sitemaps (#13)
        "shown as updated",
        null=True,
        blank=True,
        editable=False,
        help_text="An editor's last save or correction, or an imported file's time.",
    )
    clubs = models.ManyToManyField(
        "rumours.Club",
        related_name="articles",
        blank=True,
        help_text="Filled from the claims on save; add others as needed.",
    )
    players = models.ManyToManyField(
        "rumours.Player",
        related_name="articles",
        blank=True,
        help_text="Filled from the claims on save; add others as needed.",
    )

    # Optimistic locking (#5): every editorial save moves it on by one, and a
    # save from a form loaded at an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    # Site search on PostgreSQL (#6): the weighted document of the story and
    # the names of its clubs and players, kept current by rumours.search
    # (signals, and refresh_search_documents() after bulk writes), searched
    # through a GIN index that migration 0007 adds. Unused on SQLite, which
    # keeps an FTS5 table instead.
    search_document = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["body_html", "search_document"])

    class Meta:
        ordering = [models.F("published_at").desc(nulls_last=True), "-id"]
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish stories"),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            # #6: the API's ?updated_since= and Last-Modified (Max).
            models.Index(fields=["updated_at"], name="rumours_article_updated_idx"),
            # On PostgreSQL, migration 0006 adds the home page's order as a
            # partial index (SQLite cannot index NULLS LAST).
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ArticleStatus.values),
                name="rumours_article_status_valid",
                violation_error_message="Choose draft, in review or published.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published")
                | models.Q(published_at__isnull=False),
                name="rumours_article_published_has_time",
                violation_error_message="A published story needs a publication time.",
            ),
            models.CheckConstraint(
                condition=models.Q(original_source__isnull=False)
                | models.Q(original_url="", original_published_at__isnull=True),
                name="rumours_article_original_named",
                violation_error_message="Name the original outlet or journalist "
                "when giving the original's address or publication time.",
            ),
            models.CheckConstraint(
                condition=models.Q(original_url="")
                | models.Q(original_url__startswith="https://")
                | models.Q(original_url__startswith="http://"),
                name="rumours_article_original_url_web",
                violation_error_message="The original's address must start with "
                "https:// or http://.",
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, **kwargs):
        # Django deprecated positional arguments to save() in 5.1: keywords only.
        self.render_body()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(**kwargs)

    def get_absolute_url(self):
        return slug_url("rumours:article-detail", self.slug)

    def render_body(self):
        """Fill ``body_html`` from the Markdown ``body``.

        ``save()`` calls it; writers that skip ``save()`` (``bulk_create``)
        call it themselves.
        """
        self.body_html = render_markdown(self.body)

    @property
    def byline(self):
        """Return the author's full name, or the desk's (needs the author loaded)."""
        if self.author is None:
            return "Transfer Desk"
        return self.author.get_full_name() or self.author.get_username()

    @property
    def is_aggregated(self):
        """Return True when the story is based on another's report."""
        return self.original_source_id is not None

    def mark_revised(self):
        """Record that an editor changed the story now (readers see “Updated”)."""
        self.revised_at = timezone.now()

    @property
    def was_updated(self):
        """Return True when the story was revised a minute or more after publication."""
        return bool(
            self.published_at
            and self.revised_at
            and (self.revised_at - self.published_at).total_seconds() >= 60
        )

    @property
    def modified_at(self):
        """Return the later of revision and publication, for feeds and SEO (#13)."""
        times = [t for t in (self.revised_at, self.published_at) if t is not None]
        return max(times) if times else self.updated_at  # a draft's preview

    @property
    def is_published(self):
        """Return True once the story is published and due."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )
