"""Atom and RSS feeds of published stories (#3).

``/feeds/latest.atom`` and ``/feeds/latest.rss`` carry the newest stories,
``/clubs/<slug>/feed.atom`` those about one club. Every queryset is built in
``items()`` through ``published()``, so a scheduled story enters the feeds
when its time comes, without a restart.
"""

import io
from collections import defaultdict
from typing import NamedTuple

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from ..models import Article, Club, TransferClaim

FEED_LIMIT = 50
SITE_NAME = "Transfer Desk"


class ClubName(NamedTuple):
    name: str
    short_name: str


def feed_stories(stories, *fields):
    """Return the newest published stories of ``stories`` for a feed, as a list.

    Loads ``FEED_FIELDS`` and ``fields`` (the JSON feed's full text and
    picture): the Atom and RSS feeds carry the standfirst, and reading 50
    bodies cost more than writing the feed. Four queries whatever the
    number of entries: the stories with their author, their corrections,
    their clubs, their settled claims (#15). The clubs come as
    ``feed_clubs``, ``ClubName`` pairs in short-name order rather than
    ``Club`` instances: a 50-entry feed names
    some 500 clubs, and building a model for each cost more than the rest of
    the query.
    """
    articles = list(stories.published().for_feed(*fields)[:FEED_LIMIT])
    if not articles:
        return articles
    named = (
        Article.clubs.through.objects.filter(article_id__in=[a.pk for a in articles])
        .order_by("club__short_name", "club_id")
        .values_list("article_id", "club__name", "club__short_name")
    )
    clubs_of = defaultdict(list)
    for article_id, name, short_name in named:
        clubs_of[article_id].append(ClubName(name, short_name))
    settled_of = defaultdict(list)
    settled = (
        TransferClaim.objects.filter(article_id__in=[a.pk for a in articles])
        .exclude(outcome=TransferClaim.Outcome.OPEN)
        .only("article_id", "player__name", "claim_type", "outcome", "resolved_at")
        .select_related("player")
        .order_by("reported_at", "pk")
    )
    for claim in settled:
        settled_of[claim.article_id].append(claim)
    for article in articles:
        article.feed_clubs = clubs_of[article.pk]
        article.feed_settled = settled_of[article.pk]
    return articles


def outcomes_html(article):
    """Return what happened to the story's settled claims (#15), as HTML.

    Needs ``feed_settled`` from ``feed_stories()``.
    """
    return "".join(
        f"<p>What happened: {escape(claim.player.name)}, "
        f"{escape(claim.get_claim_type_display().lower())}: {escape(claim.verdict)}"
        f" ({format_date(claim.resolved_at, 'j F Y')}).</p>"
        for claim in article.feed_settled
    )


def corrections_html(article):
    """Return the story's corrections as HTML paragraphs, each with its date.

    Needs the corrections loaded by ``feed_stories()``.
    """
    return "".join(
        f"<p>Correction, {format_date(correction.created_at, 'j F Y')}: "
        f"{escape(correction.note)}</p>"
        for correction in article.correction_list
    )


class WrittenAtOnce:
    """Write the feed into memory, then into the response in one piece.

    Django's feed writer emits every tag and every text on its own: straight
    into an ``HttpResponse``, a 50-entry feed is some 3,000 ``write()``
    calls, each turned into bytes.
    """

    def write(self, outfile, encoding):
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())


class AtomFeed(WrittenAtOnce, Atom1Feed):
    pass


class RssFeed(WrittenAtOnce, Rss201rev2Feed):
    pass


class StoryFeed(Feed):
    """What every story feed says about one story."""

    feed_type = AtomFeed
    author_name = SITE_NAME

    def item_title(self, article):
        # Feed.item_title() escapes the title, and the feed writer escapes it
        # again: "Spurs & Milan" would reach readers as "Spurs &amp; Milan".
        return article.headline

    def item_description(self, article):
        # Atom's <summary type="html"> and RSS's <description> are HTML: the
        # standfirst is plain text, so "Under-21s <> first team" stays text.
        # What happened to its claims (#15) and corrections (#5) follow it.
        return (
            escape(article.standfirst)
            + outcomes_html(article)
            + corrections_html(article)
        )

    def item_link(self, article):
        return article.get_absolute_url()

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        # Atom's <updated> may not precede publication: modified_at says so.
        return article.modified_at

    def item_author_name(self, article):
        return article.byline

    def item_categories(self, article):
        return [club.name for club in article.feed_clubs]


class LatestStoriesFeed(StoryFeed):
    title = f"{SITE_NAME}: latest transfer stories"
    subtitle = description = "The newest transfer stories from the Transfer Desk."

    def link(self):
        return reverse("rumours:home")

    def items(self):
        return feed_stories(Article.objects.all())


class LatestStoriesRssFeed(LatestStoriesFeed):
    feed_type = RssFeed


class ClubStoriesFeed(StoryFeed):
    """The published stories about one club (``Article.clubs``)."""

    def get_object(self, request, slug):
        return get_object_or_404(Club, slug=slug)

    def title(self, club):
        return f"{SITE_NAME}: {club.name}"

    def subtitle(self, club):
        return f"The newest transfer stories about {club.name}."

    description = subtitle

    def link(self, club):
        return club.get_absolute_url()

    def items(self, club):
        return feed_stories(Article.objects.filter(clubs=club))
