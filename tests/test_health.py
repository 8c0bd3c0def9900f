"""Health a load balancer can use, on real gunicorn servers (#18, R28).

``/healthz/live`` answers whenever the process does; ``/healthz/ready``
needs the database, reports the cache without failing on it, and answers
503 while a server drains after SIGTERM, which keeps serving meanwhile.
"""

import signal
import time

import pytest

from .support.live_servers import Browser, free_port, module_stack

pytestmark = pytest.mark.slow


stack = module_stack()


def test_a_ready_server_reports_database_and_cache(stack):
    with stack.servers(1, workers=1) as [server]:
        response = Browser().get(server, "/healthz/ready")

    assert (response.status, response.json()) == (
        200,
        {"status": "ok", "checks": {"database": "ok", "cache": "ok"}},
    )


def test_a_dead_redis_leaves_the_server_ready(stack):
    dead = f"redis://127.0.0.1:{free_port()}/0"
    with stack.servers(1, workers=1, REDIS_URL=dead) as [server]:
        ready = Browser().get(server, "/healthz/ready")
        page = Browser().get(server, "/")

    assert (ready.status, ready.json()["checks"]["cache"]) == (
        200,
        "failed: RuntimeError",
    )
    assert page.status == 200


def test_without_its_database_a_server_is_live_but_not_ready(stack):
    nowhere = f"postgres://postgres@127.0.0.1:{free_port()}/nothing"
    with stack.servers(1, workers=1, DATABASE_URL=nowhere) as [server]:
        live = Browser().get(server, "/healthz/live")
        ready = Browser().get(server, "/healthz/ready")

    assert live.status == 200
    assert (ready.status, ready.json()["failed"]) == (503, ["database"])


def test_a_draining_server_is_not_ready_but_still_serves(stack):
    with stack.servers(1, workers=1, DRAIN_SECONDS="3") as [server]:
        server.process.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        ready = Browser().get(server, "/healthz/ready")
        page = Browser().get(server, "/")
        server.process.wait(timeout=15)

    assert (ready.status, ready.json()["status"]) == (503, "draining")
    assert page.status == 200
    assert server.process.returncode == 0
