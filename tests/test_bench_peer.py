"""The Wagtail peer's ratios and misses in `make bench` (#19, bench/peer.py).

Loads are the bench's job; these tests feed made-up medians to the pure part:
ours / peer per surface, shares of the static ceiling, and the misses printed.
"""

import importlib.util

import pytest
from django.conf import settings

BENCH = settings.BASE_DIR / "bench"


@pytest.fixture
def peer(monkeypatch):
    """Return bench/peer.py as a module (it imports bench/serving.py)."""
    monkeypatch.syspath_prepend(str(BENCH))
    spec = importlib.util.spec_from_file_location("bench_peer", BENCH / "peer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load(rps, status=200, non_2xx=0):
    return {"path": "/", "status": status, "rps": rps, "non_2xx": non_2xx,
            "timeouts": 0, "p50_ms": 10.0}  # fmt: skip


def section(peer, ours=400.0, theirs=100.0, cached=900.0, ceiling=1000.0):
    return {
        "ceiling": load(ceiling),
        "our_static": load(800.0),
        "uncached": {
            surface: {"ours": load(ours), "peer": load(theirs)}
            for surface in peer.SURFACES
        },
        "cached": {surface: load(cached) for surface in peer.SURFACES},
    }


def test_ours_over_peer_and_shares_of_the_ceiling_are_added(peer):
    measured = section(peer, ours=250.0, theirs=100.0, cached=780.0)

    peer.add_peer_ratios(measured)

    story = measured["uncached"]["story"]
    assert story["ours_over_peer_rps"] == 2.5
    assert story["ours"]["share_of_ceiling"] == 0.25
    assert measured["cached"]["home"]["share_of_ceiling"] == 0.78
    assert measured["our_static"]["share_of_ceiling"] == 0.8


def test_every_target_met_is_no_miss(peer):
    measured = section(peer, ours=200.0, theirs=100.0, cached=750.0)
    peer.add_peer_ratios(measured)

    assert peer.peer_misses(measured) == []


def test_a_surface_under_twice_the_peer_is_a_miss(peer):
    measured = section(peer)
    measured["uncached"]["api_claims"]["ours"]["rps"] = 67.0
    peer.add_peer_ratios(measured)

    assert peer.peer_misses(measured) == [
        "peer, partner list of 20 claims / API v2 list of 20 pages, uncached: "
        "ours/peer 0.67× rps (≥ 2.0×)"
    ]


def test_cached_pages_need_75_percent_of_the_ceiling_and_the_api_60(peer):
    measured = section(peer, cached=700.0)
    peer.add_peer_ratios(measured)

    assert peer.peer_misses(measured) == [
        "peer, story page, cached: 70% of the static ceiling's rps (≥ 75%)",
        "peer, squad view / news index, cached: 70% of the static ceiling's rps "
        "(≥ 75%)",
        "peer, home page, cached: 70% of the static ceiling's rps (≥ 75%)",
    ]


def test_an_answer_other_than_200_is_a_miss(peer):
    measured = section(peer)
    measured["cached"]["squad"].update(status=404, non_2xx=12)
    peer.add_peer_ratios(measured)

    assert peer.peer_misses(measured) == [
        "peer, squad cached (/): status 404, 12 non-2xx, 0 timeouts"
    ]


def test_a_peer_that_served_nothing_is_a_miss_not_a_crash(peer):
    measured = section(peer, theirs=0.0)
    peer.add_peer_ratios(measured)

    assert peer.peer_misses(measured)[0] == (
        "peer, story page, uncached: ours/peer — rps (≥ 2.0×)"
    )
