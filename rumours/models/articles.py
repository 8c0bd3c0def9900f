"""Stories; the one gate public code reads them through is ``article_queries``."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ..images.uploads import SanitisedImageField
from .article_queries import ArticleQuerySet
from .claim_queries import clubs_by_mentions
from .links import slug_url
from .markup import normalise_newlines, render_markdown
from .sources import SourceKind
from .story_cards import ClaimSides, ListedClubs

# What a claim shows of its story besides its publication time: when one of
# these changes, so does every claim of the story in the API.
CLAIM_FACING_FIELDS = ("headline", "slug")

# Who a story may be based on: a publishing source, never the desk itself.
ORIGINAL_SOURCE_KINDS = [SourceKind.OUTLET, SourceKind.JOURNALIST]


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
    claim_sides = ClaimSides()
    listed_clubs = ListedClubs()
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
        # Browsers post CRLF: stored once as LF, an untouched body never
        # reads as changed in a later conflict message (#14).
        self.body = normalise_newlines(self.body)
        self.render_body()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(**kwargs)
        self.touch_claims_if_they_show_a_change()

    def get_absolute_url(self):
        return slug_url("rumours:article-detail", self.slug)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.claim_facing = {
            name: getattr(instance, name)
            for name in CLAIM_FACING_FIELDS
            if name in field_names
        }
        return instance

    def touch_claims_if_they_show_a_change(self):
        """Mark the claims changed when what they show of the story changed (#17).

        Each claim in the API names its story's headline and slug, so a
        partner syncing ``changes/`` must fetch the claims again then, and
        only then: an edit of the body alone leaves them as they were.
        """
        loaded = getattr(self, "claim_facing", {})
        changed = any(getattr(self, name) != value for name, value in loaded.items())
        if changed:
            self.claims.update(updated_at=timezone.now())
        self.claim_facing = {name: getattr(self, name) for name in loaded}

    def render_body(self):
        """Fill ``body_html`` from the Markdown ``body``.

        ``save()`` calls it; writers that skip ``save()`` (``bulk_create``)
        call it themselves.
        """
        self.body_html = render_markdown(self.body)

    @property
    def main_clubs(self):
        """Return ``listed_clubs`` (``for_cards(with_clubs=True)``), main ones first."""
        return clubs_by_mentions(self.listed_clubs, self.claim_sides)

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
