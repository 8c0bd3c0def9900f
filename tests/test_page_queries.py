"""R17 for the reader pages: each page's query count does not grow with its data.

Every page is measured twice, on a small and a large instance of what it
lists (1 and 50 rows; a squad of 11 and of 40), each row with its own
related objects so that a 1+N loop shows as a different count.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rumours.models import Attribution, Club, Position

from .factories import (
    ArticleFactory,
    AttributionFactory,
    ClubFactory,
    ClubRoleFactory,
    CompetitionFactory,
    CorrectionFactory,
    PlayerFactory,
    SourceFactory,
    SquadNoteFactory,
    TransferClaimFactory,
    UserFactory,
)

# Uncached: the counts are what a page costs when the public cache misses (#6).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]

SMALL, LARGE = 1, 50
SQUAD_SMALL, SQUAD_LARGE = 11, 40
# What each page may cost (docs/reliability.md, R17): one query more is a
# regression even when it does not grow with the data.
# Claims' amounts (#13) are one prefetch a list of claims (the club page has two);
# a card names its story's main clubs first, read from its claims (#16); a
# source's page adds its record by kind, club and competition (one grouped
# query) and as a relay; a story its sources' records, in one; a player
# his sources' records and, for the likelihoods, his suitors' notes and
# players (#15); a squad's what-if the same for its moves: its sources'
# records, its departures' suitors' notes and their players (#16).
BUDGETS = {
    "story": 8, "home": 6, "player": 8, "club": 9, "squad": 8,
    "source": 6, "outlet": 7, "agent": 7,
    "clubs": 3, "players": 4, "sources": 1, "competitions": 1,
    "what-if": 8, "market": 7,
}  # fmt: skip


class PageCounts:
    """The counts measured in this module, reported once after its last test."""

    def __init__(self):
        self.counts = {}
        self.report = None

    def line(self):
        grown = sum(small != large for small, large in self.counts.values())
        budget = max(max(pair) for pair in self.counts.values())
        detail = ", ".join(
            f"{page} {small}/{large}" for page, (small, large) in self.counts.items()
        )
        return (
            f"R17 page queries: {len(self.counts)} pages at {SMALL} and {LARGE} "
            f"rows, {grown} grew; budget ≤ {budget} ({detail}; squads of "
            f"{SQUAD_SMALL} and {SQUAD_LARGE})"
        )


@pytest.fixture(scope="module")
def page_counts():
    collector = PageCounts()
    yield collector
    if collector.report and collector.counts:
        collector.report(collector.line())


@pytest.fixture
def measure(client, page_counts, reliability_report):
    page_counts.report = reliability_report

    def measure(page, small_url, large_url):
        """Count the queries of both URLs; a callable is called just before."""
        counts = []
        for url in (small_url, large_url):
            url = url() if callable(url) else url
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, url
            counts.append(len(queries))
        page_counts.counts[page] = tuple(counts)
        return counts

    return measure


def outlet_with_journalists(count):
    outlet = SourceFactory(kind="outlet")
    for _ in range(count):
        SourceFactory(outlet=outlet)
        TransferClaimFactory(source=outlet, with_fee=True)
    return outlet.get_absolute_url()


def agent_with_clients(count):
    agent = SourceFactory(kind="agent")
    for _ in range(count):
        PlayerFactory(agent=agent)  # with a current club
        TransferClaimFactory(source=agent, with_fee=True)
    return agent.get_absolute_url()


def story_with_claims(count):
    article = ArticleFactory(author=UserFactory(), original_source=SourceFactory())
    for _ in range(count):
        claim = TransferClaimFactory(
            article=article, replaces=PlayerFactory(), with_fee=True
        )
        AttributionFactory(claim=claim)  # a relay, with its own source (#13)
        denial_with_its_links(article, claim)
        article.players.add(claim.player)
        article.clubs.add(claim.from_club, claim.to_club)
        ArticleFactory().players.add(claim.player)  # a related story each
        CorrectionFactory(article=article, created_by=UserFactory())  # (#5)
    return article.get_absolute_url()


def denial_with_its_links(article, claim):
    """Add a denial of a claim of another story, from a described side, in a swap.

    Each with its own rows (#13), so loading them one by one would show.
    """
    TransferClaimFactory(
        article=article,
        player=claim.player,
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
        # Settled, with the later story that settled it (#15).
        confirmed=True,
        resolution_note="The agent said so.",
        evidence_article=ArticleFactory(),
    )


def home_with_stories(count):
    competition = ClubFactory().competition
    for _ in range(count):
        article = ArticleFactory(author=UserFactory())
        article.clubs.add(ClubFactory(competition=competition), ClubFactory())
    return f"/?competition={competition.slug}"


def player_with_claims(count):
    player = PlayerFactory(
        previous_club=ClubFactory(), agent=SourceFactory(kind="agent")
    )
    for _ in range(count):
        claim = TransferClaimFactory(
            player=player, replaces=PlayerFactory(), with_fee=True
        )
        AttributionFactory(claim=claim, role=Attribution.Role.SPEAKER)
        denial_with_its_links(claim.article, claim)
        claim.article.players.add(player)
    return player.get_absolute_url()


def club_with_stories(count):
    club = ClubFactory()
    for _ in range(count):
        article = ArticleFactory(author=UserFactory())
        article.clubs.add(club, ClubFactory())
        claim = TransferClaimFactory(article=article, to_club=club, with_fee=True)
        AttributionFactory(claim=claim)
        TransferClaimFactory(
            article=article,
            player=PlayerFactory(current_club=club),
            confirmed=True,
            evidence_article=ArticleFactory(),  # what settled it (#15)
        )
        add_staff(club)
    return club.get_absolute_url()


def add_staff(club):
    """Give ``club`` a role held today, linked to a source (#13)."""
    ClubRoleFactory(club=club, person=SourceFactory(kind="club_official"))


def squad_of(size):
    club = ClubFactory()
    # Broad codes ("DF") and no position at all have their own sections.
    positions = ["", *Position.values]
    for index in range(size):
        position = positions[index % len(positions)]
        cover = Position.values[index % len(Position.values)]
        player = PlayerFactory(
            current_club=club,
            primary_position=position,
            secondary_positions=[cover] if cover != position else [],
            fitness="injured" if index % 7 == 0 else "available",
        )
        TransferClaimFactory(player=player)
        TransferClaimFactory(
            player=PlayerFactory(primary_position=position), to_club=club
        )
        add_staff(club)
    for index in range(size):
        # Notes at every code, piling up history, each with a story and a source.
        SquadNoteFactory(
            club=club,
            position=Position.values[index % len(Position.values)],
            article=ArticleFactory(draft=index % 2 == 0),
            source=SourceFactory(),
        )
    return club.get_squad_url()


def squad_what_if(size):
    """A squad of ``size``, half of its rumoured moves chosen by name (#16)."""
    url = squad_of(size)
    club = Club.objects.get(slug=url.split("/")[2])
    moves = [
        f"move=in:{claim.player.slug}" for claim in club.claims_in.all()[: size // 2]
    ]
    return f"{url}?whatif=1&{'&'.join(moves)}&move=out:nobody-now"


def market_of(count):
    """A competition of ``count`` clubs short, long and trading at every position."""
    competition = CompetitionFactory()
    for index in range(count):
        position = Position.values[index % len(Position.values)]
        short = ClubFactory(competition=competition)
        long = ClubFactory(competition=competition)
        SquadNoteFactory(club=short, position=position, kind="need", count=1)
        SquadNoteFactory(club=long, position=position, kind="surplus", count=2)
        PlayerFactory(current_club=short, primary_position=position)
        seller = PlayerFactory(current_club=long, primary_position=position)
        TransferClaimFactory(player=seller, to_club=short)
        wants_out = PlayerFactory(current_club=ClubFactory(competition=competition))
        TransferClaimFactory(
            player=wants_out, to_club=None, claim_type="wants_to_leave"
        )
        TransferClaimFactory(player=wants_out, to_club=None, claim_type="blocked")
        TransferClaimFactory(player=wants_out, to_club=ClubFactory())
    return f"/market/?competition={competition.slug}"


def source_with_claims(count):
    outlet = SourceFactory(kind="outlet")
    source = SourceFactory(outlet=outlet)
    for _ in range(count):
        AttributionFactory(
            claim=TransferClaimFactory(
                source=source,
                replaces=PlayerFactory(),
                with_fee=True,
                # Resolved: its record by kind, club and competition (#15).
                confirmed=True,
                evidence_article=ArticleFactory(),
            )
        )
        SourceFactory(outlet=outlet)
    return source.get_absolute_url()


def test_story_page_queries_do_not_grow_with_claims(measure):
    small, large = measure("story", story_with_claims(SMALL), story_with_claims(LARGE))

    assert small == large <= BUDGETS["story"]


def test_home_page_queries_do_not_grow_with_stories(measure):
    small, large = measure("home", home_with_stories(SMALL), home_with_stories(LARGE))

    assert small == large <= BUDGETS["home"]


def test_player_page_queries_do_not_grow_with_claims(measure):
    small, large = measure(
        "player", player_with_claims(SMALL), player_with_claims(LARGE)
    )

    assert small == large <= BUDGETS["player"]


def test_club_page_queries_do_not_grow_with_stories(measure):
    small, large = measure("club", club_with_stories(SMALL), club_with_stories(LARGE))

    assert small == large <= BUDGETS["club"]


def test_squad_page_queries_do_not_grow_with_the_squad(measure):
    small, large = measure("squad", squad_of(SQUAD_SMALL), squad_of(SQUAD_LARGE))

    assert small == large <= BUDGETS["squad"]


def test_what_if_squad_queries_do_not_grow_with_the_moves_chosen(measure):
    small, large = measure(
        "what-if", squad_what_if(SQUAD_SMALL), squad_what_if(SQUAD_LARGE)
    )

    assert small == large <= BUDGETS["what-if"]


def test_market_board_queries_do_not_grow_with_clubs_and_rumours(measure):
    small, large = measure("market", market_of(SMALL), market_of(LARGE))

    assert small == large <= BUDGETS["market"]


def test_source_page_queries_do_not_grow_with_claims(measure):
    small, large = measure(
        "source", source_with_claims(SMALL), source_with_claims(LARGE)
    )

    assert small == large <= BUDGETS["source"]


def test_outlet_page_queries_do_not_grow_with_journalists(measure):
    small, large = measure(
        "outlet", outlet_with_journalists(SMALL), outlet_with_journalists(LARGE)
    )

    assert small == large <= BUDGETS["outlet"]


def test_agent_page_queries_do_not_grow_with_clients(measure):
    small, large = measure(
        "agent", agent_with_clients(SMALL), agent_with_clients(LARGE)
    )

    assert small == large <= BUDGETS["agent"]


def clubs_of_a_competition(count):
    competition = CompetitionFactory()
    ClubFactory.create_batch(count, competition=competition)
    return f"/clubs/?competition={competition.slug}"


def players_of_a_competition(count):
    competition = CompetitionFactory()
    for _ in range(count):
        PlayerFactory(current_club=ClubFactory(competition=competition))
    return f"/players/?competition={competition.slug}&position=CB"


def more_sources(count):
    for _ in range(count):
        SourceFactory(outlet=SourceFactory(kind="outlet"))
    return "/sources/"


def more_competitions(count):
    for _ in range(count):
        ClubFactory(competition=CompetitionFactory())
    return "/competitions/"


@pytest.mark.parametrize(
    ("index", "build"),
    [
        ("clubs", clubs_of_a_competition),
        ("players", players_of_a_competition),
        ("sources", more_sources),
        ("competitions", more_competitions),
    ],
)
def test_index_page_queries_do_not_grow_with_rows(measure, index, build):
    small, large = measure(index, lambda: build(SMALL), lambda: build(LARGE))

    assert small == large <= BUDGETS[index]
