"""Real app servers for tests: gunicorn processes on one database and one Redis (#6).

``LiveStack`` prepares what a deployment shares, once per test session:

- a database the subprocesses can reach: a PostgreSQL database of its own
  (``<test database name>_live`` when the run is on PostgreSQL, else
  ``td_live_<pid>`` if a PostgreSQL server answers), created, migrated with
  ``manage.py migrate`` and dropped at the end; a migrated SQLite file in a
  temporary folder where no PostgreSQL answers (good enough for one server);
- a Redis database (``LIVE_REDIS_URL``, else ``REDIS_URL``'s server one
  database up, else ``redis://127.0.0.1:6379/2``) and a key prefix of this
  run's own, whose keys are deleted before and after, so parallel runs never
  see each other's cache;
- static files collected once, fingerprinted and compressed as production
  serves them.

``stack.servers(n, workers=2, **env)`` then starts ``n`` gunicorn servers
with the production settings (``DJANGO_ENV=production``; plain HTTP, since
``SECURE_SSL_REDIRECT`` is off) on free loopback ports, waits for their
``/healthz/live`` and stops them when the ``with`` block ends. Every server's
access log names the worker pid of each request.
"""

import http.client
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest
import redis

from .ports import free_port
from .postgres_cluster import ClusterUnavailable, PostgresCluster
from .redis_server import RedisServer, RedisUnavailable

BASE_DIR = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
POSTGRES_SERVER = os.environ.get(
    "LIVE_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432"
)
START_TIMEOUT = 30


class Unavailable(Exception):
    """What a live test needs (PostgreSQL, Redis) is not there; the message says."""


def redis_url():
    """Return the Redis database for live servers (never the test run's own)."""
    if url := os.environ.get("LIVE_REDIS_URL"):
        return url
    base = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/1"
    parts = urlsplit(base)
    database = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(database + 1) % 16}"))


def redis_answers(url):
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def postgres_url(name, server=POSTGRES_SERVER):
    return f"{server}/{name}"


def postgres_answers(server=POSTGRES_SERVER):
    import psycopg

    try:
        psycopg.connect(postgres_url("postgres", server), connect_timeout=2).close()
    except psycopg.Error:
        return False
    return True


def live_database_name():
    test_url = os.environ.get("DATABASE_URL", "")
    if test_url.startswith(("postgres://", "postgresql://")):
        return f"{urlsplit(test_url).path.strip('/')}_live"
    return f"td_live_{os.getpid()}"


def run_postgres(statement, server=POSTGRES_SERVER):
    import psycopg

    with psycopg.connect(
        postgres_url("postgres", server), autocommit=True
    ) as connection:
        connection.execute(statement)


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def content(self):
        return self.body

    @property
    def text(self):
        return self.body.decode()

    def json(self):
        return json.loads(self.body)


@dataclass
class Browser:
    """An HTTP client with a cookie jar that also keeps Secure cookies.

    The live servers run production settings over plain HTTP, so their
    cookies are marked Secure; a browser would drop them, this keeps them.
    """

    cookies: dict = field(default_factory=dict)

    def request(self, server, method, path, *, data=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        headers = dict(headers or {})
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            response = Response(answer.status, answer.headers, answer.read())
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, server, path, **kwargs):
        return self.request(server, "GET", path, **kwargs)

    def post(self, server, path, data, **kwargs):
        return self.request(server, "POST", path, data=data, **kwargs)


@dataclass
class LiveServer:
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def access_log_pids(self, path_prefix):
        """Return the worker pid of each logged request whose path starts so."""
        pids = []
        for line in self.log.read_text().splitlines():
            words = line.split()
            if len(words) > 3 and words[3].startswith(path_prefix):
                pids.append(words[1])
        return pids


class LiveStack:
    """What the app servers share: database, Redis, static files (see above)."""

    def __init__(
        self, *, require_postgres, postgres_server=POSTGRES_SERVER, redis=None
    ):
        self.folder = Path(tempfile.mkdtemp(prefix="td-live-"))
        self.postgres_server = postgres_server
        self.redis_url = redis or redis_url()
        if not redis_answers(self.redis_url):
            raise Unavailable(f"no Redis answers at {self.redis_url}")
        self.key_prefix = f"live-{uuid.uuid4().hex[:12]}"
        self.postgres_name = None
        if postgres_answers(postgres_server):
            self.postgres_name = live_database_name()
            self.database_url = postgres_url(self.postgres_name, postgres_server)
        elif require_postgres:
            raise Unavailable(f"no PostgreSQL answers at {postgres_server}")
        else:
            self.database_url = f"sqlite:///{self.folder / 'live.sqlite3'}"
        self.secret_key = secrets.token_urlsafe(50)
        self.forget_cache()
        if self.postgres_name:
            self.run_postgres(
                f'DROP DATABASE IF EXISTS "{self.postgres_name}" WITH (FORCE)'
            )
            self.run_postgres(f'CREATE DATABASE "{self.postgres_name}"')
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput")

    def run_postgres(self, statement):
        run_postgres(statement, self.postgres_server)

    @property
    def kind(self):
        return "PostgreSQL" if self.postgres_name else "SQLite"

    def environment(self, **extra):
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "PYTEST", "DEBUG"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="newsroom.settings",
            DJANGO_ENV="production",
            SECRET_KEY=self.secret_key,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECURE_SSL_REDIRECT="false",
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            CACHE_KEY_PREFIX=self.key_prefix,
            STATIC_ROOT=str(self.folder / "static"),
            MEDIA_ROOT=str(self.folder / "media"),
            PENDING_PICTURES_DIR=str(self.folder / "pending-pictures"),
            LOG_LEVEL="WARNING",
        )
        env.update({key: str(value) for key, value in extra.items()})
        return env

    def manage(self, *args, **env):
        """Run ``manage.py`` against the live database; return its stdout."""
        result = subprocess.run(
            [sys.executable, str(BASE_DIR / "manage.py"), *args],
            env=self.environment(**env),
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def python(self, code):
        """Run ``code`` in ``manage.py shell`` on the live database; return stdout."""
        return self.manage("shell", "--no-imports", "-c", code)

    def forget_cache(self):
        client = redis.Redis.from_url(self.redis_url)
        keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)

    @contextmanager
    def servers(self, count, *, workers=2, **env):
        """Start ``count`` gunicorn servers; stop them when the block ends."""
        started = []
        try:
            for number in range(count):
                started.append(self.start(number, workers, env))
            for server in started:
                self.wait_until_healthy(server)
            yield started
        finally:
            for server in started:
                server.process.terminate()
            for server in started:
                try:
                    server.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.process.kill()
                    server.process.wait()

    def start(self, number, workers, env):
        port = free_port()
        log = self.folder / f"server-{number}-{port}.log"
        command = [
            str(BIN / "gunicorn"),
            "--config",
            str(BASE_DIR / "newsroom" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--no-control-socket",
            "--access-logfile",
            str(log),
        ]
        with (self.folder / f"server-{number}-{port}.err").open("w") as errors:
            process = subprocess.Popen(
                command,
                env=self.environment(**env),
                cwd=BASE_DIR,
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
        return LiveServer(port=port, process=process, log=log)

    def wait_until_healthy(self, server):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                break
            try:
                if Browser().get(server, "/healthz/live").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        errors = sorted(self.folder.glob(f"server-*-{server.port}.err"))
        detail = errors[0].read_text()[-3000:] if errors else ""
        raise RuntimeError(f"gunicorn on port {server.port} did not start:\n{detail}")

    def close(self):
        self.forget_cache()
        if self.postgres_name:
            self.run_postgres(
                f'DROP DATABASE IF EXISTS "{self.postgres_name}" WITH (FORCE)'
            )
        shutil.rmtree(self.folder, ignore_errors=True)


def module_stack(*, require_postgres=False, own_postgres=False, own_redis=False):
    """Return a module-scoped ``stack`` fixture: a ``LiveStack``, or a skip saying why.

    Each module of live tests declares ``stack = module_stack()``. With
    ``own_postgres`` the stack's database is on a PostgreSQL server of the
    module's own (``stack.cluster``), with ``own_redis`` its cache on a Redis
    of its own (``stack.redis_server``): its tests may stop, crash and
    freeze them.
    """

    @pytest.fixture(scope="module")
    def stack():
        owned = []
        try:
            cluster = PostgresCluster() if own_postgres else None
            owned.append(cluster)
            redis_server = RedisServer() if own_redis else None
            owned.append(redis_server)
            live = LiveStack(
                require_postgres=require_postgres or own_postgres,
                postgres_server=cluster.server_url if cluster else POSTGRES_SERVER,
                redis=redis_server.url if redis_server else None,
            )
        except (Unavailable, ClusterUnavailable, RedisUnavailable) as reason:
            close_all(owned)
            pytest.skip(f"live servers: {reason}")
        live.cluster, live.redis_server = cluster, redis_server
        try:
            yield live
        finally:
            live.close()
            close_all(owned)

    return stack


def close_all(servers):
    for server in servers:
        if server is not None:
            server.close()
