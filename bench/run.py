"""`make bench`: every public surface under load, on SQLite and PostgreSQL (#6).

What it does, in order, for each database (SQLite, then PostgreSQL):

1. Loads three newsrooms, each kept between runs and made only when missing:
   the bulk one (``generate_newsroom --clubs 400 --players 12000 --articles
   20000 --claims 100000 --seed 7``), the demo one (``setup_demo``), and a
   small generated one (a twentieth of the bulk: the same squad sizes and
   the same stories and claims per club, so that bulk/small compares the
   same pages showing the same amount on 20× less data, where bulk/demo also
   compares 50 feed entries with the demo's one story). SQLite files live
   in ``bench/data/``; on PostgreSQL the bulk newsroom is the database
   ``td_bench_data``, the small one its schema ``bench_small`` and the demo
   one ``td_bench`` (override with ``BENCH_PG_URL``, ``BENCH_PG_BULK_DB``,
   ``BENCH_PG_DEMO_DB``).
2. Counts each page's SQL queries in-process (``bench/probe.py``: the test
   ``Client`` and ``CaptureQueriesContext``, public cache off), apart from
   the load, and times one request alone (``alone_ms``).
3. Serves the newsrooms with gunicorn (``newsroom/gunicorn.conf.py``, 2 sync
   workers each, ``--no-control-socket``) under the production settings
   (``DJANGO_ENV=production``, whitenoise's manifest storage, a Redis cache
   per newsroom: ``BENCH_REDIS_URL``'s database and the next two, flushed
   before each server), twice: uncached (``PUBLIC_CACHE_SECONDS=0``) and
   cached (the default). The newsrooms are served at once, one port each
   from ``BENCH_PORT``. HTTPS is taken as terminated by a load balancer
   (``X-Forwarded-Proto: https``), and the partner throttle is lifted so the
   API answers 200s, not 429s.
4. Loads each page with wrk (``-t2 -c16 -d3s --latency``) on each newsroom
   in turn before the next page, and all of them three times over (rounds),
   keeping each figure's median, so that a slow spell of the shared machine
   falls on the bulk and the demo figures alike, and on one round of three:
   the home page, the newest story with five claims, the median player with claims, the
   biggest squad, the market board, the source with the most claims (its
   track records), the methodology page (the desk's calibration), search,
   the Atom feed,
   ``/api/v1/claims/?club=&updated_since=``, ``/api/v1/articles/<slug>/``,
   and a static file served by the same server: the ceiling.

On the bulk newsroom it also runs deadline day (``bench/deadline_day.py``):
readers over a few hundred URLs (wrk with a Lua script choosing each path)
with the public cache on, quiet, then while the desk saves one and then
five stories a second, against 80% and 60% of the quiet figure and a p99
under 100 ms with one save a second. And it times the editors' admin pages, one request
alone (``bench/admin_probe.py``): every registered ModelAdmin's changelist
plain, filtered and searched, and a change page of each, a story's history
and the dashboard, against 300 ms on PostgreSQL and 1 s on SQLite (#19).

Then it compares the small newsroom on SQLite with a stock Wagtail site
(#19, ``bench/peer.py``, which ``make bench-peer`` runs alone): the peer is
built from pinned PyPI packages in its own virtualenv under ``bench/.peer/``
(made again only when ``bench/peer_site/`` changes) and served by gunicorn
with 2 sync workers beside two servers of ours (uncached and cached, as in
step 3, on ports from ``BENCH_PEER_PORT``, ``BENCH_PORT`` + 10 by default).
Each repetition loads the peer's static file (whitenoise: the ceiling),
then, surface by surface, ours uncached and the peer's equivalent (story
page; squad view against the news index; home page;
``/api/v1/claims/?page_size=20`` against the API v2 list of 20 pages;
``/api/v1/articles/<slug>/`` against the API v2 detail), then each surface
cached on ours, then our static file through our stack. It keeps medians
over the repetitions (``--rounds``), ours / peer against 2.0×, and cached
shares of the ceiling against 75% (pages) and 60% (the partner API).

Then it times ``import_newsroom`` of the bulk newsroom's interchange file
against ``loaddata`` of the same rows (``dumpdata``), each into an empty,
migrated SQLite database.

It prints the tables and writes ``bench/results.json``: requests per second,
p50 and p99 latency, queries per request, each page's share of the static
ceiling's requests per second, each page's p50 on the bulk newsroom over
the same page's on the demo and on the small newsroom, and the "peer"
section. Options: ``--only sqlite|postgresql|peer`` (``peer``: the
comparison alone, keeping the file's other sections), ``--seconds N`` (each
load, 3), ``--rounds N`` or ``--reps N`` (3), ``--skip-import`` (keeps the
import figures of the last run that measured them, with their date).
"""

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import time

from peer import (
    CLAIMS_LIST,
    PEER_TARGETS,
    SURFACES,
    build,
    compare,
    peer_misses,
    peer_table,
)
from serving import (
    API_PAGES,
    BENCH,
    BIN,
    DATA,
    PORT,
    ROOT,
    fetch,
    headers_for,
    manage,
    median_run,
    ratio,
    redis_url_for,
    say,
    server_env,
    settle,
    shown,
    start_server,
    stop_server,
    wrk,
)

RESULTS = BENCH / "results.json"

BULK = ["--clubs", "400", "--players", "12000", "--articles", "20000"]
BULK += ["--claims", "100000", "--seed", "7"]
# A twentieth of the bulk newsroom with the same squads and the same stories
# and claims per club (30 players, 50 stories, 250 claims): the same pages
# showing the same amount, on less data. It was a hundredth (1,000 claims,
# 50 a club) until 2026-12-06, when the biggest squad showed 1 rumoured move
# on it against 8 on the bulk newsroom: per-club pages were compared with
# emptier ones.
SMALL = ["--clubs", "20", "--players", "600", "--articles", "1000"]
SMALL += ["--claims", "5000", "--seed", "7"]
# Each newsroom's file (SQLite) or schema (PostgreSQL): a new name when what
# is generated changes, since a kept newsroom is never made again.
STORED_AS = {"bulk": "bulk", "small": "small20", "demo": "demo"}
SMALL_SCHEMA = "bench_small20"
SMALL_SCHEMA_OPTION = f"-c%20search_path%3D{SMALL_SCHEMA}"
SMALL_SCHEMA_DDL = f"CREATE SCHEMA IF NOT EXISTS {SMALL_SCHEMA}"
NEWSROOMS = {"bulk": BULK, "small": SMALL, "demo": None}
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
PG_DATABASES = {
    "bulk": os.environ.get("BENCH_PG_BULK_DB", "td_bench_data"),
    "demo": os.environ.get("BENCH_PG_DEMO_DB", "td_bench"),
}
PAGES = [
    "home", "story", "player", "squad", "market", "source", "methodology",
    "search", "feed", "api_claims", "api_article", "static",
]  # fmt: skip
DUMP_MODELS = [
    "auth.user", "rumours.competition", "rumours.club", "rumours.clubalias",
    "rumours.player", "rumours.source", "rumours.squadtarget",
    "rumours.article", "rumours.transferclaim",
]  # fmt: skip
# Timed in-process on the bulk newsroom alone: the admin's pages, and claims
# proposed from a story (#14).
BULK_PROBES = {"admin": "admin_probe.py", "proposals": "extraction.py"}
IMPORT_LIMIT = float(os.environ.get("BENCH_IMPORT_LIMIT", "3"))
TARGETS = {
    "queries": 12,
    # The same pages showing the same amount on a twentieth of the data (#19:
    # bulk/demo compared 50 feed entries with the demo's one; still printed).
    "bulk_over_small_p50": 1.5,
    # Claims proposed from a 1,500-word story on the bulk newsroom (#14).
    "proposals_ms": 200,
    "cached_share_of_static": 0.70,
    "import_over_loaddata": 2.0,
    # One admin request alone on the bulk newsroom (#19), in milliseconds.
    "admin_alone_ms": {"sqlite": 1000, "postgresql": 300},
    # Against a stock Wagtail site on the same machine (#19, bench/peer.py).
    "peer": PEER_TARGETS,
}


def database_url(database, newsroom):
    if database == "sqlite":
        return f"sqlite:///{DATA / f'{STORED_AS[newsroom]}.sqlite3'}"
    if newsroom == "small":  # a schema of the bulk database
        return f"{PG_URL}/{PG_DATABASES['bulk']}?options={SMALL_SCHEMA_OPTION}"
    return f"{PG_URL}/{PG_DATABASES[newsroom]}"


def ensure_postgres_database(name):
    import psycopg

    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')


def prepare(database, newsroom):
    """Migrate and, if it holds no newsroom yet, fill one; return a partner key."""
    url = database_url(database, newsroom)
    if database == "postgresql":
        ensure_postgres_database(PG_DATABASES.get(newsroom, PG_DATABASES["bulk"]))
        if newsroom == "small":
            with_psql(database_url(database, "bulk"), SMALL_SCHEMA_DDL)
    env = server_env(url)
    manage(env, "migrate", "--noinput")
    started = time.monotonic()
    if NEWSROOMS[newsroom]:
        made = manage(
            env,
            "generate_newsroom",
            *NEWSROOMS[newsroom],
            "--verbosity",
            "0",
            check=False,
        )
        if made.returncode and "already holds a newsroom" not in made.stderr:
            raise SystemExit(made.stderr)
        if not made.returncode:
            elapsed = time.monotonic() - started
            say(f"  generated the {newsroom} newsroom in {elapsed:.0f} s")
    else:
        # setup_demo refuses production settings (a demo editor account).
        manage({**env, "DJANGO_ENV": "development"}, "setup_demo")
    if database == "postgresql":
        # What autovacuum does on a live database: statistics, and the
        # visibility map that lets counts read only the index.
        with_psql(url, "VACUUM ANALYZE")
    else:
        # Planner statistics, as generate_newsroom leaves them (files made
        # before it did, and the demo newsroom, get them here).
        with sqlite3.connect(DATA / f"{STORED_AS[newsroom]}.sqlite3") as connection:
            connection.execute("ANALYZE")
    return manage(env, "create_partner", "Bench").stdout.strip().splitlines()[-1]


def with_psql(url, sql):
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(sql)


def load_pages(newsrooms, cache_seconds, seconds, rounds):
    """Serve every newsroom at once and load each page on each in turn.

    ``newsrooms`` is {name: (url, probe, key)}; returns {name: {page: wrk
    figures}}, each the median of ``rounds`` loads. Each newsroom has its
    own port and cache. Taking one page on every newsroom before the next
    page, and every page once before the next round, means a slow spell on
    the machine (it is shared) falls on the bulk and demo figures alike and
    on one round of several, rather than on whichever newsroom or page
    happened to be loaded then.
    """
    servers = {}
    ports = {name: PORT + offset for offset, name in enumerate(newsrooms)}
    try:
        for offset, (name, (url, _probe, _key)) in enumerate(newsrooms.items()):
            servers[name] = start_server(
                url, cache_seconds, ports[name], redis_url_for(offset)
            )
        runs = {name: {page: [] for page in PAGES} for name in newsrooms}
        for _ in range(rounds):
            for page in PAGES:
                for name, (_url, probe, key) in newsrooms.items():
                    port = ports[name]
                    path, headers = probe[page]["path"], headers_for(page, key)
                    for _ in range(3):  # warm the workers (and fill the cache)
                        status = fetch(path, headers, port)
                    runs[name][page].append(
                        {"status": status, **wrk(path, headers, seconds, port)}
                    )
                    settle(probe["static"]["path"], port)
        return {
            name: {page: median_run(loads) for page, loads in pages.items()}
            for name, pages in runs.items()
        }
    finally:
        for server in servers.values():
            stop_server(server)


def probed(url, script, *args):
    """Return the JSON a bench/ script prints, run uncached against ``url``."""
    run = subprocess.run(
        [BIN / "python", BENCH / script, *args],
        cwd=ROOT,
        env=server_env(url, 0),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout)


def bench_database(database, seconds, rounds):
    """Return {newsroom: {"queries": ..., "uncached": ..., "cached": ...}}."""
    results, served = {}, {}
    for newsroom in NEWSROOMS:
        say(f"{database} / {newsroom}: preparing")
        key = prepare(database, newsroom)
        url = database_url(database, newsroom)
        probe = probed(url, "probe.py", key)
        results[newsroom] = {"pages": probe}
        served[newsroom] = (url, probe, key)
        if newsroom == "bulk":
            for name, script in BULK_PROBES.items():
                results[newsroom][name] = probed(url, script, "--json")
    for mode, cache_seconds in (("uncached", 0), ("cached", None)):
        # Only the uncached ratio is asked of the small newsroom.
        newsrooms = {
            name: newsroom
            for name, newsroom in served.items()
            if mode == "uncached" or name != "small"
        }
        say(f"{database} / {', '.join(newsrooms)}: {mode}")
        loads = load_pages(newsrooms, cache_seconds, seconds, rounds)
        for name, figures in loads.items():
            results[name][mode] = figures
    add_ratios(results)
    say(f"{database} / bulk: deadline day")
    results["bulk"]["deadline_day"] = deadline_day(
        database, served["bulk"][2], max(seconds, 10)
    )
    return results


# Readers spread over a few hundred URLs while the desk saves stories (#19).
DEADLINE_RATES = (0, 1, 5)  # saves a second
DEADLINE_TARGETS = {1: 0.80, 5: 0.60}  # readers' rps against the quiet figure
DEADLINE_P99_MS = 100  # with one save a second
MIX_SCRIPT = """
paths = {paths}
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
"""


def deadline_day(database, key, seconds):
    """Return readers' figures on the bulk newsroom, quiet and while editing."""
    url = database_url(database, "bulk")
    env = server_env(url)
    paths = json.loads(
        subprocess.run(
            [BIN / "python", BENCH / "deadline_day.py", "mix"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        ).stdout
    )  # fmt: skip
    script = DATA / "deadline-mix.lua"
    quoted = ", ".join(json.dumps(path) for path in paths)
    script.write_text(MIX_SCRIPT.replace("{paths}", "{" + quoted + "}"))
    headers = {**headers_for("api_claims", key)}
    server = start_server(url, None)
    results = {"urls": len(paths)}
    try:
        for path in paths:  # every page once: the cache is warm, as at noon
            fetch(path, headers)
        for rate in DEADLINE_RATES:
            editor = None
            if rate:
                editor = subprocess.Popen(
                    [BIN / "python", BENCH / "deadline_day.py", "edit", str(rate),
                     str(seconds + 2)],
                    cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True,
                )  # fmt: skip
                editor.stdout.readline()  # "ready": the desk is at work
            figures = wrk("/", headers, seconds, script=script)
            if editor is not None:
                figures["saves"] = int(editor.communicate(timeout=120)[0] or 0)
            results[f"{rate}_saves_per_second"] = figures
    finally:
        stop_server(server)
    quiet = results["0_saves_per_second"]["rps"]
    for rate in DEADLINE_RATES[1:]:
        figures = results[f"{rate}_saves_per_second"]
        figures["share_of_quiet"] = ratio(figures["rps"], quiet)
    return results


def deadline_lines(database, results):
    lines = [f"**{database}, deadline day** ({results['urls']} URLs, bulk newsroom)"]
    for rate in DEADLINE_RATES:
        figures = results[f"{rate}_saves_per_second"]
        share = figures.get("share_of_quiet")
        lines.append(
            f"- {rate} saves/s: {figures['rps']:.0f} rps, p99 "
            f"{shown(figures['p99_ms'], '.0f')} ms"
            + (f", {share:.0%} of quiet" if share is not None else "")
        )
    return "\n".join(lines)


def add_ratios(results):
    """Add shares of the static ceiling and bulk/demo, bulk/small ratios."""
    for newsroom in results.values():
        for mode in ("uncached", "cached"):
            if mode not in newsroom:
                continue
            ceiling = newsroom[mode]["static"]["rps"]
            for figures in newsroom[mode].values():
                figures["share_of_static"] = ratio(figures["rps"], ceiling, 3)
    bulk = results["bulk"]
    for page in PAGES:
        for mode in ("uncached", "cached"):
            bulk[mode][page]["bulk_over_demo_p50"] = ratio(
                bulk[mode][page]["p50_ms"], results["demo"][mode][page]["p50_ms"]
            )
        bulk["uncached"][page]["bulk_over_small_p50"] = ratio(
            bulk["uncached"][page]["p50_ms"],
            results["small"]["uncached"][page]["p50_ms"],
        )
        for other in ("demo", "small"):
            bulk["pages"][page][f"alone_bulk_over_{other}"] = ratio(
                bulk["pages"][page]["alone_ms"],
                results[other]["pages"][page]["alone_ms"],
            )


def timed(env, *args, limit=None):
    """Return the seconds ``manage.py args`` took, or None past ``limit``."""
    started = time.monotonic()
    try:
        manage(env, *args, timeout=limit)
    except subprocess.TimeoutExpired:
        return None
    return round(time.monotonic() - started, 1)


def bench_import():
    """Time import_newsroom against loaddata of the bulk newsroom's rows."""
    bulk = server_env(database_url("sqlite", "bulk"))
    interchange, fixture = DATA / "bulk-newsroom.json", DATA / "bulk-dumpdata.json"
    if not interchange.exists():
        say("import: exporting the bulk newsroom")
        manage(bulk, "export_newsroom", str(interchange))
    if not fixture.exists():
        say("import: dumping the bulk newsroom")
        manage(bulk, "dumpdata", *DUMP_MODELS, "--output", str(fixture))
    empty = DATA / "empty.sqlite3"
    empty.unlink(missing_ok=True)
    manage(server_env(f"sqlite:///{empty}"), "migrate", "--noinput")
    seconds = {}
    for name, args in (
        ("loaddata", ("loaddata", str(fixture))),
        ("import_newsroom", ("import_newsroom", str(interchange))),
    ):
        target = DATA / f"{name}.sqlite3"
        shutil.copy(empty, target)
        say(f"import: {name}")
        # The import is stopped once it has clearly missed its target, so
        # the bench keeps to its time; the ratio is then a lower bound.
        limit = seconds["loaddata"] * IMPORT_LIMIT if seconds else None
        env = {**server_env(f"sqlite:///{target}"), "REDIS_URL": ""}
        seconds[name] = timed(env, *args, limit=limit)
        target.unlink()
    articles = json.loads(interchange.read_text())["articles"]
    claims = sum(len(article["claims"]) for article in articles)
    stopped = seconds["import_newsroom"] is None
    return {
        "database": "sqlite",
        "claims": claims,
        "seconds": seconds,
        "stopped_after_loaddata_times": IMPORT_LIMIT if stopped else None,
        "import_over_loaddata": (
            IMPORT_LIMIT
            if stopped
            else round(seconds["import_newsroom"] / seconds["loaddata"], 2)
        ),
    }


def machine():
    model = ""
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        model = re.search(r"Model name:\s+(.+)", lscpu).group(1).strip()
    except (OSError, AttributeError):
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def table(database, results):
    """Return the Markdown table of one database's results (bulk newsroom)."""
    lines = [
        f"**{database}**",
        "",
        "| page | queries | alone ms | uncached rps | p50 ms | p99 ms "
        "| p50 bulk/demo | p50 bulk/small | cached rps | p50 ms | p99 ms "
        "| cached/static rps |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: |",
    ]
    bulk = results["bulk"]
    for page in PAGES:
        alone = bulk["pages"][page]
        demo_queries = results["demo"]["pages"][page]["queries"]
        uncached, cached = bulk["uncached"][page], bulk["cached"][page]
        lines.append(
            f"| {page} | {alone['queries']} (demo {demo_queries}) "
            f"| {alone['alone_ms']:.1f} | {uncached['rps']:.0f} "
            f"| {shown(uncached['p50_ms'], '.0f')} "
            f"| {shown(uncached['p99_ms'], '.0f')} "
            f"| {shown(uncached['bulk_over_demo_p50'], '.2f', '×')} "
            f"| {shown(uncached['bulk_over_small_p50'], '.2f', '×')} "
            f"| {cached['rps']:.0f} | {shown(cached['p50_ms'], '.1f')} "
            f"| {shown(cached['p99_ms'], '.1f')} "
            f"| {shown(cached['share_of_static'], '.0%')} |"
        )
    return "\n".join(lines)


def admin_table(database, admin):
    """Return the Markdown table of the admin pages on the bulk newsroom."""
    lines = [
        f"**{database}, admin on the bulk newsroom, one request alone**",
        "",
        "| page | queries | ms | CPU ms | SQL ms |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for page, figures in admin.items():
        # CPU and SQL since the probe timed every admin page (#19).
        cpu, sql = figures.get("cpu_ms"), figures.get("sql_ms")
        lines.append(
            f"| {page} | {figures['queries']} | {figures['alone_ms']:.0f} "
            f"| {shown(cpu, '.0f')} | {shown(sql, '.0f')} |"
        )
    return "\n".join(lines)


def misses(results):
    """Return the targets missed, one line each."""
    lines = peer_misses(results["peer"]) if "peer" in results else []
    for database, newsrooms in results["databases"].items():
        bulk = newsrooms["bulk"]
        for page in PAGES:
            queries = bulk["pages"][page]["queries"]
            growth = bulk["uncached"][page]["bulk_over_small_p50"]
            share = bulk["cached"][page]["share_of_static"] or 0
            where = f"{database} {page}"
            if queries > TARGETS["queries"]:
                lines.append(f"{where}: {queries} queries (target ≤ 12)")
            if bulk["uncached"][page]["p50_ms"] is None:
                lines.append(f"{where}: no uncached request finished under load")
            elif page != "static" and growth > TARGETS["bulk_over_small_p50"]:
                lines.append(f"{where}: uncached p50 bulk/small {growth}× (≤ 1.5×)")
            # The target is for anonymous pages: the API checks the partner's
            # key and throttle (a query and a cache write) even on a hit.
            anonymous = page not in API_PAGES and page != "static"
            if anonymous and share < TARGETS["cached_share_of_static"]:
                lines.append(f"{where}: cached {share:.0%} of static rps (≥ 70%)")
            for mode in ("uncached", "cached"):
                figures = bulk[mode][page]
                if figures["status"] != 200 or figures["non_2xx"]:
                    lines.append(f"{where} {mode}: non-200 responses")
                if figures["timeouts"]:
                    lines.append(f"{where} {mode}: {figures['timeouts']} timeouts")
        deadline = bulk.get("deadline_day")
        for rate, share in DEADLINE_TARGETS.items():
            figures = deadline and deadline[f"{rate}_saves_per_second"]
            if figures and (figures["share_of_quiet"] or 0) < share:
                lines.append(
                    f"{database} deadline day, {rate} saves/s: readers at "
                    f"{figures['share_of_quiet']:.0%} of quiet (≥ {share:.0%})"
                )
        one = deadline and deadline["1_saves_per_second"]
        if one and (one["p99_ms"] or 1e9) > DEADLINE_P99_MS:
            lines.append(
                f"{database} deadline day, 1 save/s: p99 {one['p99_ms']} ms "
                f"(< {DEADLINE_P99_MS} ms)"
            )
        budget = TARGETS["admin_alone_ms"][database]
        for page, figures in bulk.get("admin", {}).items():
            if figures["status"] != 200 or figures["alone_ms"] > budget:
                lines.append(
                    f"{database} admin {page}: {figures['alone_ms']} ms, status "
                    f"{figures['status']} (≤ {budget} ms)"
                )
        proposals = bulk.get("proposals")
        if proposals and proposals["propose_ms"] > TARGETS["proposals_ms"]:
            lines.append(
                f"{database} proposals for a {proposals['words']}-word story: "
                f"{proposals['propose_ms']} ms (≤ {TARGETS['proposals_ms']} ms)"
            )
    imported = results.get("import")
    if imported and imported["import_over_loaddata"] > TARGETS["import_over_loaddata"]:
        over = "over " if imported.get("stopped_after_loaddata_times") else ""
        lines.append(
            f"import_newsroom {over}{imported['import_over_loaddata']}× loaddata (≤ 2×)"
        )
    return lines


def proposal_line(database, figures):
    return (
        f"**{database}, claims from copy** on the bulk newsroom ({figures['players']}"
        f" players, {figures['clubs']} clubs): a {figures['words']}-word story "
        f"proposed in {figures['propose_ms']} ms (median of 7; gazetteer built once "
        f"in {figures['build_ms']} ms, its fingerprint {figures['fingerprint_ms']} ms)"
    )


def bench_peer(seconds, rounds):
    """Return the "peer" section: the small newsroom against the Wagtail peer."""
    built = build()
    say("sqlite / small: preparing, for the peer")
    key = prepare("sqlite", "small")
    url = database_url("sqlite", "small")
    probe = probed(url, "probe.py", key)
    ours = {page: probe[page]["path"] for page in [*SURFACES, "static"]}
    ours["api_claims"] = CLAIMS_LIST  # a plain first page, as the peer's list
    say(f"sqlite / small against the Wagtail peer: {rounds} × {len(SURFACES)} pairs")
    section = compare(url, key, ours, built, seconds, rounds)
    return {**section, "machine": machine()}


def peer_only(seconds, rounds):
    """`make bench-peer`: measure the peer section alone, keep the rest."""
    if RESULTS.exists():
        results = json.loads(RESULTS.read_text())
    else:
        results = {"machine": machine(), "databases": {}}
    results["targets"] = TARGETS
    results["peer"] = bench_peer(seconds, rounds)
    results["misses"] = misses(results)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    missed = peer_misses(results["peer"])
    say("")
    say(peer_table(results["peer"]))
    say("")
    say("Peer targets missed:" if missed else "Every peer target met.")
    for line in missed:
        say(f"- {line}")
    say(f"Written to {RESULTS.relative_to(ROOT)} (its other sections kept)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["sqlite", "postgresql", "peer"])
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--rounds", "--reps", type=int, default=3)
    parser.add_argument("--skip-import", action="store_true")
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk (make bench does it)")
    DATA.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    say("collecting static files")
    manage(server_env(database_url("sqlite", "demo")), "collectstatic", "--noinput")
    if options.only == "peer":
        return peer_only(options.seconds, options.rounds)
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results = {"machine": machine(), "targets": TARGETS, "databases": {}}
    for database in ("sqlite", "postgresql"):
        if options.only in (None, database):
            results["databases"][database] = bench_database(
                database, options.seconds, options.rounds
            )
            RESULTS.write_text(json.dumps(results, indent=2) + "\n")  # so far
    if options.only is None:
        results["peer"] = bench_peer(options.seconds, options.rounds)
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")  # so far
    if not options.skip_import:
        results["import"] = bench_import()
    elif "import" in previous:
        # Carried over from the last run that measured it, with its date.
        measured = previous["import"].get("measured", previous["machine"]["date"])
        results["import"] = {**previous["import"], "measured": measured}
    results["misses"] = misses(results)
    results["minutes"] = round((time.monotonic() - started) / 60, 1)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    say("")
    say(f"{results['machine']}, {results['minutes']} min")
    for database, newsrooms in results["databases"].items():
        say("")
        say(table(database, newsrooms))
        say("")
        say(admin_table(database, newsrooms["bulk"].get("admin", {})))
        if "proposals" in newsrooms["bulk"]:
            say("")
            say(proposal_line(database, newsrooms["bulk"]["proposals"]))
        if "deadline_day" in newsrooms["bulk"]:
            say("")
            say(deadline_lines(database, newsrooms["bulk"]["deadline_day"]))
    if "peer" in results:
        say("")
        say(peer_table(results["peer"]))
    if "import" in results:
        imported = results["import"]
        say("")
        stopped = imported.get("stopped_after_loaddata_times")
        took = (
            f"stopped after {stopped}× loaddata's time"
            if stopped
            else f"{imported['seconds']['import_newsroom']} s"
        )
        say(
            f"import_newsroom of {imported['claims']} claims: {took}; loaddata "
            f"of the same rows: {imported['seconds']['loaddata']} s "
            f"({'over ' if stopped else ''}{imported['import_over_loaddata']}×)"
            + (f", measured {imported['measured']}" if "measured" in imported else "")
        )
    say("")
    say("Targets missed:" if results["misses"] else "Every target met.")
    for line in results["misses"]:
        say(f"- {line}")
    say(f"Written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
