"""Fixed query counts (#4, R17): every endpoint at 1 and at 50 items.

The counts include the one Last-Modified query, not the key lookup: the
key's row is read from the shared cache after its first request (#6; the
first one's query is counted in ``tests/api/test_api_keys.py``).
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rumours.models import Attribution, Position
from rumours.models.calibration import CALIBRATION_KEY

from ..factories import (
    ArticleFactory,
    AttributionFactory,
    ClubAliasFactory,
    ClubFactory,
    ClubRoleFactory,
    CompetitionFactory,
    PlayerFactory,
    SourceFactory,
    SquadNoteFactory,
    TransferClaimFactory,
)

# Uncached: the counts are what a page costs when the public cache misses (#6).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]

# The committed budget: Last-Modified (1) + the endpoint's own. Claims'
# amounts (#13) are one prefetch wherever claims are shown.
BUDGET = {
    "/api/v1/articles/": 8,
    "/api/v1/articles/{article}/": 8,
    "/api/v1/claims/": 6,
    "/api/v1/claims/{claim}/": 6,
    "/api/v1/players/": 2,
    "/api/v1/players/{player}/": 2,
    "/api/v1/clubs/": 4,
    "/api/v1/clubs/{club}/": 4,
    # The moves' likelihoods: sources' records, suitors' notes and players.
    "/api/v1/clubs/{club}/squad/": 10,
    "/api/v1/sources/": 2,
    # Its records by kind, club and competition (one query), as a relay.
    "/api/v1/sources/{source}/": 4,
    "/api/v1/competitions/": 2,
    "/api/v1/competitions/{competition}/": 2,
    "/api/v1/changes/": 4,
    "/api/v1/market/{market}": 7,
    # The replay of resolved links (2) and Last-Modified; then the shared cache.
    "/api/v1/calibration/": 3,
}


class Newsroom:
    """One club, story and source that grow by ``grow(n)`` related rows."""

    def __init__(self):
        self.club = ClubFactory()
        self.outlet = SourceFactory(kind="outlet")
        self.source = SourceFactory(outlet=self.outlet)
        self.article = ArticleFactory(original_source=self.outlet)
        self.claim = None

    def grow(self, count):
        for _ in range(count):
            player = PlayerFactory(
                current_club=self.club,
                primary_position=Position.CB,
                secondary_positions=["RB"],
            )
            ClubAliasFactory(club=self.club)
            claim = TransferClaimFactory(
                article=self.article, player=player, source=self.source, with_fee=True
            )
            AttributionFactory(claim=claim, role=Attribution.Role.SPEAKER)
            AttributionFactory(claim=claim)
            TransferClaimFactory(  # sides described and links (#13), their own rows
                article=self.article,
                claim_type="denied",
                answers=TransferClaimFactory(),
                from_club=None,
                from_described="a Serie B side",
                from_competition=CompetitionFactory(),
                to_club=None,
                to_described="a Bundesliga side",
                to_competition=CompetitionFactory(),
                deal_type="swap",
                swap_with=claim,
            )
            TransferClaimFactory(  # settled, with the story that settled it (#15)
                article=self.article,
                source=self.source,  # scored in its record by kind, club, competition
                confirmed=True,
                resolution_note="Confirmed by the club.",
                evidence_article=ArticleFactory(),
            )
            self.article.clubs.add(claim.from_club, claim.to_club)
            self.article.players.add(player)
            TransferClaimFactory(
                to_club=self.club,
                replaces=player,
                article__original_source=self.outlet,  # an aggregated story (#13)
            )
            SquadNoteFactory(club=ClubFactory())
            ClubRoleFactory(club=self.club, person=SourceFactory(kind="club_official"))
            SquadNoteFactory(  # The club's history grows with its source and story.
                club=self.club,
                position="DF",
                source=SourceFactory(),
                article=self.article,
            )
            # A broad position and none at all have their own squad sections.
            TransferClaimFactory(
                from_club=self.club,
                player=PlayerFactory(current_club=self.club, primary_position="DF"),
            )
            TransferClaimFactory(
                to_club=self.club, player=PlayerFactory(primary_position="")
            )
            self.claim = self.claim or claim
        if count == 1:
            SquadNoteFactory(club=self.club, position=Position.ST)

    def urls(self):
        names = {
            "article": self.article.slug,
            "claim": self.claim.pk,
            "player": self.claim.player.slug,
            "club": self.club.slug,
            "source": self.source.slug,
            "competition": self.club.competition.slug,
        }
        # The board of the club's competition (#16): its lookup is one query.
        names["market"] = f"?competition={names['competition']}"
        return {url: url.format(**names) for url in BUDGET}


def count_queries(client, urls):
    client.get("/api/v1/competitions/")  # the key's row, into the cache
    counts = {}
    for name, url in urls.items():
        # Uncached: the calibration's replay is kept for a quarter hour (#15).
        cache.delete(CALIBRATION_KEY)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url, {"page_size": 100} if url.endswith("s/") else {})
        assert response.status_code == 200, (url, response.content[:300])
        counts[name] = len(context.captured_queries)
    return counts


def test_r17_every_endpoint_runs_the_same_queries_for_1_and_50_items(
    api, reliability_report
):
    newsroom = Newsroom()
    newsroom.grow(1)
    small = count_queries(api, newsroom.urls())

    newsroom.grow(49)
    large = count_queries(api, newsroom.urls())

    differing = {
        url: (small[url], large[url]) for url in BUDGET if small[url] != large[url]
    }
    over = {url: large[url] for url in BUDGET if large[url] > BUDGET[url]}
    reliability_report(
        f"R17 api queries: {len(BUDGET)} endpoints at 1 and 50 items, "
        f"{len(differing)} differing, {len(over)} over budget "
        f"(max {max(large.values())} queries)"
    )
    assert (differing, over) == ({}, {})
