"""The Wagtail peer (#19): build it, serve it, and load it beside our pages.

``make bench`` and ``make bench-peer`` (``bench/run.py --only peer``) compare
Transfer Desk with a stock Wagtail site on the same machine, in one run:

1. ``build()`` makes the peer under ``bench/.peer/`` (git-ignored), never a
   dependency of the product: a virtualenv of its own with the pins of
   ``bench/peer_site/requirements.txt`` from PyPI, the project ``wagtail
   start`` generates (``bench/.peer/site``, stock), and on top of it what
   ``bench/peer_site/`` adds: the settings (whitenoise, the API v2),
   the URLs and a ``news`` app of story pages, seeded with 40 rich-text
   stories under a news index. SQLite, DEBUG off. It is made again only when
   a file under ``bench/peer_site/`` changes (``bench/.peer/built.json``).
2. ``compare()`` serves the peer with gunicorn (2 sync workers) beside two
   servers of ours on the small newsroom (``bench/run.py``'s production
   set-up: one uncached, ``PUBLIC_CACHE_SECONDS=0``, one cached), and loads,
   in each repetition: the peer's static file (the ceiling: whitenoise, a
   minimal stack), each surface on our uncached server then the peer's
   equivalent (A B A B), each surface on our cached server, and our own
   static file through our stack. Each figure is the median over the
   repetitions.
3. ``add_peer_ratios()`` and ``peer_misses()`` turn the medians into ours /
   peer (target ≥ 2.0× uncached) and cached shares of the ceiling (≥ 75% for
   pages, ≥ 60% for the partner API).
"""

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess

from serving import (
    BENCH,
    PORT,
    fetch,
    headers_for,
    launch,
    median_run,
    ratio,
    redis_url_for,
    say,
    settle,
    shown,
    start_server,
    stop_server,
    wrk,
)

PEER = BENCH / ".peer"
VENV = PEER / "venv"
SITE = PEER / "site"  # what `wagtail start peersite` generates, untouched
SITE_FILES = BENCH / "peer_site"  # what the bench adds to it
REQUIREMENTS = SITE_FILES / "requirements.txt"
BUILT = PEER / "built.json"
# Ports of their own (ours uncached, ours cached, the peer), clear of
# run.py's servers from BENCH_PORT on; and Redis databases of their own.
OURS_PORT = int(os.environ.get("BENCH_PEER_PORT", str(PORT + 10)))
CACHED_PORT = OURS_PORT + 1
PEER_PORT = OURS_PORT + 2
REDIS_OFFSETS = (3, 4)
STORIES = 40
CEILING = "/static/news/ceiling.css"
VERSIONS = ("wagtail", "django", "djangorestframework", "gunicorn", "whitenoise")
# Our surface (bench/probe.py's page names) and what the peer shows for it.
SURFACES = {
    "story": "story page",
    "squad": "squad view / news index",
    "home": "home page",
    "api_claims": "partner list of 20 claims / API v2 list of 20 pages",
    "api_article": "partner story detail / API v2 detail",
}
CLAIMS_LIST = "/api/v1/claims/?page_size=20"
PEER_LIST = (
    "/api/v2/pages/?type=news.StoryPage&fields=date,intro,source&order=-date&limit=20"
)
PEER_TARGETS = {
    "ours_over_peer_rps": 2.0,  # every surface, uncached
    "cached_page_share_of_ceiling": 0.75,  # anonymous pages
    "cached_api_share_of_ceiling": 0.60,  # the partner API, keyed
}


def peer_paths(built):
    """Return {surface: the peer's path} for a peer ``build()`` described."""
    return {
        "story": built["story"],
        "squad": built["index"],
        "home": "/",
        "api_claims": PEER_LIST,
        "api_article": f"/api/v2/pages/{built['story_id']}/",
    }


def fingerprint():
    """Return a digest of everything the peer is built from."""
    digest = hashlib.sha256()
    for path in sorted(SITE_FILES.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(SITE_FILES)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def peer_env():
    """Return the environment of the peer's commands and server."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("PYTHONPATH", "VIRTUAL_ENV", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        # The stock project first, then what the bench adds to it.
        PYTHONPATH=f"{SITE}{os.pathsep}{SITE_FILES}",
        DJANGO_SETTINGS_MODULE="peer_bench.settings",
    )
    return env


def in_peer(*args, cwd=SITE):
    """Run ``args`` with the peer's environment; return its standard output."""
    return subprocess.run(
        args, cwd=cwd, env=peer_env(), capture_output=True, text=True, check=True
    ).stdout


def build():
    """Make the peer if what it is built from changed; return its description."""
    stamp = fingerprint()
    if BUILT.exists():
        built = json.loads(BUILT.read_text())
        if built["fingerprint"] == stamp:
            return built
    say("peer: building the Wagtail site under bench/.peer/ (a few minutes)")
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run(
            [shutil.which("python3.11") or "python3", "-m", "venv", VENV], check=True
        )
    pip = [python, "-m", "pip", "--disable-pip-version-check"]
    in_peer(*pip, "install", "--quiet", "-r", REQUIREMENTS, cwd=PEER)
    if not (SITE / "manage.py").exists():
        SITE.mkdir(parents=True, exist_ok=True)
        in_peer(VENV / "bin" / "wagtail", "start", "peersite", SITE, cwd=PEER)
    (SITE / "db.sqlite3").unlink(missing_ok=True)  # the same pages every build
    in_peer(python, "manage.py", "migrate", "--noinput")
    in_peer(python, "manage.py", "collectstatic", "--noinput", "--clear")
    built = json.loads(
        in_peer(python, "manage.py", "seed_peer", "--stories", str(STORIES))
    )
    frozen = dict(
        line.lower().split("==", 1)
        for line in in_peer(*pip, "freeze", cwd=PEER).splitlines()
        if "==" in line
    )
    built.update(
        fingerprint=stamp,
        versions={name: frozen.get(name) for name in VERSIONS},
        built=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
    BUILT.write_text(json.dumps(built, indent=2) + "\n")
    return built


def start_peer():
    """Serve the peer with gunicorn, 2 sync workers, as we serve ours."""
    command = [
        VENV / "bin" / "gunicorn",
        *("--workers", "2", "--worker-class", "sync", "--no-control-socket"),
        *("--bind", f"127.0.0.1:{PEER_PORT}", "peersite.wsgi:application"),
    ]
    return launch(
        command,
        cwd=SITE,
        env=peer_env(),
        port=PEER_PORT,
        ready=CEILING,
        log_path=PEER / "gunicorn.log",
    )


def plan(ours, key, built):
    """Return the loads of one repetition, in order: (where, side, port, path, headers).

    ``ours`` is {surface: our path}, plus ``static``: our static file.
    """
    peers = peer_paths(built)
    loads = [("ceiling", "peer", PEER_PORT, CEILING, {})]
    for surface in SURFACES:
        headers = headers_for(surface, key)
        loads.append((surface, "ours", OURS_PORT, ours[surface], headers))
        loads.append((surface, "peer", PEER_PORT, peers[surface], {}))
    for surface in SURFACES:
        headers = headers_for(surface, key)
        loads.append((surface, "cached", CACHED_PORT, ours[surface], headers))
    static = headers_for("static", key)
    loads.append(("static", "ours", OURS_PORT, ours["static"], static))
    return loads


def compare(url, key, ours, built, seconds, reps):
    """Load our newsroom at ``url`` and the peer in turn; return the "peer" section."""
    loads = plan(ours, key, built)
    servers = []
    try:
        uncached, cached = (redis_url_for(offset) for offset in REDIS_OFFSETS)
        servers.append(start_server(url, 0, OURS_PORT, uncached))
        servers.append(start_server(url, None, CACHED_PORT, cached))
        servers.append(start_peer())
        runs = {(where, side): [] for where, side, *_ in loads}
        for rep in range(1, reps + 1):
            say(f"peer: repetition {rep} of {reps}")
            for where, side, port, path, headers in loads:
                for _ in range(3):  # warm the workers (and fill the cache)
                    status = fetch(path, headers or None, port)
                figures = wrk(path, headers, seconds, port)
                runs[where, side].append({"status": status, **figures})
                settle(CEILING if port == PEER_PORT else ours["static"], port)
    finally:
        for server in servers:
            stop_server(server)
    paths = {(where, side): path for where, side, _port, path, _ in loads}
    figures = {
        place: {
            "path": paths[place],
            **median_run(runs[place]),
            "rps_all": [round(run["rps"], 1) for run in runs[place]],
        }
        for place in runs
    }
    section = {
        "measured": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "seconds": seconds,
        "reps": reps,
        "ours": "small newsroom, SQLite, production settings, 2 sync workers",
        "peer": {
            "versions": built["versions"],
            "stories": built["stories"],
            "workers": 2,
        },
        "ceiling": figures["ceiling", "peer"],
        "our_static": figures["static", "ours"],
        "uncached": {
            surface: {
                "ours": figures[surface, "ours"],
                "peer": figures[surface, "peer"],
            }
            for surface in SURFACES
        },
        "cached": {surface: figures[surface, "cached"] for surface in SURFACES},
    }
    add_peer_ratios(section)
    return section


def add_peer_ratios(section):
    """Add ours / peer (uncached) and shares of the static ceiling's rps."""
    ceiling = section["ceiling"]["rps"]
    for pair in section["uncached"].values():
        pair["ours_over_peer_rps"] = ratio(pair["ours"]["rps"], pair["peer"]["rps"])
        for figures in (pair["ours"], pair["peer"]):
            figures["share_of_ceiling"] = ratio(figures["rps"], ceiling, 3)
    for figures in [*section["cached"].values(), section["our_static"]]:
        figures["share_of_ceiling"] = ratio(figures["rps"], ceiling, 3)


def peer_misses(section):
    """Return the peer targets missed, one line each."""
    lines = []
    least = PEER_TARGETS["ours_over_peer_rps"]
    for surface, pair in section["uncached"].items():
        times = pair["ours_over_peer_rps"]
        if times is None or times < least:
            lines.append(
                f"peer, {SURFACES[surface]}, uncached: ours/peer "
                f"{shown(times, '.2f', '×')} rps (≥ {least}×)"
            )
    for surface, figures in section["cached"].items():
        api = surface.startswith("api_")
        least = PEER_TARGETS[
            "cached_api_share_of_ceiling" if api else "cached_page_share_of_ceiling"
        ]
        share = figures["share_of_ceiling"]
        if share is None or share < least:
            lines.append(
                f"peer, {SURFACES[surface]}, cached: {shown(share, '.0%')} of the "
                f"static ceiling's rps (≥ {least:.0%})"
            )
    places = [("ceiling", section["ceiling"]), ("our static", section["our_static"])]
    for surface, pair in section["uncached"].items():
        places += [(f"{surface} ours", pair["ours"]), (f"{surface} peer", pair["peer"])]
    places += [(f"{surface} cached", f) for surface, f in section["cached"].items()]
    for where, figures in places:
        if figures["status"] != 200 or figures["non_2xx"] or figures["timeouts"]:
            lines.append(
                f"peer, {where} ({figures['path']}): status {figures['status']}, "
                f"{figures['non_2xx']} non-2xx, {figures['timeouts']} timeouts"
            )
    return lines


def peer_table(section):
    """Return the Markdown table of the comparison."""
    ceiling = section["ceiling"]
    versions = section["peer"]["versions"]
    lines = [
        f"**Peer**: Wagtail {versions['wagtail']} (Django {versions['django']}, "
        f"{section['peer']['stories']} stories), measured {section['measured']}, "
        f"{section['reps']} repetitions of {section['seconds']} s, medians; "
        f"static ceiling (the peer's whitenoise) {ceiling['rps']:.0f} rps, our "
        f"static file through our stack {section['our_static']['rps']:.0f} rps "
        f"({shown(section['our_static']['share_of_ceiling'], '.0%')})",
        "",
        "| surface | ours uncached rps | peer rps | ours/peer | ours p50 ms "
        "| peer p50 ms | ours cached rps | cached/ceiling |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for surface, pair in section["uncached"].items():
        cached = section["cached"][surface]
        lines.append(
            f"| {SURFACES[surface]} | {pair['ours']['rps']:.0f} "
            f"| {pair['peer']['rps']:.0f} "
            f"| {shown(pair['ours_over_peer_rps'], '.2f', '×')} "
            f"| {shown(pair['ours']['p50_ms'], '.1f')} "
            f"| {shown(pair['peer']['p50_ms'], '.1f')} "
            f"| {cached['rps']:.0f} | {shown(cached['share_of_ceiling'], '.0%')} |"
        )
    return "\n".join(lines)
