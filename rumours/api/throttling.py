"""Per-key rate limits of the partner API (#4, R16).

DRF's ``SimpleRateThrottle`` reads a request history from the cache, appends
and writes it back: two workers serving one partner at the same moment both
read the same history, and a burst gets through above the limit. This
throttle counts with the cache's atomic ``add`` and ``incr`` in fixed
windows, which hold across processes with the shared (Redis) cache.
"""

import time

from django.core.cache import cache
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle


class PartnerKeyThrottle(BaseThrottle):
    """Admit at most the ``partner`` rate per key and window; 429 beyond it.

    The window is the rate's period ("600/minute": 60 s), aligned to the
    clock; ``wait()`` is the time to the next window, which DRF sends as
    ``Retry-After``.
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
        now = time.time()
        window = int(now // self.duration)
        self.window_end = (window + 1) * self.duration
        key = f"api-throttle:{request.auth.prefix}:{window}"
        cache.add(key, 0, timeout=self.duration + 1)
        try:
            count = cache.incr(key)
        except ValueError:
            # The entry expired between add() and incr(): a new window.
            cache.add(key, 1, timeout=self.duration + 1)
            count = 1
        return count <= self.limit

    def wait(self):
        if self.window_end is None:
            return None
        return max(1, round(self.window_end - time.time()))
