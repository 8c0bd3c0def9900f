"""How stories are read: the one public gate, and each surface's loader."""

from functools import partial
from operator import attrgetter

from django.db import models
from django.utils import timezone

from .prepared import Param, PreparedQuery, set_prefetched

RELATED_STORIES = 5  # a story page lists at most five stories about its players

# What every feed entry shows: the byline needs the author's names only.
FEED_FIELDS = [
    "headline", "slug", "standfirst", "published_at", "updated_at", "revised_at",
    "author", "author__first_name", "author__last_name", "author__username",
]  # fmt: skip


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Return the stories readers may see: published and due.

        "Now" is read on every call, so a scheduled story appears when its
        time comes without a restart or a cron job; a ``PreparedQuery`` gives
        it as a ``Param``, bound at each run.
        """
        return self.filter(
            status=self.model.Status.PUBLISHED,
            published_at__lte=timezone.now() if now is None else now,
        )

    def for_cards(self, with_clubs=False):
        """Load what a story card shows, and nothing else.

        Headline, standfirst, slug and date; with ``with_clubs``, the clubs
        as ``listed_clubs`` (a list in short-name order, of which a card names
        four): Django gives each story a filtered queryset of its clubs
        otherwise. One query, three with clubs, whatever the number of stories
        or clubs. (Loading only the first four clubs with a sliced
        ``Prefetch`` and counting the rest cost more: a window function and
        a subquery to compile, for 100 rows saved.) ``main_clubs`` puts the
        clubs the story's claims name most first: one query more.
        """
        stories = self.only("headline", "slug", "standfirst", "published_at")
        if not with_clubs:
            return stories
        return stories.prefetch_related(
            models.Prefetch("listed_clubs", to_attr="listed_clubs"),
            # Which clubs a card names first (#16): those its claims name most.
            models.Prefetch("claim_sides", to_attr="claim_sides"),
        )

    def for_story_page(self):
        """Load the story page: author, players, public claims, corrections.

        Six queries whatever the number of claims or corrections (the story,
        its players, its claims with player, clubs, replaced player and
        source, their relays and speakers, their amounts, its corrections).
        """
        from .claims import TransferClaim

        return self._for_story(
            TransferClaim.objects.public().with_parties().with_links()
        )

    def for_preview(self):
        """Load a story as ``for_story_page()`` does, with every claim it has.

        A draft's claims are not public yet; staff previewing it see them all.
        """
        from .claims import TransferClaim

        return self._for_story(TransferClaim.objects.with_parties().with_links())

    def for_api(self):
        """Load what the partner API's ``ArticleSerializer`` reads.

        The story page's loading plus the clubs: seven queries whatever the
        number of stories, claims or corrections. The API gives the ids of
        the claims a claim answers or swaps with, not their stories or
        players, so those are not joined (#19).
        """
        from .claims import TransferClaim

        claims = _api_claims(TransferClaim.objects.public())
        return self._for_story(claims)._with_api_clubs()

    def _with_api_clubs(self):
        """Load the clubs a story is about, as the API lists them."""
        from .football import Club

        return self.prefetch_related(
            models.Prefetch("clubs", queryset=Club.objects.order_by("short_name", "id"))
        )

    def _for_story(self, claims):
        """Load a story with ``claims`` (their joins chosen by the caller)."""
        return self._for_story_without_claims().prefetch_related(
            models.Prefetch(
                "claims", queryset=claims.for_story(), to_attr="public_claims"
            )
        )

    def _for_story_without_claims(self):
        """Load a story's author, source, players and corrections."""
        from .football import Player

        # The page and the API show body_html; the Markdown source and the
        # search document (1.4 KB a story) stay in the database.
        stories = self.select_related("author", "original_source").defer(
            "body", "search_document"
        )
        return stories.prefetch_related(
            models.Prefetch("players", queryset=Player.objects.order_by("name", "id")),
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

    def next_due(self):
        """Return when the next scheduled story is due, or None. One query."""
        return self.scheduled().aggregate(due=models.Min("published_at"))["due"]

    def in_review(self):
        """Return the stories waiting for an editor."""
        return self.filter(status=self.model.Status.REVIEW)

    def scheduled(self):
        """Return the stories published with a time still to come."""
        return self.filter(
            status=self.model.Status.PUBLISHED, published_at__gt=timezone.now()
        )

    def about_players(self, player_ids):
        """Return stories naming any of ``player_ids``, without duplicates."""
        through = self.model.players.through.objects.filter(player_id__in=player_ids)
        return self.filter(pk__in=through.values("article_id"))

    def about_clubs(self, club_ids):
        """Return stories naming any of ``club_ids``, without duplicates."""
        through = self.model.clubs.through.objects.filter(club_id__in=club_ids)
        return self.filter(pk__in=through.values("article_id"))


def _article_param():
    from .articles import Article

    return Param("article", Article._meta.get_field("id"))


def _published_story():
    """A published story by slug, without its relations (``_with_relations``)."""
    from .articles import Article

    slug = Param("slug", Article._meta.get_field("slug"))
    now = Param("now", Article._meta.get_field("published_at"))
    return (
        Article.objects.published(now=now)
        .filter(slug=slug)
        .order_by()
        ._for_story_without_claims()
        .prefetch_related(None)
    )


def _story_claims(join):
    """Return a story's public claims with what ``join`` joins on them."""
    from .articles import Article
    from .claims import TransferClaim

    article = Param("article", TransferClaim._meta.get_field("article"))
    now = Param("now", Article._meta.get_field("published_at"))
    claims = join(TransferClaim.objects.public(now=now))
    return claims.filter(article=article).for_story().prefetch_related(None)


def _page_claims(claims):
    """Join on ``claims`` what the story page shows of them."""
    return claims.with_parties().with_links()


def _api_claims(claims):
    """Join on ``claims`` what the API shows of a story's claims.

    The API gives the ids of the claims a claim answers or swaps with, not
    their stories or players, so those are not joined (#19).
    """
    return claims.with_parties().with_stories("evidence_article")


def _story_players():
    from .football import Player

    return Player.objects.filter(articles=_article_param()).order_by("name", "id")


def _story_clubs():
    from .football import Club

    return Club.objects.filter(articles=_article_param()).order_by("short_name", "id")


def _story_corrections():
    from .corrections import Correction

    return Correction.objects.filter(article=_article_param())


def _claims_attributions():
    from .attributions import Attribution

    attributions = Attribution.objects.filter(claim__article=_article_param())
    return attributions.select_related("source")


def _claims_amounts():
    from .amounts import ClaimAmount

    return ClaimAmount.objects.filter(claim__article=_article_param())


def _related_stories():
    """The newest published stories about the players of a story, but itself."""
    from .articles import Article

    players = Article.players.through.objects.filter(article=_article_param())
    stories = Article.players.through.objects.filter(
        player__in=players.values("player_id")
    )
    now = Param("now", Article._meta.get_field("published_at"))
    return (
        Article.objects.published(now=now)
        .filter(pk__in=stories.values("article_id"))
        .exclude(pk=_article_param())
        .only("headline", "slug", "standfirst", "published_at")[:RELATED_STORIES]
    )


PUBLISHED_STORY = PreparedQuery(_published_story)
RELATED_STORIES_OF = PreparedQuery(_related_stories)
STORY_CLAIMS = PreparedQuery(partial(_story_claims, _page_claims))
API_STORY_CLAIMS = PreparedQuery(partial(_story_claims, _api_claims))
# What _for_story_without_claims(), _with_api_clubs() and for_story() prefetch.
STORY_PLAYERS = PreparedQuery(_story_players)
STORY_CLUBS = PreparedQuery(_story_clubs)
STORY_CORRECTIONS = PreparedQuery(_story_corrections)
CLAIMS_ATTRIBUTIONS = PreparedQuery(_claims_attributions)
CLAIMS_AMOUNTS = PreparedQuery(_claims_amounts)


def published_story(slug):
    """Return the published story at ``slug`` loaded for its page, or None.

    What ``published().for_story_page()`` loads, in as many queries, from
    SQL compiled once a process: compiling the claims' ten joins cost more
    than running them (#19), and the relations Django would prefetch are
    read by the story's id (``set_prefetched``).
    """
    return _story_with_claims(STORY_CLAIMS, slug)


def related_stories(article):
    """Return the newest published stories about ``article``'s players, for its page.

    At most ``RELATED_STORIES``, ``article`` left out; loaded as a story
    card shows them, from SQL compiled once a process (#19).
    """
    if not article.players.all():  # loaded with the story: no query
        return []
    return RELATED_STORIES_OF.run(article=article.pk, now=timezone.now())


def published_api_story(slug):
    """Return the published story at ``slug`` loaded for the API, or None.

    What ``published().for_api()`` loads, in as many queries, from SQL
    compiled once a process, as ``published_story()`` (#19).
    """
    return _story_with_claims(API_STORY_CLAIMS, slug, with_clubs=True)


def _story_with_claims(claims, slug, *, with_clubs=False):
    """Run the story for ``slug``, then ``claims`` and the relations, one "now"."""
    now = timezone.now()
    found = PUBLISHED_STORY.run(slug=slug, now=now)
    if not found:
        return None
    story = found[0]
    article = story.pk
    relations = [("players", STORY_PLAYERS)]
    if with_clubs:
        relations.append(("clubs", STORY_CLUBS))
    for name, query in relations:
        set_prefetched(found, name, query.run(article=article), lambda row: article)
    story.correction_list = STORY_CORRECTIONS.run(article=article)
    story.public_claims = claims.run(article=article, now=now)
    for claim in story.public_claims:
        claim.article = story  # as a prefetch of the story's claims sets it
    for name, query in (
        ("attributions", CLAIMS_ATTRIBUTIONS),
        ("amounts", CLAIMS_AMOUNTS),
    ):
        rows = query.run(article=article)
        set_prefetched(story.public_claims, name, rows, attrgetter("claim_id"))
    return story
