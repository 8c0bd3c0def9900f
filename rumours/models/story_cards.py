"""What a story card loads beside its story, as rows rather than models (#19).

A card names its story's main clubs: those its claims name most, first.
Both loaders are prefetchers (``Article.claim_sides``,
``Article.listed_clubs``) that ``ArticleQuerySet.for_cards()`` names; each
runs one query for any number of stories, as Django's prefetchers do, from
SQL compiled once for each number of stories.
"""

from operator import attrgetter
from typing import NamedTuple

from .links import club_url
from .prepared import ParamList, PreparedByLength


class StoryRows:
    """A prefetcher of plain rows, each with an ``article_id``, kept on each story.

    Django's ``prefetch_related()`` accepts any attribute of the model with
    this interface; ``rows()`` gives the rows of a list of stories.
    """

    name = ""

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        raise AttributeError(f"{self.name} is loaded by prefetch_related() only.")

    def is_cached(self, instance):
        return self.name in instance.__dict__

    def rows(self, stories):
        raise NotImplementedError

    def get_prefetch_querysets(self, instances, querysets=None):
        """Return what ``prefetch_related_objects()`` asks of a prefetcher."""
        # The rows, each row's story, each story's key; many rows a story,
        # kept in the attribute of ``self.name``.
        rows = self.rows(instances)
        return rows, attrgetter("article_id"), attrgetter("pk"), False, self.name, False


def _stories(length):
    from .articles import Article

    return ParamList("stories", Article._meta.pk, length)


def _claim_sides(length):
    from .claims import TransferClaim

    return (
        TransferClaim.objects.filter(article__in=_stories(length))
        .order_by()
        .values_list("article_id", "from_club_id", "to_club_id", named=True)
    )


def _listed_clubs(length):
    from .articles import Article

    return (
        Article.clubs.through.objects.filter(article__in=_stories(length))
        .order_by("club__short_name", "club_id")
        .values_list("article_id", "club_id", "club__short_name", "club__slug")
    )


# Compiled once a process for each number of stories (a page's ten): the
# list of stories is the only value (#19).
CLAIM_SIDES = PreparedByLength(_claim_sides, "stories")
LISTED_CLUBS = PreparedByLength(_listed_clubs, "stories")


class ClaimSides(StoryRows):
    """A story's ``claim_sides``: its claims' ``from_club_id`` and ``to_club_id``.

    All a card needs of its claims to name its main clubs first; loaded as
    claims (model instances), they were a fifth of the home page's time.
    """

    name = "claim_sides"

    def rows(self, stories):
        return CLAIM_SIDES.run(stories=[story.pk for story in stories])


class CardClub(NamedTuple):
    """A club as a story card names it: enough to link it, without a model row."""

    article_id: int
    pk: int
    short_name: str
    slug: str

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return club_url(self.slug)


class ListedClubs(StoryRows):
    """A story's ``listed_clubs``: its clubs as ``CardClub``, in short-name order.

    A home page of ten round-ups names some seventy clubs, and building them
    as model instances was a third of the page's time.
    """

    name = "listed_clubs"

    def rows(self, stories):
        rows = LISTED_CLUBS.run(stories=[story.pk for story in stories])
        return map(CardClub._make, rows)
