"""The ground truth the generator plants (#15): how often each source is right.

Each source's claims prove true at a rate set by its tier, moved by up to
five points by its slug, so a test can ask whether the track records the
site measures recover the rates planted here.
"""

import hashlib

TIER_HIT_RATES = {1: 0.90, 2: 0.75, 3: 0.55, 4: 0.35, 5: 0.15, None: 0.50}


def planted_hit_rate(source):
    """Return the share of ``source``'s resolved claims planted as true."""
    jitter = (hashlib.sha256(source.slug.encode()).digest()[0] / 255 - 0.5) / 10
    return min(0.97, max(0.03, TIER_HIT_RATES[source.reliability_tier] + jitter))
