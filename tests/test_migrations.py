"""R25: the migrations match the models and build the schema from nothing."""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from rumours.models import TransferClaim


def rumours_tables():
    models = apps.get_app_config("rumours").get_models(include_auto_created=True)
    return {model._meta.db_table for model in models}


def existing_tables():
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


@pytest.fixture(scope="session")
def r25_results():
    """Collect R25 figures; report them once both tests have run.

    Session scope: pytest-django runs the transactional test last, which
    would split a module-scoped fixture (and its report line) in two.
    """
    results = {"pending": None, "round_trip": None, "report": None}
    yield results
    if results["report"] is None:
        return
    pending = "not checked" if results["pending"] is None else results["pending"]
    round_trip = {True: "ok", False: "FAILED", None: "not run"}[results["round_trip"]]
    results["report"](
        f"R25 migrations: {pending} pending, migrate zero→latest {round_trip} "
        f"on {connection.vendor}"
    )


@pytest.fixture
def r25(r25_results, reliability_report):
    r25_results["report"] = reliability_report
    return r25_results


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration(r25):
    output = StringIO()

    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=output)
        exit_code = 0
    except SystemExit as error:
        exit_code = error.code

    text = output.getvalue()
    pending = re.findall(r"^\s+(\S+/migrations/\S+\.py)$", text, re.MULTILINE)
    r25["pending"] = len(pending)
    assert pending == []
    assert (exit_code, text) == (0, "No changes detected\n")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_rumours_migrates_to_zero_and_back_to_the_latest(r25):
    loader = MigrationLoader(connection)
    latest = max(
        name for app_label, name in loader.graph.leaf_nodes() if app_label == "rumours"
    )
    r25["round_trip"] = False

    call_command("migrate", "rumours", "zero", verbosity=0)
    after_zero = existing_tables()
    call_command("migrate", "rumours", verbosity=0)
    after_latest = existing_tables()

    assert rumours_tables() & after_zero == set()
    assert rumours_tables() <= after_latest
    applied = MigrationLoader(connection).applied_migrations
    assert ("rumours", latest) in applied
    r25["round_trip"] = True


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_0019_makes_the_claims_naming_no_seller_free_agents():
    executor = MigrationExecutor(connection)
    executor.migrate([("rumours", "0018_lapse_defaults")])
    old = executor.loader.project_state(("rumours", "0018_lapse_defaults")).apps
    club = old.get_model("rumours", "Club").objects.create(
        name="Old Club", short_name="Old", slug="old-club"
    )
    player = old.get_model("rumours", "Player").objects.create(
        name="Old Player", slug="old-player", primary_position="CB"
    )
    article = old.get_model("rumours", "Article").objects.create(
        headline="Old story", slug="old-story", body="Old."
    )
    claims = old.get_model("rumours", "TransferClaim").objects
    signing = claims.create(
        article=article, player=player, to_club=club, claim_type="bid", quote="q"
    )
    sale = claims.create(
        article=article, player=player, from_club=club, claim_type="bid", quote="q"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    stored = dict(TransferClaim.objects.values_list("pk", "free_agent"))
    assert stored == {signing.pk: True, sale.pk: False}
