"""Stories, and the one gate public code reads them through."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from ..images import SanitisedImageField
from ..markup import render_markdown


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Return the stories readers may see: published and due.

        "Now" is read on every call, so a scheduled story appears when its
        time comes without a restart or a cron job.
        """
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def for_listing(self):
        """Load what a list of story cards shows: the author and the clubs.

        Two queries whatever the number of stories.
        """
        from .football import Club

        return self.select_related("author").prefetch_related(
            models.Prefetch("clubs", queryset=Club.objects.order_by("short_name"))
        )

    def for_story_page(self):
        """Load the story page: author, players, and public claims with parties.

        Three queries whatever the number of claims (the story, its players,
        its claims with player, clubs, replaced player and source).
        """
        from .claims import TransferClaim
        from .football import Player

        return self.select_related("author").prefetch_related(
            models.Prefetch("players", queryset=Player.objects.order_by("name")),
            models.Prefetch(
                "claims",
                queryset=TransferClaim.objects.public()
                .with_parties()
                .order_by("reported_at", "id"),
                to_attr="public_claims",
            ),
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
    updated_at = models.DateTimeField(auto_now=True)
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

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = [models.F("published_at").desc(nulls_last=True), "-id"]
        indexes = [models.Index(fields=["status", "published_at"])]
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
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("rumours:article-detail", kwargs={"slug": self.slug})

    @property
    def byline(self):
        """Return the author's full name, or the desk's (needs the author loaded)."""
        if self.author is None:
            return "Transfer Desk"
        return self.author.get_full_name() or self.author.get_username()

    @property
    def was_updated(self):
        """Return True when the story changed a minute or more after publication."""
        return bool(
            self.published_at
            and (self.updated_at - self.published_at).total_seconds() >= 60
        )

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
