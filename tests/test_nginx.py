"""nginx in front of gunicorn, with the repository's config (#18, R28).

Real processes: gunicorn app servers on production settings (the live stack
of ``tests/support/live_servers.py``) behind a real nginx rendered from
``deploy/nginx-site.conf.template`` on a spare port.

- 50 clients trickling their headers a byte every 2 seconds pin no app
  worker: other readers are answered meanwhile, 99% within 200 ms.
- One of two app servers restarted with SIGTERM (draining first) under a
  steady load of reads: no request fails.
- A flood of sign-in posts from one address is turned away by nginx; a
  body over its route's limit (16 KB for the sign-in, 12 MB for the admin's
  uploads, 1 MB elsewhere) never reaches the app.
- Static files come from disk with a year's immutable caching.
"""

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from .support.live_servers import Browser, Unavailable, module_stack
from .support.nginx import NginxFront

pytestmark = pytest.mark.slow

SLOW_CLIENTS = 50
READS = 200


stack = module_stack()


@pytest.fixture
def front_of(stack):
    fronts = []

    def start(servers):
        try:
            front = NginxFront(servers, stack.folder / "static")
        except Unavailable as reason:
            pytest.skip(str(reason))
        fronts.append(front)
        return front

    yield start
    for front in fronts:
        front.close()


def timed_get(front, path):
    started = time.monotonic()
    response = Browser().get(front, path)
    return response.status, time.monotonic() - started


def test_static_files_come_from_disk_with_a_years_caching(stack, front_of):
    css = next((stack.folder / "static" / "css").glob("site.*.css"))
    with stack.servers(1, workers=1) as servers:
        front = front_of(servers)
        response = Browser().get(front, f"/static/css/{css.name}")

    assert response.status == 200
    assert "immutable" in response.headers["Cache-Control"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def trickle(port, stop):
    """Send a request's headers one byte every 2 seconds until ``stop``."""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        for byte in b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + b"a" * 100:
            if stop.wait(2):
                return
            try:
                sock.send(bytes([byte]))
            except OSError:
                return


def test_slow_clients_pin_no_app_worker(stack, front_of):
    stop = threading.Event()
    with stack.servers(1, workers=2) as servers:
        front = front_of(servers)
        Browser().get(front, "/")  # in the public cache, as on a live site
        tricklers = [
            threading.Thread(target=trickle, args=(front.port, stop), daemon=True)
            for _ in range(SLOW_CLIENTS)
        ]
        for thread in tricklers:
            thread.start()
        time.sleep(1)
        try:
            with ThreadPoolExecutor(max_workers=4) as pool:
                answers = list(pool.map(lambda _: timed_get(front, "/"), range(READS)))
        finally:
            stop.set()

    seconds = sorted(taken for _, taken in answers)
    assert [status for status, _ in answers] == [200] * READS
    # Pinned workers would keep every reader waiting for a minute or more.
    assert seconds[int(len(seconds) * 0.99) - 1] < 0.2


def test_a_rolling_restart_under_load_fails_no_request(stack, front_of):
    statuses, stop = [], threading.Event()
    with stack.servers(2, workers=1, DRAIN_SECONDS="1") as servers:
        front = front_of(servers)

        def read():
            while not stop.is_set():
                try:
                    statuses.append(Browser().get(front, "/").status)
                except OSError as error:
                    statuses.append(type(error).__name__)

        readers = [threading.Thread(target=read) for _ in range(4)]
        for thread in readers:
            thread.start()
        time.sleep(1)
        servers[0].process.terminate()
        servers[0].process.wait(timeout=30)
        time.sleep(1)
        stop.set()
        for thread in readers:
            thread.join()

    assert len(statuses) > 20
    assert set(statuses) == {200}


def test_a_flood_of_sign_in_posts_is_turned_away_by_nginx(stack, front_of):
    with stack.servers(1, workers=1) as servers:
        front = front_of(servers)
        statuses = [
            Browser()
            .post(front, "/admin/login/", {"username": "eva", "password": "guess"})
            .status
            for _ in range(40)
        ]

    assert statuses.count(429) >= 20
    assert statuses[0] != 429


# Each route's body limit in deploy/nginx-site.conf.template.
BODY_LIMITS = {
    "/admin/login/": 16 * 2**10,
    "/admin/rumours/article/add/": 12 * 2**20,
    "/api/v1/articles/": 2**20,
    "/stories/": 2**20,
}


def announce_body(front, path, size):
    """POST headers announcing a ``size``-byte body, send none; return the status."""
    with socket.create_connection(("127.0.0.1", front.port), timeout=10) as sock:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: localhost\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {size}\r\nConnection: close\r\n\r\n".encode()
        )
        return int(sock.recv(64).split()[1])


def test_no_route_accepts_a_body_over_its_limit(stack, front_of):
    with stack.servers(1, workers=1) as servers:
        front = front_of(servers)
        statuses = {
            path: announce_body(front, path, limit + 1)
            for path, limit in BODY_LIMITS.items()
        }
        log = servers[0].log.read_text() if servers[0].log.exists() else ""

    assert statuses == dict.fromkeys(BODY_LIMITS, 413)
    assert not any(path in log for path in BODY_LIMITS)


def test_a_body_over_the_sign_in_limit_never_reaches_the_app(stack, front_of):
    with stack.servers(1, workers=1) as servers:
        front = front_of(servers)
        response = Browser().post(front, "/admin/login/", {"password": "x" * 100_000})
        log = servers[0].log.read_text() if servers[0].log.exists() else ""

    assert response.status == 413
    assert "/admin/login/" not in log


GUESSER = """
from django.contrib.auth import get_user_model
get_user_model().objects.create_superuser("guessed", "g@example.com", "right-one-7")
"""


def guess(front):
    """Post one wrong password for the same account, as a browser would."""
    browser = Browser()
    browser.get(front, "/admin/login/")
    return browser.post(
        front,
        "/admin/login/",
        {
            "username": "guessed",
            "password": "wrong-guess",
            "csrfmiddlewaretoken": browser.cookies.get("csrftoken", ""),
        },
    ).status


def test_readers_keep_their_pace_while_one_account_is_guessed(stack, front_of):
    stack.python(GUESSER)
    with stack.servers(1, workers=2) as servers:
        front = front_of(servers)
        Browser().get(front, "/")  # the home page, now in the cache
        with ThreadPoolExecutor(max_workers=8) as pool:
            guesses = pool.map(lambda _: guess(front), range(100))
            reads = [timed_get(front, "/") for _ in range(200)]
            statuses = list(guesses)

    seconds = sorted(taken for _, taken in reads)
    assert {status for status, _ in reads} == {200}
    assert set(statuses) <= {200, 429}
    assert statuses.count(429) >= 80
    assert seconds[int(len(seconds) * 0.99) - 1] < 0.05
