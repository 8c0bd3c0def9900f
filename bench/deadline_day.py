"""Deadline day (#19): what `make bench` runs inside the app's environment.

``python bench/deadline_day.py mix`` prints, as JSON, the few hundred URLs
readers spread over: the home page, the 150 newest stories, the club pages
and squad views of the 20 biggest squads, 100 players with claims, and the
partner list of claims.

``python bench/deadline_day.py edit RATE SECONDS`` is the desk on deadline
day: it saves RATE stories a second (the newest ones in turn, each save a
real ``save()`` with its signals, as the admin does) for SECONDS, once it
has printed ``ready``; then it prints how many it saved.
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.db.models import Count  # noqa: E402

from rumours.models import Article, Club, Player  # noqa: E402

STORIES, CLUBS, PLAYERS = 150, 20, 100


def mix():
    """Return the readers' URLs."""
    stories = Article.objects.published().order_by("-published_at", "-id")[:STORIES]
    clubs = Club.objects.annotate(squad=Count("players")).order_by("-squad", "id")
    players = (
        Player.objects.filter(claims__isnull=False).distinct().order_by("id")[:PLAYERS]
    )
    return [
        "/",
        *(story.get_absolute_url() for story in stories),
        *(club.get_absolute_url() for club in clubs[:CLUBS]),
        *(club.get_squad_url() for club in clubs[:CLUBS]),
        *(player.get_absolute_url() for player in players),
        "/api/v1/claims/",
    ]


def edit(rate, seconds):
    """Save ``rate`` stories a second for ``seconds``; print how many were saved."""
    stories = list(Article.objects.published().order_by("-published_at")[:STORIES])
    # The desk is at work before readers are counted: bench/run.py starts
    # its load when this line comes, not while Django is still starting.
    print("ready", flush=True)  # noqa: T201
    interval, saved = 1 / rate, 0
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        story = stories[saved % len(stories)]
        story.mark_revised()
        story.save()
        saved += 1
        pause = started + saved * interval - time.monotonic()
        if pause > 0:
            time.sleep(pause)
    print(saved)  # noqa: T201


if __name__ == "__main__":
    if sys.argv[1] == "mix":
        print(json.dumps(mix()))  # noqa: T201
    else:
        edit(float(sys.argv[2]), float(sys.argv[3]))
