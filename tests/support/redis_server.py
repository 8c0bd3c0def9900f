"""A Redis server of a test's own, to kill and freeze (#18).

The rest of the suite shares the machine's Redis, so the fault tests never
touch it: ``RedisServer`` runs ``redis-server`` on a spare loopback port with
no persistence. ``kill()`` is SIGKILL (everything cached is gone, as after a
crash), ``freeze()`` and ``thaw()`` are SIGSTOP and SIGCONT (a Redis that
accepts connections and answers nothing), ``start()`` brings it back.
"""

import shutil
import signal
import subprocess
import time

import redis

from .ports import free_port

START_TIMEOUT = 10


class RedisUnavailable(Exception):
    """No ``redis-server`` here, or it did not start; the message says which."""


class RedisServer:
    def __init__(self):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            raise RedisUnavailable("no redis-server: install Redis")
        self.port = free_port()
        self.process = None
        self.start()

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if redis.Redis.from_url(self.url, socket_connect_timeout=0.2).ping():
                    return
            except redis.RedisError:
                time.sleep(0.05)
        raise RedisUnavailable(f"redis-server on port {self.port} did not start")

    def kill(self):
        self.process.kill()
        self.process.wait(timeout=10)

    def freeze(self):
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)

    def close(self):
        if self.process.poll() is None:
            self.thaw()
            self.kill()
