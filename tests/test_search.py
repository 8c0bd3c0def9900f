"""Site search: published stories, players and clubs, aliases included (#3, #6).

Runs on SQLite (an FTS5 table) and on PostgreSQL (a stored tsvector) alike.
The stored documents must follow every change a story's search reads: its
text, its clubs and players, and their names and aliases.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rumours import search
from rumours.demo.accounts import DEMO_FILE
from rumours.models import Article
from rumours.search import refresh_search_documents, search_site
from rumours.search.query import MAX_QUERY_LENGTH
from rumours.services.interchange import import_newsroom, load_newsroom_file
from rumours.services.subjects import sync_article_subjects

from .factories import (
    ArticleFactory,
    ClubAliasFactory,
    ClubFactory,
    PlayerFactory,
    TransferClaimFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def milan():
    club = ClubFactory(name="AC Milan", short_name="AC Milan", slug="ac-milan")
    ClubAliasFactory(club=club, name="Milan")
    ClubAliasFactory(club=club, name="Rossoneri")
    return club


@pytest.fixture
def tottenham():
    club = ClubFactory(
        name="Tottenham Hotspur", short_name="Tottenham", slug="tottenham-hotspur"
    )
    ClubAliasFactory(club=club, name="Spurs")
    return club


@pytest.fixture
def demo_newsroom(media_root):
    import_newsroom(load_newsroom_file(DEMO_FILE), base_dir=DEMO_FILE.parent)


def story_about(*clubs, **fields):
    article = ArticleFactory(**fields)
    article.clubs.add(*clubs)
    return article


def test_search_finds_a_published_story_by_a_headline_word():
    story = ArticleFactory(headline="Napoli table bid for Buongiorno")
    ArticleFactory(headline="Juventus renew Vlahovic talks")

    results = search_site("Buongiorno")

    assert results.stories == [story]


def test_search_finds_a_published_story_by_a_body_word():
    story = ArticleFactory(body="The defender has a **release clause** in Genoa.")
    ArticleFactory(body="Nothing to see here.")

    results = search_site("clause")

    assert results.stories == [story]


def test_search_finds_a_club_by_its_alias(milan):
    ClubFactory(name="Juventus", short_name="Juventus")

    results = search_site("Rossoneri")

    assert results.clubs == [milan]


def test_search_finds_tottenham_as_spurs(tottenham):
    results = search_site("spurs")

    assert results.clubs == [tottenham]


def test_search_finds_a_story_about_a_club_by_the_clubs_alias(milan):
    story = story_about(milan, headline="Dragusin wanted in Italy", body="A move.")
    ArticleFactory(headline="Dragusin stays put", body="No move.")

    results = search_site("Rossoneri")

    assert results.stories == [story]


def test_search_lists_a_story_once_when_several_of_its_names_match(milan, tottenham):
    # "Milan" is AC Milan's name, its short name and an alias, and the headline.
    story = story_about(milan, tottenham, headline="Milan enquire about Dragusin")

    results = search_site("Milan")

    assert results.stories == [story]


def test_search_finds_ac_milan_and_the_demo_story_as_rossoneri(demo_newsroom):
    results = search_site("Rossoneri")

    assert [club.name for club in results.clubs] == ["AC Milan"]
    assert [story.slug for story in results.stories] == [
        "ac-milan-enquire-about-tottenham-radu-dragusin"
    ]


def test_search_finds_the_demo_story_by_an_alias_and_a_player(demo_newsroom):
    results = search_site("Spurs Dragusin")

    assert [story.slug for story in results.stories] == [
        "ac-milan-enquire-about-tottenham-radu-dragusin"
    ]


def test_search_finds_a_player_by_name():
    player = PlayerFactory(name="Radu Dragusin")
    PlayerFactory(name="Cristian Romero")

    results = search_site("dragusin")

    assert results.players == [player]


def test_search_needs_every_word_to_match(milan):
    both = story_about(milan, headline="Dragusin wanted", body="An enquiry.")
    ArticleFactory(headline="Dragusin wanted elsewhere", body="An enquiry.")

    results = search_site("Dragusin Rossoneri")

    assert results.stories == [both]


def test_search_ranks_a_headline_match_above_a_body_match():
    in_body = ArticleFactory(headline="Late window news", body="Talk of Buongiorno.")
    in_headline = ArticleFactory(headline="Buongiorno bid", body="Talk of a bid.")

    results = search_site("Buongiorno")

    assert results.stories == [in_headline, in_body]


@pytest.mark.parametrize("state", ["draft", "review", "scheduled"])
def test_search_never_returns_an_unpublished_story(state):
    ArticleFactory(headline="Canary signs for Milan", **{state: True})

    results = search_site("Canary")

    assert results.stories == []


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_search_with_an_empty_query_finds_nothing_and_runs_no_sql(query):
    ArticleFactory(headline="Anything at all")

    with CaptureQueriesContext(connection) as queries:
        results = search_site(query)

    assert (results.stories, results.players, results.clubs) == ([], [], [])
    assert len(queries) == 0


def test_search_truncates_a_very_long_query():
    results = search_site("Dragusin " * 100)

    assert len(results.query) <= MAX_QUERY_LENGTH
    assert results.query.startswith("Dragusin Dragusin")


@pytest.mark.parametrize(
    "query",
    [
        '"Dragusin',
        "Dragusin OR -",
        "100% _under_ score",
        "Drag\x00usin",
        # Full-text syntax of SQLite's FTS5: read as words, never as syntax.
        "headline : Dragusin",
        "Dragusin* NEAR(Milan) ^AND",
        '"" OR ""',
    ],
)
def test_search_accepts_stray_syntax_without_failing(query):
    ArticleFactory(headline="Dragusin to Milan")

    results = search_site(query)

    assert results.query


def test_search_respects_the_limit():
    ArticleFactory.create_batch(3, headline="Buongiorno bid")

    results = search_site("Buongiorno", limit=2)

    assert len(results.stories) == 2


def test_search_ranks_only_the_newest_matching_stories(monkeypatch):
    # Ranking reads every candidate's document; a common word must stay fast.
    monkeypatch.setattr(search.query, "RANKED_MATCHES", 2)
    now = timezone.now()
    ArticleFactory(headline="Buongiorno bid", published_at=now - dt.timedelta(days=3))
    newer = ArticleFactory(body="Buongiorno.", published_at=now - dt.timedelta(days=2))
    newest = ArticleFactory(body="Buongiorno.", published_at=now - dt.timedelta(days=1))

    results = search_site("Buongiorno")

    assert results.stories == [newest, newer]


def give_sqlite_the_statistics_of_an_archive(stories=20_000):
    """Tell SQLite's planner the stories table is an archive, as ANALYZE would."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # makes sqlite_stat1
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'rumours_article'")
        cursor.execute(
            "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('rumours_article', "
            "NULL, %s)",
            [str(stories)],
        )
        # The (status, published_at) index: a third of the stories share a
        # status, and a publication time is nearly unique.
        cursor.execute(
            "INSERT INTO sqlite_stat1 (tbl, idx, stat) SELECT 'rumours_article', "
            "name, %s FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'rumours_article' AND sql LIKE '%%status%%published_at%%'",
            [f"{stories} {stories // 3} 1"],
        )
        cursor.execute("ANALYZE sqlite_schema")  # reloads the statistics


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite's plan; PostgreSQL's plans are read in test_indexes",
)
def test_search_on_sqlite_walks_the_newest_stories_instead_of_sorting_every_match():
    """For a common word, fetching every match by id and sorting took 30 ms."""
    ArticleFactory.create_batch(3, headline="Transfer news")
    give_sqlite_the_statistics_of_an_archive()

    plan = search.search_stories("transfer").explain()

    # The candidates come from the (status, published_at) index, newest
    # first, up to the hundredth match: no fetch by id, no sort of them all.
    assert "status=? AND published_at<?" in plan, plan


def search_queries(query):
    with CaptureQueriesContext(connection) as queries:
        search_site(query)
    return len(queries)


@pytest.mark.usefixtures("no_public_cache")  # uncached count (#6)
def test_search_runs_the_same_number_of_queries_for_one_and_fifty_stories(
    milan, tottenham
):
    player = PlayerFactory(name="Radu Dragusin")
    first = story_about(milan, tottenham, headline="Dragusin wanted")
    first.players.add(player)
    one_story = search_queries("Dragusin")
    for article in ArticleFactory.create_batch(49, headline="Dragusin wanted"):
        article.clubs.add(milan, tottenham)
        article.players.add(player)

    fifty_stories = search_queries("Dragusin")

    assert one_story == fifty_stories == 5


def test_search_matches_other_forms_of_a_word():
    # PostgreSQL's English configuration and SQLite's Porter stemmer alike.
    story = ArticleFactory(headline="Napoli submit bids", body="Two of them.")

    results = search_site("bid")

    assert results.stories == [story]


def test_search_page_shows_the_results(client, milan):
    story_about(milan, headline="Dragusin wanted by the Rossoneri")
    ArticleFactory(headline="Canary draft about Rossoneri", draft=True)

    response = client.get(reverse("rumours:search"), {"q": "Rossoneri"})

    assert response.status_code == 200
    assert "Dragusin wanted by the Rossoneri" in response.text
    assert "AC Milan" in response.text
    assert "Canary draft" not in response.text


def test_search_finds_nothing_for_a_query_of_punctuation_alone(client):
    ArticleFactory(headline="Dragusin to Milan")

    response = client.get(reverse("rumours:search"), {"q": "*** %% ^ ~"})

    assert response.status_code == 200
    assert "Nothing matches" in response.text


# -- the stored documents follow every change (#6) ---------------------------


def test_search_finds_a_story_by_its_new_headline_after_an_edit():
    story = ArticleFactory(headline="Dragusin wanted")
    story.headline = "Buongiorno wanted"

    story.save()

    assert search_site("Buongiorno").stories == [story]


def test_search_no_longer_finds_a_story_by_its_old_headline_after_an_edit():
    story = ArticleFactory(headline="Dragusin wanted", body="A move.")
    story.headline = "Buongiorno wanted"

    story.save()

    assert search_site("Dragusin").stories == []


def test_search_finds_a_story_by_a_club_added_to_it(milan):
    story = ArticleFactory(headline="Dragusin wanted", body="A move.")

    story.clubs.add(milan)

    assert search_site("Rossoneri").stories == [story]


def test_search_finds_a_story_added_to_a_clubs_stories(milan):
    story = ArticleFactory(headline="Dragusin wanted", body="A move.")

    milan.articles.add(story)

    assert search_site("Rossoneri").stories == [story]


def test_search_no_longer_finds_a_story_by_a_club_removed_from_it(milan):
    story = story_about(milan, headline="Dragusin wanted", body="A move.")

    story.clubs.remove(milan)

    assert search_site("Rossoneri").stories == []


def test_search_no_longer_finds_a_story_once_a_club_clears_its_stories(milan):
    story_about(milan, headline="Dragusin wanted", body="A move.")

    milan.articles.clear()

    assert search_site("Rossoneri").stories == []


def test_search_finds_a_story_by_a_player_added_to_it():
    story = ArticleFactory(headline="Defender wanted", body="A move.")

    story.players.add(PlayerFactory(name="Radu Dragusin"))

    assert search_site("Dragusin").stories == [story]


def test_search_finds_a_story_by_the_subjects_its_claims_name():
    story = ArticleFactory(headline="Defender wanted", body="A move.")
    TransferClaimFactory(article=story, player=PlayerFactory(name="Radu Dragusin"))

    sync_article_subjects(story)

    assert search_site("Dragusin").stories == [story]


def test_search_finds_a_story_by_its_clubs_new_name(milan):
    story = story_about(milan, headline="Dragusin wanted", body="A move.")
    milan.name = "Associazione Calcio Milano"

    milan.save()

    assert search_site("Associazione").stories == [story]


def test_search_finds_a_story_by_its_clubs_new_alias(milan):
    story = story_about(milan, headline="Dragusin wanted", body="A move.")

    ClubAliasFactory(club=milan, name="Diavolo")

    assert search_site("Diavolo").stories == [story]


def test_search_finds_a_story_by_its_clubs_renamed_alias(milan):
    story = story_about(milan, headline="Dragusin wanted", body="A move.")
    alias = milan.aliases.get(name="Rossoneri")
    alias.name = "Diavolo"

    alias.save()

    assert search_site("Diavolo").stories == [story]


def test_search_finds_a_story_by_an_alias_moved_to_its_club(milan, tottenham):
    story = story_about(tottenham, headline="Dragusin wanted", body="A move.")
    alias = milan.aliases.get(name="Rossoneri")
    alias.club = tottenham

    alias.save()

    assert search_site("Rossoneri").stories == [story]


def test_search_no_longer_finds_a_story_by_its_clubs_deleted_alias(milan):
    story_about(milan, headline="Dragusin wanted", body="A move.")

    milan.aliases.get(name="Rossoneri").delete()

    assert search_site("Rossoneri").stories == []


def test_search_finds_a_story_by_its_players_new_name():
    player = PlayerFactory(name="Radu Dragusin")
    story = ArticleFactory(headline="Defender wanted", body="A move.")
    story.players.add(player)
    player.name = "Radu Matei Dragusin"

    player.save()

    assert search_site("Matei").stories == [story]


def test_search_no_longer_finds_a_story_by_a_deleted_players_name():
    player = PlayerFactory(name="Radu Dragusin")
    ArticleFactory(headline="Defender wanted", body="A move.").players.add(player)

    player.delete()

    assert search_site("Dragusin").stories == []


def test_search_does_not_refresh_documents_on_a_save_of_no_name(milan):
    story_about(milan, headline="Dragusin wanted", body="A move.")
    milan.country = "Italia"

    with CaptureQueriesContext(connection) as queries:
        milan.save()

    assert not [q for q in queries if "rumours_article" in q["sql"]]


def test_search_never_returns_a_story_unpublished_after_it_was_found():
    story = ArticleFactory(headline="Canary signs for Milan")
    story.status = Article.Status.DRAFT
    story.published_at = None

    story.save(update_fields=["status", "published_at"])

    assert search_site("Canary").stories == []


def test_refresh_search_documents_finds_stories_written_in_bulk(milan):
    (story,) = Article.objects.bulk_create(
        [
            Article(
                headline="Dragusin wanted",
                slug="dragusin-wanted",
                body="A move.",
                status=Article.Status.PUBLISHED,
                published_at=ArticleFactory.build().published_at,
            )
        ]
    )
    Article.clubs.through.objects.bulk_create(
        [Article.clubs.through(article=story, club=milan)]
    )

    refresh_search_documents()

    assert search_site("Rossoneri").stories == [story]


def test_refresh_search_documents_of_given_stories_leaves_the_others():
    written, other = Article.objects.bulk_create(
        [
            Article(
                headline=f"Dragusin wanted {n}",
                slug=f"dragusin-wanted-{n}",
                body="A move.",
                status=Article.Status.PUBLISHED,
                published_at=ArticleFactory.build().published_at,
            )
            for n in (1, 2)
        ]
    )

    refresh_search_documents([written.pk])

    assert search_site("Dragusin").stories == [written]


def test_refresh_search_documents_of_no_stories_runs_no_sql():
    with CaptureQueriesContext(connection) as queries:
        refresh_search_documents([])

    assert len(queries) == 0


def test_the_search_page_shows_the_ten_best_stories(client):
    for _ in range(12):
        ArticleFactory(headline="Buongiorno talks resume")

    response = client.get("/search/", {"q": "Buongiorno"})

    assert len(response.context["results"].stories) == 10
