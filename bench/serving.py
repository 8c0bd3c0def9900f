"""What every part of the benchmark shares: app servers, wrk, medians, ratios.

``bench/run.py`` (``make bench``) and ``bench/peer.py`` (the Wagtail peer)
start gunicorn servers, load them with wrk and reduce the loads to medians
and ratios with these helpers.
"""

import contextlib
import os
import re
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATA = BENCH / "data"
BIN = ROOT / ".venv" / "bin"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
API_PAGES = {"api_claims", "api_article"}


def say(text):
    print(text, flush=True)  # noqa: T201


def server_env(url, cache_seconds=None, redis_url=REDIS_URL):
    """Return the environment of a production app server on ``url``."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_ENV="production",
        DEBUG="0",
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        REDIS_URL=redis_url,
        STATIC_ROOT=str(DATA / "static"),
        MEDIA_ROOT=str(DATA / "media"),
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
        API_PARTNER_RATE="100000000/minute",
        GUNICORN_ACCESS_LOG="/dev/null",
        LOG_LEVEL="WARNING",
    )
    env.pop("PUBLIC_CACHE_SECONDS", None)
    if cache_seconds is not None:
        env["PUBLIC_CACHE_SECONDS"] = str(cache_seconds)
    return env


def manage(env, *args, check=True, timeout=None):
    return subprocess.run(
        [BIN / "python", "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=timeout,
    )


def flush_cache(redis_url):
    import redis

    redis.Redis.from_url(redis_url).flushdb()


def redis_url_for(offset):
    """Return ``REDIS_URL`` with its database number moved on by ``offset``.

    Servers of different newsrooms run at once and must not share a cache:
    each would answer "/" with the other's home page.
    """
    base, number = REDIS_URL.rsplit("/", 1)
    return f"{base}/{int(number or 0) + offset}"


def start_server(url, cache_seconds, port=PORT, redis_url=REDIS_URL):
    """Serve the newsroom at ``url`` as production does, on ``port``."""
    flush_cache(redis_url)
    env = server_env(url, cache_seconds, redis_url)
    command = [BIN / "gunicorn"]
    if (ROOT / "newsroom" / "gunicorn.conf.py").exists():
        command += ["-c", "newsroom/gunicorn.conf.py"]
    command += [
        *("--workers", "2", "--worker-class", "sync", "--no-control-socket"),
        # Workers are not recycled: at thousands of requests a second,
        # max_requests=2000 restarts one every second or two, and the bench
        # would measure restarts rather than pages.
        *("--max-requests", "0"),
        *("--bind", f"127.0.0.1:{port}", "newsroom.wsgi:application"),
    ]
    return launch(command, cwd=ROOT, env=env, port=port, ready="/healthz")


def launch(command, *, cwd, env, port, ready, log_path=DATA / "gunicorn.log"):
    """Start ``command`` (a gunicorn) and return it once ``ready`` answers."""
    # On a shared machine another server may hold the port: gunicorn would
    # retry its bind while that server answered for it, and be measured.
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port)):
        raise SystemExit(f"port {port} is in use: set BENCH_PORT to a free range")
    log = open(log_path, "a")  # noqa: SIM115 (closed by stop_server)
    server = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    server.log = log
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited; see {log_path}")
        try:
            fetch(ready, port=port, strict=True)
            return server
        except urllib.error.HTTPError:
            return server  # up, if not healthy yet: the pages will tell
        except (OSError, urllib.error.URLError):
            time.sleep(0.3)
    stop_server(server)
    raise SystemExit(f"gunicorn did not answer within 60 s; see {log_path}")


def stop_server(server):
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    server.log.close()


def headers_for(page, key):
    headers = {"X-Forwarded-Proto": "https"}
    if page in API_PAGES:
        headers["Authorization"] = f"Api-Key {key}"
    return headers


def fetch(path, headers=None, port=PORT, strict=False):
    """Return the status of a GET of ``path``; ``strict`` raises on errors."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        headers=headers or {"X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        if strict:
            raise
        return error.code
    except TimeoutError:
        if strict:
            raise
        return "timeout"


def settle(path, port=PORT, seconds=120):
    """Wait until the server answers ``path`` promptly again.

    After a page slower than wrk's connections allow, gunicorn's sync
    workers still work through the queued requests; the next page must not
    be measured behind them.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        with contextlib.suppress(OSError):
            fetch(path, port=port)
        if time.monotonic() - started < 0.5:
            return
        time.sleep(0.5)


def duration_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(path, headers, seconds, port=PORT, script=None):
    """Return rps, p50, p99 and non-2xx count of ``seconds`` of load on ``path``.

    With ``script``, a wrk Lua script chooses each request's path.
    """
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if script is not None:
        command += ["-s", str(script)]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if re.search(r"\b0 requests in", output):
        return {"rps": 0.0, "p50_ms": None, "p99_ms": None, "non_2xx": 0,
                "timeouts": 0, "requests": 0}  # fmt: skip
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"Socket errors: .* timeout (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": duration_ms(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99_ms": duration_ms(re.search(r"\s99%\s+(\S+)", output).group(1)),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


def median_run(loads):
    """Return one page's figures over several loads: medians, and error sums."""

    def median(key):
        values = [load[key] for load in loads if load[key] is not None]
        return statistics.median(values) if values else None

    return {
        "status": loads[-1]["status"],
        "rps": median("rps"),
        "p50_ms": median("p50_ms"),
        "p99_ms": median("p99_ms"),
        "non_2xx": sum(load["non_2xx"] for load in loads),
        "timeouts": sum(load["timeouts"] for load in loads),
        "rounds": len(loads),
    }


def ratio(numerator, denominator, digits=2):
    """Return numerator / denominator, or None when either is missing or 0."""
    if not numerator or not denominator:
        return None
    return round(numerator / denominator, digits)


def shown(value, form, unit=""):
    return "—" if value is None else format(value, form) + unit
