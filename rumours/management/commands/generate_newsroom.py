import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from rumours.demo.generator import (
    generate_newsroom,
    planned_rows,
    refuse_stored_newsroom,
)


def anchor_date(value):
    """Parse ``--anchor`` (YYYY-MM-DD) as midnight UTC."""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--anchor {value!r} is not a date; write it as 2026-08-31."
        ) from None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


class Command(BaseCommand):
    help = (
        "Fill an empty database with a large, realistic newsroom for benchmarks: "
        "competitions, clubs, squads, sources, stories and claims. The same "
        "--seed (and --anchor) gives the same rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clubs", type=int, default=400)
        parser.add_argument("--players", type=int, default=12000)
        parser.add_argument("--articles", type=int, default=20000)
        parser.add_argument("--claims", type=int, default=100000)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--anchor",
            help=(
                "The day the archive ends (YYYY-MM-DD, midnight UTC); "
                "today by default. Scheduled stories fall after it."
            ),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add to a database that already holds a newsroom.",
        )

    def handle(self, *args, clubs, players, articles, claims, seed, **options):
        counts = {
            "clubs": clubs,
            "players": players,
            "articles": articles,
            "claims": claims,
        }
        anchor = anchor_date(options["anchor"]) if options["anchor"] else None
        if not options["force"]:
            try:
                refuse_stored_newsroom()
            except ValueError as error:
                raise CommandError(str(error)) from None
        started = time.monotonic()
        with tqdm(
            total=planned_rows(**counts),
            unit=" rows",
            file=self.stderr._out,
            disable=options["verbosity"] < 1,
        ) as bar:
            try:
                stored = generate_newsroom(
                    **counts,
                    seed=seed,
                    anchor=anchor,
                    force=options["force"],
                    progress=bar.update,
                )
            except ValueError as error:
                raise CommandError(str(error)) from None
            bar.total = bar.n  # the plan is an estimate; end the bar full
            bar.refresh()
        refresh_planner_statistics()
        summary = ", ".join(f"{count} {name}" for name, count in stored.items())
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Generated in {elapsed:.0f} s: {summary}.")
        )


def refresh_planner_statistics():
    """Run ANALYZE, as a database administrator would after a bulk load.

    Without statistics SQLite walks the whole (status, published_at) index to
    find a player's ten newest stories instead of starting from the player's
    few (the figures are in ``bench/README.md``). PostgreSQL's autovacuum
    would get there, in its own time.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
