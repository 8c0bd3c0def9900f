"""Redis as the shared cache: reused clients, and never a reason to fail (#18).

Django's ``RedisCacheClient`` builds a new ``redis.Redis`` for every cache
operation, and redis-py 8 fills a table of response callbacks in each one:
more Python than the round trip to Redis takes, three times on a cached
page's path (generation, entry, throttle; ``bench/README.md``). A ``redis.Redis``
holds nothing but its pool and is thread-safe, so one per pool serves every
call.

Django's ``RedisCache`` raises on every connection error and sets no socket
timeout (redis-py then waits for the operating system), so a dead or frozen
Redis turned every page into a 500 or a stall. ``FailOpenRedisCache`` reads
an error or a timeout as a miss (a write as done), and after one failure
stops calling Redis for ``RETRY_AFTER`` seconds: a dead Redis costs one fast
failure an interval, not one a call. The log says once that Redis is down
and once that it is back; ``shared_cache_recovered`` then tells the public
cache to start a new generation, since saves made during the outage could
not mark the pages Redis still holds as stale.
"""

import functools
import logging
import os
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.dispatch import Signal
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError, ResponseError

logger = logging.getLogger(__name__)

# Sent once by each process that sees Redis answer again after an outage.
shared_cache_recovered = Signal()

# Short enough that a frozen Redis costs a page a fraction of its budget.
DEFAULT_SOCKET_OPTIONS = {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}
DEFAULT_RETRY_AFTER = 0.5
# Keys remembered made and checked, per process: enough for every row number
# and entry the hot pages read; forgotten all at once when full.
MADE_KEYS_KEPT = 50_000
# The same, for the reads of whole pages (``_read_of``).
PACKED_READS_KEPT = 10_000


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._direct = DirectConnections()

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client

    def pack(self, *args):
        """Return the command ``args`` as ``exchange`` sends it (bytes)."""
        connection = self._direct.connection(self._get_connection_pool(True))
        return b"".join(connection.pack_command(*args))

    def exchange(self, packed, replies):
        """Send the ``packed`` commands at once; return their ``replies`` replies.

        Straight over a connection this thread keeps for itself, past
        redis-py's client, whose pool, retries and event hooks cost about
        as much as the round trip on a cached page's path (#19,
        ``bench/README.md``). An error reply (``ResponseError``) is
        returned in its command's place; any other error closes the
        connection and is raised. A kept connection Redis has dropped (a
        restart, its idle timeout) is made again once, as redis-py's own
        client does.
        """
        connection = self._direct.connection(self._get_connection_pool(True))
        kept = connection.is_connected
        try:
            return self._send(connection, packed, replies)
        except RedisConnectionError:
            if not kept:
                raise
            return self._send(connection, packed, replies)

    @staticmethod
    def _send(connection, packed, replies):
        try:
            connection.send_packed_command([packed], check_health=False)
            answers = []
            for _reply in range(replies):
                try:
                    answers.append(connection.read_response())
                except ResponseError as error:
                    answers.append(error)
        except BaseException:
            connection.disconnect()
            raise
        return answers


class DirectConnections(threading.local):
    """One Redis connection per thread and pool, made again in a forked process."""

    def __init__(self):
        self.pid = None
        self.connections = {}

    def connection(self, pool):
        if self.pid != os.getpid():
            self.pid, self.connections = os.getpid(), {}
        connection = self.connections.get(pool)
        if connection is None:
            connection = pool.connection_class(**pool.connection_kwargs)
            self.connections[pool] = connection
        return connection


class ReusingRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` with reused clients.

    And with the keys it has made remembered: Django checks every key for
    characters memcached would refuse, one character at a time, which cost
    a cached page that depends on 70 rows more than its round trip to Redis
    (#19, ``bench/README.md``). The keys the newsroom asks for again and
    again (generations, row numbers, entries) are made and checked once.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._made_keys = {}
        self._packed_reads = {}

    def make_and_validate_key(self, key, version=None):
        made = self._made_keys.get((key, version))
        if made is None:
            made = super().make_and_validate_key(key, version)
            if len(self._made_keys) >= MADE_KEYS_KEPT:
                self._made_keys.clear()
            self._made_keys[key, version] = made
        return made

    def get_many(self, keys, version=None):
        """Django's ``get_many``, in one ``MGET``, without its two mappings.

        A cached page about one thing reads some 70 keys in one call: the
        per-key Python around the round trip cost more than the round trip
        (#19, ``bench/README.md``).
        """
        return self._get_many_with(keys, (), None, version)[0]

    def get_many_with(self, keys, *, counters=(), command=None, version=None):
        """Return ``(get_many(keys), counters' values, command's reply)``.

        From one round trip. ``counters``: keys of numbers kept by ``incr``,
        whose values come back as Redis holds them (the digits as bytes, or
        None), in their order and undecoded: a cached page compares some 70
        of them at once (#19). ``command``, a tuple of arguments, is sent in
        the same round trip (the partner throttle's count); its reply comes
        back as it came, an error reply included, for the caller to judge.
        """
        return self._get_many_with(keys, counters, command, version)

    def _get_many_with(self, keys, counters, command, version):
        # Both public methods read through here: FailOpenRedisCache guards
        # each once, never one inside the other (a guard that swallowed the
        # inner failure would report Redis back at once).
        keys = list(keys)
        read = self._read_of(keys, counters, version)
        packed = [read] if read else []
        if command is not None:
            packed.append(self._cache.pack(*command))
        if not packed:
            return {}, [], None
        replies = self._cache.exchange(b"".join(packed), len(packed))
        values = replies[0] if read else []
        reply = replies[-1] if command is not None else None
        if isinstance(values, Exception):
            raise values
        loads = self._cache._serializer.loads
        found = {
            key: loads(value)
            for key, value in zip(keys, values, strict=False)
            if value is not None
        }
        return found, values[len(keys) :], reply

    def _read_of(self, keys, counters, version):
        """Return the ``MGET`` of ``keys`` and ``counters`` as sent, or b"" for none.

        Made once a process for each set of keys: a cached page asks for the
        same 70 keys each time, and making and packing them cost more than
        Redis takes to answer (#19).
        """
        names = (*keys, *counters, version)
        read = self._packed_reads.get(names)
        if read is None:
            made = [self.make_and_validate_key(key, version) for key in names[:-1]]
            read = self._cache.pack("MGET", *made) if made else b""
            if len(self._packed_reads) >= PACKED_READS_KEPT:
                self._packed_reads.clear()
            self._packed_reads[names] = read
        return read


class Outage:
    """When Redis last failed, and whether to try it again yet (one per process)."""

    def __init__(self, retry_after):
        self.retry_after = retry_after
        self.down_since = None
        self.retry_at = 0.0
        self._lock = threading.Lock()

    def allows_call(self):
        return self.down_since is None or time.monotonic() >= self.retry_at

    def failed(self, error):
        now = time.monotonic()
        with self._lock:
            first = self.down_since is None
            if first:
                self.down_since = now
            self.retry_at = now + self.retry_after
        if first:
            logger.warning(
                "Redis is unreachable (%s: %s): serving without the shared cache, "
                "trying again every %s s",
                type(error).__name__,
                error,
                self.retry_after,
            )

    def succeeded(self):
        if self.down_since is None:
            return
        with self._lock:
            down_since, self.down_since = self.down_since, None
        if down_since is not None:
            logger.warning(
                "Redis answers again after %.1f s: the shared cache is back",
                time.monotonic() - down_since,
            )
            shared_cache_recovered.send(sender=FailOpenRedisCache)


def _fail_open(when_down):
    """Run the cache method, or return ``when_down(*args, **kwargs)`` if Redis fails."""

    def decorate(method):
        @functools.wraps(method)
        def guarded(self, *args, **kwargs):
            return self.run_guarded(
                lambda: method(self, *args, **kwargs),
                lambda: when_down(*args, **kwargs),
            )

        return guarded

    return decorate


def _default(key, default=None, version=None):
    return default


def _missing(key, *args, **kwargs):
    # What incr() raises for a key that is not there.
    raise ValueError(f"Key {key!r} not found.")


def _nothing_found(keys, *, counters=(), **kwargs):
    return {}, [None] * len(counters), None


def _returns(value):
    return lambda *args, **kwargs: value


class FailOpenRedisCache(ReusingRedisCache):
    """A Redis cache whose errors and timeouts are misses, never exceptions.

    ``OPTIONS`` may set redis-py's ``socket_connect_timeout`` and
    ``socket_timeout`` (0.2 s by default) and ``RETRY_AFTER``, the seconds
    between attempts while Redis is down (0.5 by default: the cache is back
    within a second of Redis).
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        retry_after = float(options.pop("RETRY_AFTER", DEFAULT_RETRY_AFTER))
        params = {**params, "OPTIONS": {**DEFAULT_SOCKET_OPTIONS, **options}}
        super().__init__(server, params)
        self.outage = Outage(retry_after)

    @property
    def is_reachable(self):
        """Return False while Redis is known to be down (no round trip)."""
        return self.outage.down_since is None

    @_fail_open(_default)
    def get(self, key, default=None, version=None):
        return super().get(key, default, version)

    @_fail_open(_returns({}))
    def get_many(self, keys, version=None):
        return super().get_many(keys, version)

    @_fail_open(_nothing_found)
    def get_many_with(self, keys, *, counters=(), command=None, version=None):
        return super().get_many_with(
            keys, counters=counters, command=command, version=version
        )

    @_fail_open(_returns(False))
    def has_key(self, key, version=None):
        return super().has_key(key, version)

    @_fail_open(_returns(False))
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().add(key, value, timeout, version)

    @_fail_open(_returns(None))
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set(key, value, timeout, version)

    @_fail_open(_returns([]))
    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set_many(data, timeout, version)

    @_fail_open(_returns(False))
    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return super().touch(key, timeout, version)

    @_fail_open(_returns(False))
    def delete(self, key, version=None):
        return super().delete(key, version)

    @_fail_open(_returns(None))
    def delete_many(self, keys, version=None):
        return super().delete_many(keys, version)

    @_fail_open(_missing)
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)

    @_fail_open(_returns(False))
    def clear(self):
        return super().clear()

    def run_guarded(self, command, when_down):
        """Return ``command()`` (Redis work), or ``when_down()`` if Redis fails.

        Every method goes through here; so may raw Redis work (a pipeline).
        """
        if not self.outage.allows_call():
            return when_down()
        try:
            result = command()
        except RedisError as error:
            self.outage.failed(error)
            return when_down()
        self.outage.succeeded()
        return result
