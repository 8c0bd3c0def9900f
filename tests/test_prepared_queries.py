"""Querysets compiled once a process and run with fresh values (#19)."""

import datetime as dt
from operator import attrgetter
from unittest import mock

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rumours.models import Article, Attribution, TransferClaim
from rumours.models.article_queries import published_story
from rumours.models.prepared import (
    Param,
    ParamList,
    PreparedByLength,
    PreparedQuery,
    set_prefetched,
)
from rumours.models.squad_queries import OPEN_CLAIMS, open_claims_about

from .factories import (
    ArticleFactory,
    AttributionFactory,
    ClubFactory,
    CorrectionFactory,
    PlayerFactory,
    TransferClaimFactory,
)

pytestmark = pytest.mark.django_db

SLUG = Article._meta.get_field("slug")
PUBLISHED_AT = Article._meta.get_field("published_at")


def stories_at(**lookups):
    """Return a query of published stories, filtered by ``Param`` ``lookups``."""
    return PreparedQuery(
        lambda: (
            Article.objects.filter(
                **{
                    lookup: Param(name, field)
                    for lookup, (name, field) in lookups.items()
                }
            )
            .select_related("author")
            .order_by("slug")
        )
    )


def test_a_run_binds_its_values():
    ArticleFactory(slug="milan")
    ArticleFactory(slug="inter")
    query = stories_at(slug=("slug", SLUG))

    assert [story.slug for story in query.run(slug="milan")] == ["milan"]
    assert [story.slug for story in query.run(slug="inter")] == ["inter"]


def test_the_sql_is_compiled_once():
    ArticleFactory(slug="milan")
    query = stories_at(slug=("slug", SLUG))
    query.run(slug="milan")

    with mock.patch.object(SQLCompiler, "as_sql", autospec=True) as compile_sql:
        found = query.run(slug="milan")

    compile_sql.assert_not_called()
    assert [story.slug for story in found] == ["milan"]


def test_a_time_bound_at_each_run_shows_a_scheduled_story_when_it_is_due():
    due = timezone.now() + dt.timedelta(hours=1)
    ArticleFactory(slug="soon", published_at=due)
    query = stories_at(published_at__lte=("now", PUBLISHED_AT))

    assert query.run(now=due - dt.timedelta(microseconds=1)) == []
    assert [story.slug for story in query.run(now=due)] == ["soon"]


def test_a_run_loads_the_joined_rows_as_the_queryset_would():
    story = ArticleFactory(slug="milan")
    query = stories_at(slug=("slug", SLUG))

    (found,) = query.run(slug="milan")

    with CaptureQueriesContext(connection) as queries:
        assert found.author == story.author
    assert len(queries) == 0


def test_a_run_needs_every_value_and_no_other():
    query = stories_at(slug=("slug", SLUG))

    with pytest.raises(TypeError):
        query.run()
    with pytest.raises(TypeError):
        query.run(slug="milan", now=timezone.now())


def test_a_value_cannot_be_none():
    query = stories_at(slug=("slug", SLUG))

    with pytest.raises(ValueError, match="cannot be None"):
        query.run(slug=None)


def test_a_run_makes_the_prefetches_of_its_queryset():
    story = ArticleFactory(slug="milan")
    CorrectionFactory(article=story)
    query = PreparedQuery(
        lambda: Article.objects.filter(slug=Param("slug", SLUG)).prefetch_related(
            "corrections"
        )
    )

    (found,) = query.run(slug="milan")

    with CaptureQueriesContext(connection) as queries:
        assert len(found.corrections.all()) == 1
    assert len(queries) == 0


def test_the_published_story_is_loaded_as_for_the_story_page():
    story = ArticleFactory()
    story.players.add(PlayerFactory())
    AttributionFactory(claim=TransferClaimFactory(article=story))
    TransferClaimFactory(article=story)
    CorrectionFactory(article=story)
    expected = Article.objects.published().for_story_page().get(pk=story.pk)
    lapses = {claim.pk: claim.lapses_at for claim in expected.public_claims}

    found = published_story(story.slug)

    assert found.get_deferred_fields() == expected.get_deferred_fields()
    assert found.public_claims == expected.public_claims
    assert found.correction_list == expected.correction_list
    assert list(found.players.all()) == list(expected.players.all())
    with CaptureQueriesContext(connection) as queries:
        for claim in found.public_claims:
            assert claim.article is found
            assert claim.lapses_at == lapses[claim.pk]
            list(claim.attributions.all())
            list(claim.amounts.all())
            assert claim.player.name
    assert len(queries) == 0


@pytest.mark.parametrize("state", ["draft", "review", "scheduled"])
def test_no_unpublished_story_is_loaded(state):
    story = ArticleFactory(**{state: True})

    assert published_story(story.slug) is None


def squad_claims(club, now, with_amounts=False):
    return OPEN_CLAIMS[with_amounts].run(club=club.pk, now=now)


def test_a_squads_open_claims_are_those_of_the_queryset():
    club = ClubFactory()
    TransferClaimFactory(to_club=club)
    TransferClaimFactory(player=PlayerFactory(current_club=club))
    TransferClaimFactory(to_club=club, article=ArticleFactory(draft=True))
    TransferClaimFactory()  # another club's
    now = timezone.now()

    found = squad_claims(club, now, with_amounts=True)

    assert found == list(open_claims_about(club, now))
    assert len(found) == 2
    with CaptureQueriesContext(connection) as queries:
        for claim in found:
            assert claim.player.name
            assert claim.to_club.name
            list(claim.amounts.all())
    assert len(queries) == 0


def test_a_squads_open_claim_leaves_it_when_it_lapses_without_a_restart(
    lapse_windows,
):
    club = ClubFactory()
    claim = TransferClaimFactory(to_club=club)
    claim.refresh_from_db()
    before = claim.reported_at + dt.timedelta(days=1)
    assert squad_claims(club, before) == [claim]

    assert squad_claims(club, before + dt.timedelta(days=3650)) == []


def test_rows_set_as_prefetched_answer_without_a_query_and_know_their_claim():
    first, second = TransferClaimFactory.create_batch(2)
    credits = [AttributionFactory(claim=first), AttributionFactory(claim=first)]
    claims = list(TransferClaim.objects.filter(pk__in=[first.pk, second.pk]))
    loaded_first = next(claim for claim in claims if claim.pk == first.pk)
    rows = Attribution.objects.filter(claim__in=claims).order_by("position", "id")

    set_prefetched(claims, "attributions", list(rows), attrgetter("claim_id"))

    with CaptureQueriesContext(connection) as queries:
        by_claim = {claim.pk: list(claim.attributions.all()) for claim in claims}
        assert all(row.claim is loaded_first for row in by_claim[first.pk])
    assert len(queries) == 0
    assert by_claim == {first.pk: credits, second.pk: []}


def test_columns_are_converted_on_every_run_with_converters_found_once():
    when = dt.datetime(2026, 1, 20, 9, 30, tzinfo=dt.UTC)
    ArticleFactory(slug="milan", published_at=when)
    query = stories_at(slug=("slug", SLUG))
    asked = []
    get_converters = SQLCompiler.get_converters

    def counted(compiler, expressions):
        asked.append(expressions)
        return get_converters(compiler, expressions)

    with mock.patch.object(SQLCompiler, "get_converters", counted):
        runs = [query.run(slug="milan")[0].published_at for _ in range(3)]

    assert runs == [when, when, when]
    assert len(asked) == 1


def stories_among():
    """Return a ``PreparedByLength`` of the stories whose pks are listed."""
    return PreparedByLength(
        lambda length: Article.objects.filter(
            pk__in=ParamList("pks", Article._meta.pk, length)
        ).order_by("slug"),
        "pks",
    )


def test_a_list_is_bound_at_each_run():
    milan, inter, roma, lazio = (
        ArticleFactory(slug=slug) for slug in ("milan", "inter", "roma", "lazio")
    )
    query = stories_among()

    assert query.run(pks=[milan.pk, inter.pk]) == [inter, milan]
    assert query.run(pks=[roma.pk, lazio.pk]) == [lazio, roma]


def test_a_list_of_a_length_met_before_is_not_compiled_again():
    milan, inter = ArticleFactory(slug="milan"), ArticleFactory(slug="inter")
    query = stories_among()
    query.run(pks=[milan.pk, inter.pk])

    with mock.patch.object(SQLCompiler, "as_sql", autospec=True) as compile_sql:
        found = query.run(pks=[inter.pk, milan.pk])

    compile_sql.assert_not_called()
    assert found == [inter, milan]


def test_each_length_of_list_has_its_own_sql():
    milan, inter = ArticleFactory(slug="milan"), ArticleFactory(slug="inter")
    query = stories_among()

    assert query.run(pks=[milan.pk]) == [milan]
    assert query.run(pks=[milan.pk, inter.pk]) == [inter, milan]
    assert sorted(query.queries) == [(1,), (2,)]


def test_an_empty_list_answers_nothing_without_a_query():
    with CaptureQueriesContext(connection) as queries:
        assert stories_among().run(pks=[]) == []

    assert not queries.captured_queries


def test_a_list_of_another_length_than_its_sql_is_refused():
    story = ArticleFactory()
    query = PreparedQuery(
        lambda: Article.objects.filter(pk__in=ParamList("pks", Article._meta.pk, 2))
    )

    with pytest.raises(ValueError, match="binds 1 values"):
        query.run(pks=[story.pk])
