"""Per-key rate limits of the partner API (#4, R16).

DRF's ``SimpleRateThrottle`` reads a request history from the cache, appends
and writes it back: two workers serving one partner at the same moment both
read the same history, and a burst gets through above the limit. This
throttle counts atomically in fixed windows, in the shared (Redis) cache,
so the count holds across processes and servers.
"""

import hashlib
import logging
import time
from dataclasses import dataclass
from functools import partial

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import NoPermissionError, NoScriptError, ResponseError
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from ..cache import public as public_cache

logger = logging.getLogger(__name__)

# Counts kept in this process while the shared cache is down (#18).
LOCAL_COUNTS = LocMemCache("partner-throttle", {})

# One command, atomic as a script runs: the window's counter, created with
# its expiry. Half the client's CPU of MULTI, SET NX EX, INCR, EXEC (#19).
COUNT_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then
    redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return count
"""
# Redis names a script by its SHA-1: an identifier, not a protection.
COUNT_SCRIPT_SHA = hashlib.sha1(
    COUNT_SCRIPT.encode(), usedforsecurity=False
).hexdigest()


class ScriptsRefused:
    """Whether this Redis refused scripts (an ACL without EVAL): then MULTI."""

    refused = False


def count_request(key, timeout):
    """Add one to the counter ``key`` (kept ``timeout`` seconds); return it.

    On Redis, one round trip: a script (``COUNT_SCRIPT``), or ``SET NX EX``
    and ``INCR`` in a MULTI block where scripts are refused. Django's
    ``add()`` and ``incr()`` cost three (``incr`` asks whether the key exists
    first), on the path of every API answer, cached or not (#6).
    Elsewhere (local memory in development and tests), ``add`` and ``incr``.
    While Redis is down the limit fails open to a count in each process: a
    partner may then reach the limit once per app server process, and no
    request fails because the counter cannot be reached.
    """
    cache = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(cache, RedisCache):
        return count_locally(cache, key, timeout)
    count = partial(count_on_redis, cache, key, timeout)
    if hasattr(cache, "run_guarded"):  # newsroom.cache.FailOpenRedisCache
        return cache.run_guarded(
            count, partial(count_locally, LOCAL_COUNTS, key, timeout)
        )
    return count()


def read_and_count(keys, counters, key, timeout):
    """Return ``public.read_keys(keys, counters)`` with ``count_request(key, timeout)``.

    As ``(found, numbers, count)``, in one round trip on Redis (the count's
    script sent with the ``MGET``), which a cached partner answer makes once
    rather than twice (#19). The count is made again on its own where the
    script could not run: not yet loaded since Redis started, scripts
    refused, Redis down (then counted in this process, as ``count_request``
    does), or another cache than Redis.
    """
    cache = caches[DEFAULT_CACHE_ALIAS]
    script = None
    if isinstance(cache, RedisCache) and not ScriptsRefused.refused:
        name = cache.make_and_validate_key(key)
        script = ("EVALSHA", COUNT_SCRIPT_SHA, 1, name, timeout)
    found, numbers, count = public_cache.read_keys(keys, counters, command=script)
    if not isinstance(count, int):
        count = count_request(key, timeout)
    return found, numbers, count


def count_on_redis(cache, key, timeout):
    # Stored as Django's Redis serializer stores an int: a plain number.
    name = cache.make_and_validate_key(key)
    client = cache._cache.get_client(name, write=True)
    if ScriptsRefused.refused:
        return count_in_transaction(client, name, timeout)
    try:
        return client.evalsha(COUNT_SCRIPT_SHA, 1, name, timeout)
    except NoScriptError:
        # Not yet loaded since Redis started: EVAL loads it.
        return client.eval(COUNT_SCRIPT, 1, name, timeout)
    except ResponseError as error:
        if not refuses_scripts(error):
            raise  # out of memory, say: as any other Redis error (#18)
        # Redis answered, refusing scripts: not an outage.
        ScriptsRefused.refused = True
        logger.warning("Redis refuses scripts (%s): counting with MULTI", error)
        return count_in_transaction(client, name, timeout)


def refuses_scripts(error):
    """Return whether Redis refused ``EVALSHA``/``EVAL`` themselves.

    An ACL without them (NOPERM), or the commands renamed away.
    """
    return isinstance(error, NoPermissionError) or "unknown command" in str(error)


def count_in_transaction(client, name, timeout):
    pipeline = client.pipeline()
    pipeline.set(name, 0, ex=timeout, nx=True)
    pipeline.incr(name)
    return pipeline.execute()[-1]


def count_locally(cache, key, timeout):
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:
        # The entry expired between add() and incr(): a new window.
        cache.add(key, 1, timeout=timeout)
        return 1


@dataclass(frozen=True)
class Counted:
    """A request counted against its key's window: its number in the window."""

    prefix: str
    count: int
    window_end: int


class PartnerKeyThrottle(BaseThrottle):
    """Admit at most the ``partner`` rate per key and window; 429 beyond it.

    The window is the rate's period ("600/minute": 60 s), aligned to the
    clock; ``wait()`` is the time to the next window, which DRF sends as
    ``Retry-After``. A request is counted once, whoever asks first: the
    partner cache's early answer (``rumours.api.caching``) or DRF.
    """

    scope = "partner"

    def __init__(self):
        rate = api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        self.limit, self.duration = self.parse_rate(rate)
        self.window_end = None

    @staticmethod
    def parse_rate(rate):
        count, period = rate.split("/")
        seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[0]]
        return int(count), seconds

    def allow_request(self, request, view):
        if request.auth is None:
            return True
        return self.admits(request, request.auth.prefix)

    def admits(self, request, prefix):
        """Count ``request`` against the window of the key ``prefix`` (once).

        Return whether it is within the limit; note the ``RateLimit-*``
        figures on the request. Takes Django's request or DRF's (which reads
        what was noted on Django's).
        """
        counted = getattr(request, "partner_counted", None)
        if counted is None or counted.prefix != prefix:
            key, window_end = self.window(prefix)
            count = count_request(key, self.duration + 1)
            counted = Counted(prefix, count, window_end)
            request.partner_counted = counted
        self.window_end = counted.window_end
        # For the RateLimit-* headers of the response (``rate_limit_headers``).
        remaining = max(0, self.limit - counted.count)
        request.rate_limit = (self.limit, remaining, self.wait())
        return counted.count <= self.limit

    def window(self, prefix):
        """Return the counter of the key ``prefix``'s window now, and its end."""
        window = int(time.time() // self.duration)
        return f"api-throttle:{prefix}:{window}", (window + 1) * self.duration

    def counting_fetch(self, request, prefix):
        """Return a ``fetch`` for ``public.enter`` that counts ``request`` too.

        Its first call reads the keys and counts the request against the
        key ``prefix``'s window in the same round trip (``read_and_count``);
        ``admits`` then finds the request counted. Later calls only read.
        """

        def fetch(keys, counters=()):
            if getattr(request, "partner_counted", None) is not None:
                return public_cache.read_keys(keys, counters)
            key, window_end = self.window(prefix)
            found, numbers, count = read_and_count(
                keys, counters, key, self.duration + 1
            )
            request.partner_counted = Counted(prefix, count, window_end)
            return found, numbers, None

        return fetch

    def wait(self):
        if self.window_end is None:
            return None
        return max(1, round(self.window_end - time.time()))


def rate_limit_headers(request):
    """Return the IETF draft's ``RateLimit-*`` headers for a throttled request.

    The limit of the key's window, what is left of it, and the seconds until
    it resets; nothing for a request no partner throttle counted.
    """
    counted = getattr(request, "rate_limit", None)
    if counted is None:
        return {}
    limit, remaining, reset = counted
    return {
        "RateLimit-Limit": str(limit),
        "RateLimit-Remaining": str(remaining),
        "RateLimit-Reset": str(reset),
    }
