"""Indexes for the filters of the partner feed and the reader pages (#6)."""

import datetime as dt

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import RequestFactory
from rest_framework.request import Request

from rumours.api.views import ClaimViewSet
from rumours.demo.generator import default_anchor, generate_newsroom
from rumours.filters import ClaimFilter
from rumours.models import Article, Club, Player, TransferClaim
from rumours.models.squad_queries import open_claims_about
from rumours.search import search_stories

pytestmark = pytest.mark.django_db

# A partner syncing a month of changes.
DAYS = 30

# (table, leading columns) of every index a feed or page filter needs.
EXPECTED = [
    ("rumours_transferclaim", ["to_club_id", "updated_at"]),
    ("rumours_transferclaim", ["from_club_id", "updated_at"]),
    ("rumours_transferclaim", ["to_club_id", "reported_at"]),
    ("rumours_transferclaim", ["from_club_id", "reported_at"]),
    ("rumours_transferclaim", ["player_id", "reported_at"]),
    ("rumours_transferclaim", ["source_id", "reported_at"]),
    ("rumours_transferclaim", ["updated_at"]),
    ("rumours_transferclaim", ["reported_at"]),
    ("rumours_article", ["status", "published_at"]),
    ("rumours_article", ["updated_at"]),
]


# Either the two (club, updated_at) indexes combined, or updated_at alone when
# the window is narrow enough that it is the more selective.
FEED_INDEXES = [
    "rumours_claim_to_updated_idx",
    "rumours_claim_from_updated_idx",
    "rumours_claim_updated_idx",
]


def indexed_columns(table):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return [c["columns"] for c in constraints.values() if c["index"]]


@pytest.mark.parametrize(("table", "columns"), EXPECTED)
def test_each_feed_and_page_filter_has_an_index(table, columns):
    assert columns in indexed_columns(table)


def claims_feed_queryset(club, since):
    """Return the queryset ``GET /api/v1/claims/?club=&updated_since=`` runs."""
    request = Request(
        RequestFactory().get(
            "/api/v1/claims/", {"club": club.slug, "updated_since": since.isoformat()}
        )
    )
    view = ClaimViewSet(request=request, format_kwarg=None, action="list")
    filterset = ClaimFilter(
        data=QueryDict(request.META["QUERY_STRING"]),
        queryset=view.get_queryset(),
        request=request,
    )
    assert filterset.is_valid(), filterset.errors
    return filterset.qs.order_by(*ClaimViewSet.ordering)[:51]


on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="EXPLAIN plans are PostgreSQL's; SQLite runs the suite's other tests",
)


@pytest.fixture
def analysed_newsroom():
    """Return the anchor of a newsroom big enough that scans lose, analysed.

    3,000 claims over two years in 600 stories: the planner then prefers an
    index to a sequential scan wherever one fits.
    """
    anchor = default_anchor()
    generate_newsroom(
        clubs=30, players=300, articles=600, claims=3000, seed=7, anchor=anchor
    )
    with connection.cursor() as cursor:
        # The search documents were just written: with GIN's fast update they
        # wait in the index's pending list, which the planner prices as a
        # scan of every entry. Move them into the index proper, as VACUUM
        # would (it cannot run inside the test's transaction).
        cursor.execute("SELECT gin_clean_pending_list('rumours_article_search_idx')")
        cursor.execute("ANALYZE")
    return anchor


@pytest.mark.postgres
@on_postgresql
def test_claims_feed_by_club_and_updated_since_uses_an_index(analysed_newsroom):
    club = Club.objects.order_by("pk").first()
    since = analysed_newsroom - dt.timedelta(days=DAYS)

    plan = claims_feed_queryset(club, since).explain()

    used = [name for name in FEED_INDEXES if name in plan]
    assert TransferClaim.objects.exists()
    assert used, plan
    assert "Seq Scan on rumours_transferclaim" not in plan, plan


@pytest.mark.postgres
@on_postgresql
def test_home_page_lists_stories_from_an_index_without_sorting(analysed_newsroom):
    plan = Article.objects.published().for_cards(with_clubs=True)[:10].explain()

    assert "rumours_article_listing_idx" in plan, plan
    assert "Sort" not in plan, plan


@pytest.mark.postgres
@on_postgresql
def test_squad_page_reads_open_claims_through_the_partial_indexes(analysed_newsroom):
    """The archive of resolved claims is not walked for the open ones."""
    club = Club.objects.order_by("pk").first()

    plan = open_claims_about(club).explain()

    assert "rumours_claim_open_to_idx" in plan, plan
    assert "rumours_claim_open_from_idx" in plan, plan


@pytest.mark.postgres
@on_postgresql
def test_search_finds_stories_through_the_search_document_index(analysed_newsroom):
    player = Player.objects.filter(articles__isnull=False).order_by("pk").first()

    plan = search_stories(player.name).explain()

    assert "rumours_article_search_idx" in plan, plan
    assert "Seq Scan on rumours_article" not in plan, plan


@pytest.mark.postgres
@on_postgresql
def test_search_finds_players_by_part_of_their_name_through_an_index(
    analysed_newsroom,
):
    player = Player.objects.order_by("pk").first()
    part = player.name.split()[-1][1:]  # a surname without its first letter

    with connection.cursor() as cursor:
        # 300 players fit in a few pages, where a scan is cheapest: ask the
        # planner whether the index serves the query at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = Player.objects.filter(name__icontains=part).explain()

    assert "rumours_player_name_trgm_idx" in plan, plan
