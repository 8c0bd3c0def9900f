"""The bulk newsroom generator (#6): valid, reproducible, realistic, refusing.

A small newsroom (6 clubs, 60 players, 40 stories, 200 claims) keeps the
suite fast; the full-size run is `make bench`'s job.
"""

import datetime as dt
from itertools import pairwise

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_api_key.models import APIKey

from rumours.demo.generator import default_anchor, generate_newsroom
from rumours.models import (
    Article,
    ClaimAmount,
    Club,
    ClubAlias,
    ClubRole,
    Competition,
    Player,
    Position,
    Source,
    SquadNote,
    TransferClaim,
)
from rumours.models.claim_terms import CLAIM_TYPE_ORDER
from rumours.models.markup import render_markdown
from rumours.models.positions import SPECIFIC_POSITIONS

pytestmark = pytest.mark.django_db

SMALL = {"clubs": 6, "players": 60, "articles": 40, "claims": 200}


def generate(seed=7, anchor=None):
    return generate_newsroom(**SMALL, seed=seed, anchor=anchor or default_anchor())


@pytest.fixture
def newsroom():
    return generate()


def snapshot():
    """Return every generated row as values, with relations named by slug."""
    return {
        "clubs": list(
            Club.objects.order_by("slug").values(
                "name", "short_name", "slug", "competition__slug"
            )
        ),
        "roles": list(
            ClubRole.objects.order_by("club__slug", "role", "name").values(
                "club__slug", "role", "name", "started_on", "ended_on"
            )
        ),
        "aliases": list(
            ClubAlias.objects.order_by("name").values("name", "club__slug")
        ),
        "players": list(
            Player.objects.order_by("slug").values(
                "name",
                "slug",
                "date_of_birth",
                "primary_position",
                "secondary_positions",
                "current_club__slug",
                "previous_club__slug",
                "fitness",
            )
        ),
        "sources": list(
            Source.objects.order_by("slug").values(
                "slug", "kind", "outlet__slug", "reliability_tier"
            )
        ),
        "articles": list(
            Article.objects.order_by("slug").values(
                "slug", "status", "published_at", "updated_at", "body_html"
            )
        ),
        "claims": list(
            TransferClaim.objects.order_by("reported_at", "player__slug").values(
                "article__slug",
                "player__slug",
                "from_club__slug",
                "to_club__slug",
                "claim_type",
                "source__slug",
                "outcome",
                "resolved_at",
                "updated_at",
            )
        ),
        "amounts": list(
            ClaimAmount.objects.order_by(
                "claim__reported_at", "claim__player__slug", "position"
            ).values("claim__player__slug", "kind", "amount", "upper_amount")
        ),
    }


def delete_newsroom():
    TransferClaim.objects.all().delete()
    Article.objects.all().delete()
    Player.objects.all().delete()
    Club.objects.all().delete()
    Source.objects.filter(outlet__isnull=False).delete()
    Source.objects.all().delete()
    Competition.objects.all().delete()


def test_generator_writes_the_requested_counts(newsroom):
    assert newsroom["clubs"] == Club.objects.count() == 6
    assert Player.objects.count() == 60
    assert Article.objects.count() == 40
    assert TransferClaim.objects.count() == 200


@pytest.mark.parametrize(
    "model",
    [Competition, Club, ClubAlias, Player, SquadNote, Source, Article, TransferClaim],
)
def test_generated_rows_pass_full_clean(newsroom, model):
    rows = list(model.objects.order_by("pk")[:60])

    for row in rows:
        row.full_clean()

    assert rows


def snapshots_of_two_runs(first_seed, second_seed):
    """Return the snapshots of two generations on the same day, one at a time."""
    anchor = default_anchor()
    generate(seed=first_seed, anchor=anchor)
    first = snapshot()
    delete_newsroom()
    generate(seed=second_seed, anchor=anchor)
    return first, snapshot()


def test_same_seed_gives_the_same_rows():
    first, second = snapshots_of_two_runs(7, 7)

    assert second == first


def test_another_seed_gives_another_newsroom():
    first, second = snapshots_of_two_runs(7, 8)

    assert second["claims"] != first["claims"]


def test_body_html_is_rendered_from_the_body(newsroom):
    article = Article.objects.order_by("pk").first()

    assert article.body_html == render_markdown(article.body)
    assert "<blockquote>" in article.body_html


def test_squads_mix_positions_and_include_unavailable_players(newsroom):
    club = Club.objects.order_by("pk").first()

    positions = set(club.players.values_list("primary_position", flat=True))

    assert {"GK", "CB", "CM", "ST"} <= positions
    assert positions <= {"", *Position.values}
    assert Player.objects.exclude(fitness=Player.Fitness.AVAILABLE).exists()
    targets = SquadNote.objects.filter(club=club, kind="target")
    assert set(targets.values_list("position", flat=True)) == set(SPECIFIC_POSITIONS)


def test_sources_span_tiers_and_kinds(newsroom):
    kinds = set(Source.objects.values_list("kind", flat=True))
    tiers = set(Source.objects.values_list("reliability_tier", flat=True))

    assert {"outlet", "journalist", "desk"} <= kinds
    assert len(tiers) >= 3


def test_stories_are_mostly_published_with_their_subjects(newsroom):
    published = Article.objects.filter(status="published").count()
    subjects = Article.objects.annotate(
        clubs_count=Count("clubs", distinct=True),
        players_count=Count("players", distinct=True),
    ).filter(claims__isnull=False)

    assert published >= 30
    assert all(a.clubs_count and a.players_count for a in subjects)


def test_a_saga_runs_its_stages_in_order_over_time(newsroom):
    sagas = {}
    for claim in TransferClaim.objects.order_by("reported_at", "pk"):
        # Without a destination (wants to leave, extension) each stage stands alone.
        key = (claim.player_id, claim.to_club_id or claim.claim_type)
        sagas.setdefault(key, []).append(claim)

    for claims in sagas.values():
        stages = [CLAIM_TYPE_ORDER[claim.claim_type] for claim in claims]
        # A new bid after a rejected one is the only step back.
        steps_back = [
            (a, b)
            for a, b in pairwise(stages)
            if b < a
            and (a, b) != (CLAIM_TYPE_ORDER["bid_rejected"], CLAIM_TYPE_ORDER["bid"])
        ]
        assert steps_back == []
        # A saga ends at once; each of its settled claims proved true or false
        # on its own, as often as its source is right (#15).
        outcomes = {claim.outcome for claim in claims}
        assert len(outcomes) == 1 or outcomes <= {"confirmed", "denied"}
        assert len({claim.resolved_at for claim in claims}) == 1

    assert any(len(claims) >= 3 for claims in sagas.values())


def test_resolved_claims_are_resolved_after_being_reported(newsroom):
    closed = TransferClaim.objects.exclude(outcome="open")

    assert closed.exists()
    assert all(claim.resolved_at >= claim.reported_at for claim in closed)
    assert TransferClaim.objects.filter(outcome="confirmed").exists()


def test_claims_keep_their_generated_timestamps(newsroom):
    anchor = default_anchor()

    oldest = TransferClaim.objects.order_by("updated_at").first()

    assert oldest.updated_at < anchor - dt.timedelta(days=30)


def test_nothing_is_written_after_the_anchor_not_even_scheduled_stories():
    anchor = default_anchor()
    # Enough stories that some are scheduled (about one in twenty-five).
    generate_newsroom(
        clubs=6, players=60, articles=300, claims=600, seed=7, anchor=anchor
    )

    assert Article.objects.scheduled().exists()
    for model in (Article, TransferClaim):
        latest = model.objects.order_by("-updated_at", "-created_at").first()
        assert latest.updated_at <= anchor
        assert not model.objects.filter(created_at__gt=anchor).exists()


def test_command_refuses_a_database_holding_a_newsroom(newsroom):
    with pytest.raises(CommandError) as error:
        call_command("generate_newsroom", "--clubs", "2", "--verbosity", "0")

    assert str(error.value).startswith("The database already holds a newsroom (1 ")
    assert "pass --force" in str(error.value)


def test_command_fills_an_empty_database(capsys):
    call_command(
        "generate_newsroom",
        *("--clubs", "3", "--players", "20", "--articles", "5", "--claims", "12"),
        *("--seed", "1", "--verbosity", "0"),
    )

    assert TransferClaim.objects.count() == 12
    assert "Generated in" in capsys.readouterr().out


def test_reader_pages_answer_on_a_generated_newsroom(client, newsroom):
    article = Article.objects.published().filter(claims__isnull=False).first()
    claim = article.claims.select_related("player", "to_club").first()
    club = claim.to_club or claim.from_club
    urls = [
        reverse("rumours:home"),
        article.get_absolute_url(),
        claim.player.get_absolute_url(),
        club.get_absolute_url(),
        club.get_squad_url(),
        reverse("rumours:search") + f"?q={claim.player.name.split()[-1]}",
        reverse("rumours:feed-latest-atom"),
    ]

    statuses = {url: client.get(url).status_code for url in urls}

    assert set(statuses.values()) == {200}, statuses


def test_api_answers_on_a_generated_newsroom(newsroom):
    _, key = APIKey.objects.create_key(name="Bench")
    api = APIClient(HTTP_AUTHORIZATION=f"Api-Key {key}")
    club = Club.objects.order_by("pk").first()
    article = Article.objects.published().first()

    claims = api.get(
        f"/api/v1/claims/?club={club.slug}&updated_since=2000-01-01T00:00Z"
    )
    story = api.get(f"/api/v1/articles/{article.slug}/")

    assert claims.status_code == 200
    assert claims.json()["results"]
    assert story.status_code == 200


def test_command_leaves_planner_statistics(capsys):
    call_command(
        "generate_newsroom",
        *("--clubs", "3", "--players", "20", "--articles", "5", "--claims", "12"),
        *("--seed", "1", "--verbosity", "0"),
    )

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", ["rumours_article"]
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM pg_stats WHERE tablename = %s",
                ["rumours_article"],
            )
        (rows,) = cursor.fetchone()
    assert rows > 0


def test_the_benchmark_finds_and_loads_every_page_it_times(newsroom):
    """``make bench`` picks its URLs with bench/probe.py: each one must answer 200."""
    import importlib.util

    from django.conf import settings

    spec = importlib.util.spec_from_file_location(
        "bench_probe", settings.BASE_DIR / "bench" / "probe.py"
    )
    probe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(probe)
    _, key = APIKey.objects.create_key(name="bench")

    results = probe.count_queries(probe.pick_paths(), key)

    assert {name: page["status"] for name, page in results.items()} == dict.fromkeys(
        probe.pick_paths(), 200
    )
