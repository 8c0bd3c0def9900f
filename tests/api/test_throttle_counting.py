"""How the partner throttle counts on Redis (#19): one script, MULTI if refused.

A Redis whose ACL refuses scripts answers with an error, not an outage: the
count must still be made, with MULTI, and Redis not taken for down.
"""

import pytest
from redis.exceptions import NoPermissionError, ResponseError

from rumours.api import throttling


class FakeClient:
    """A Redis client refusing scripts (or failing otherwise) that counts in MULTI."""

    def __init__(self, script_error):
        self.script_error = script_error
        self.counts = {}
        self.commands = []

    def evalsha(self, *args):
        self.commands.append("EVALSHA")
        raise self.script_error

    def pipeline(self):
        return FakePipeline(self)


class FakePipeline:
    def __init__(self, client):
        self.client = client
        self.queued = []

    def set(self, name, value, ex, nx):
        self.queued.append(("SET", name))

    def incr(self, name):
        self.queued.append(("INCR", name))

    def execute(self):
        self.client.commands.append("MULTI")
        results = []
        for command, name in self.queued:
            if command == "SET":
                results.append(self.client.counts.setdefault(name, 0) == 0)
            else:
                self.client.counts[name] += 1
                results.append(self.client.counts[name])
        return results


class FakeCache:
    def __init__(self, client):
        self._cache = self
        self.client = client

    def make_and_validate_key(self, key):
        return key

    def get_client(self, name, write=False):
        return self.client


@pytest.fixture
def scripts_allowed(monkeypatch):
    # Per process, like the real flag: each test starts from a Redis that
    # has not refused anything yet.
    monkeypatch.setattr(throttling.ScriptsRefused, "refused", False)


def test_a_redis_refusing_scripts_is_counted_with_multi(scripts_allowed):
    client = FakeClient(NoPermissionError("NOPERM no permissions to run 'evalsha'"))
    cache = FakeCache(client)

    counts = [throttling.count_on_redis(cache, "api-throttle:k:1", 61) for _ in "ab"]

    assert counts == [1, 2]
    assert client.commands == ["EVALSHA", "MULTI", "MULTI"]


def test_another_redis_error_is_not_taken_for_refused_scripts(scripts_allowed):
    client = FakeClient(ResponseError("OOM command not allowed"))
    cache = FakeCache(client)

    with pytest.raises(ResponseError):
        throttling.count_on_redis(cache, "api-throttle:k:1", 61)

    assert throttling.ScriptsRefused.refused is False
