"""Claims from copy (#14): how long proposals take for a 1,500-word story.

Run it on a database holding a big newsroom, in-process (no server):

    python manage.py generate_newsroom --clubs 400 --players 12000 \\
        --articles 200 --claims 1000 --seed 7
    python bench/extraction.py          # or --json, as make bench runs it

It writes a story of about 1,500 words from the newsroom's own names (a
paragraph per claim, in the case book's styles), then times: building the
gazetteer (once per process, and again when names change), the fingerprint
that decides whether to rebuild it (every request), and ``propose_claims``
on the story with the gazetteer built, the median of seven runs.
"""

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from rumours.extraction import propose_claims  # noqa: E402
from rumours.extraction.gazetteer import (  # noqa: E402
    current_gazetteer,
    gazetteer_from_database,
    names_fingerprint,
)
from rumours.models import Club, Player, Source  # noqa: E402

PARAGRAPHS = [
    "{to} have made a €{n}m bid for {seller}'s {player}, {source} reports.",
    "{player} wants to leave {seller} this winter in search of regular football, "
    "and his entourage has already told the club.",
    "According to {source}, {to} are keeping tabs on {player}, who has impressed "
    "scouts across Europe with his performances this season.",
    "{seller} have rejected a £{n}m offer from {to} for {player} and will hold out "
    "for a bigger fee before the window closes.",
    "{to} are closing in on a loan deal for {player}: a €2m loan fee with an "
    "€{n}m option to buy, via {source}.",
    "{player} has agreed personal terms with {to}, and the clubs are now "
    "discussing the fee, with a gap of around €{n}m still to bridge.",
]


def story(words=1500, seed=7):
    rng = random.Random(seed)
    players = list(Player.objects.select_related("current_club")[:400])
    clubs = list(Club.objects.all())
    sources = list(Source.objects.all()[:50])
    paragraphs = []
    while sum(len(p.split()) for p in paragraphs) < words:
        player = rng.choice(players)
        paragraphs.append(
            rng.choice(PARAGRAPHS).format(
                player=player.name,
                seller=player.current_club or rng.choice(clubs),
                to=rng.choice(clubs),
                source=rng.choice(sources),
                n=rng.randint(5, 80),
            )
        )
    return "\n\n".join(paragraphs)


def timed(function, runs=1):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main():
    text = story()
    build_ms, _ = timed(gazetteer_from_database)
    current_gazetteer()
    fingerprint_ms, _ = timed(names_fingerprint, runs=7)
    propose_ms, proposals = timed(lambda: propose_claims(text), runs=7)
    figures = {
        "players": Player.objects.count(),
        "clubs": Club.objects.count(),
        "words": len(text.split()),
        "build_ms": round(build_ms),
        "fingerprint_ms": round(fingerprint_ms, 1),
        "propose_ms": round(propose_ms, 1),
        "proposals": len(proposals),
    }
    if "--json" in sys.argv:
        print(json.dumps(figures))  # noqa: T201
        return
    print(  # noqa: T201
        f"players {figures['players']}, clubs {figures['clubs']}, story "
        f"{figures['words']} words: gazetteer built in {build_ms:.0f} ms; "
        f"fingerprint {fingerprint_ms:.1f} ms; propose_claims {propose_ms:.0f} ms "
        f"(median of 7, fingerprint included), {len(proposals)} proposals"
    )


if __name__ == "__main__":
    main()
