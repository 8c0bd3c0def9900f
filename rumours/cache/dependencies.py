"""What a cached page shows, so that a save forgets only the pages it changes (#19).

A page about one thing (a story, a player, a club, its squad, a source) is
rendered while ``recording()`` notes every newsroom row the page loads: the
story, its claims with their players, clubs and sources, the related
stories, and so on. Each row is a *tag* (``"rumours.article:12"``) with a
generation number in the shared cache; the page's entry keeps the
generation of each of its tags and is served only while none has moved.

A change of a row moves its own tag: every page that showed the row forgets
it. A new row, or one that points elsewhere than before, also moves the
tags of the rows it points at, before and after (a new claim moves its
story, player, clubs and source; a player who changes clubs moves both
clubs), and a many-to-many change moves both sides. A story listed as a
card (loaded without its body) is tagged as a card, which only a change of
what cards show moves (its headline, standfirst, slug, time or status;
with the pages of its clubs and players, which list it). So editing a
story's text or claims leaves every other page cached.

Lists (feeds, sitemaps, search, index pages, the partner API) depend on
every change: ``CHANGES_KEY`` moves on every save, and a list's entry counts
only while it has not moved. A list of story cards (the home page) depends
on every change but one to a story's own page: ``CARD_CHANGES_KEY`` moves on
every save except a story's whose card, references and links are as they
were (its text edited, a revision noted), so the desk's edits on deadline day
leave it cached.
"""

import contextvars
import threading
import time
from contextlib import contextmanager

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_init

CHANGES_KEY = "public-cache:changes"
CARD_CHANGES_KEY = "public-cache:changes:cards"
# What a story's card shows, wherever it is listed: a change of anything
# else (its body, a claim) leaves the pages that list it alone.
CARD_FIELDS = {
    "rumours.article": ("headline", "slug", "standfirst", "published_at", "status")
}
# Fields whose change shows on the pages of the rows a row points at, not
# only where the row itself is shown: a claim resolved changes its source's
# track record, whichever of its claims that page lists (#15).
RIPPLE_FIELDS = {"rumours.transferclaim": ("outcome", "claim_type")}
TAG_KEY = "public-cache:tag:{tag}"
APP_LABEL = "rumours"
# Rows derived from others and rewritten without model signals (a source's
# record, counted again from its claims): their numbers never move, and a
# page showing one already depends on the source, whose number a change of
# the counted claims moves (``RIPPLE_FIELDS``). Not tagged: a squad view
# showed five and checked them on every hit for nothing.
DERIVED_MODELS = {"rumours.sourcerecord"}
ROWS_LOADED = "public-cache-rows-loaded"

_recording = contextvars.ContextVar("public_cache_tags", default=None)


@contextmanager
def recording():
    """Yield the set of tags of the newsroom rows loaded inside the block."""
    tags = set()
    token = _recording.set(tags)
    listeners.join()
    try:
        yield tags
    finally:
        listeners.leave()
        _recording.reset(token)


class Listeners:
    """``row_loaded`` hears ``post_init`` only while some thread is recording.

    Connected for every model, it ran for each row every page loads, lists
    included, which record nothing (#19, ``bench/README.md``). Connected by
    the first recorder and disconnected by the last, under a lock: a
    recorder hears every row loaded from its ``join()`` to its ``leave()``.
    """

    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    def join(self):
        with self.lock:
            if self.count == 0:
                post_init.connect(row_loaded, dispatch_uid=ROWS_LOADED)
            self.count += 1

    def leave(self):
        with self.lock:
            self.count -= 1
            if self.count == 0:
                post_init.disconnect(dispatch_uid=ROWS_LOADED)


listeners = Listeners()


def row_loaded(sender, instance, **kwargs):
    """Signal receiver (``post_init``): note a loaded row while recording.

    A story loaded without its text is shown as a card (a headline, a link):
    the page depends on its card only (``card_tag``).
    """
    tags = _recording.get()
    if tags is None or instance.pk is None or sender._meta.app_label != APP_LABEL:
        return
    if sender._meta.label_lower in DERIVED_MODELS:
        return
    tag = tag_of(sender, instance.pk)
    if sender._meta.label_lower in CARD_FIELDS and "body_html" not in instance.__dict__:
        tag = card_tag(tag)
    tags.add(tag)


def tag_of(model, pk):
    return f"{model._meta.label_lower}:{pk}"


def card_tag(tag):
    return f"{tag}:card"


def reference_fields(model):
    """Return the foreign keys of ``model`` to newsroom rows."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.many_to_one and field.related_model._meta.app_label == APP_LABEL
    ]


def references(instance, values=None):
    """Return {attname: id} of the newsroom rows ``instance`` points at.

    From ``values`` (the row as stored) when given, else from the instance.
    """
    source = instance.__dict__ if values is None else values
    return {
        field.attname: source.get(field.attname)
        for field in reference_fields(type(instance))
    }


def referenced_tags(instance, values=None):
    """Return the tags of the newsroom rows ``instance`` points at."""
    model = type(instance)
    targets = {f.attname: f.related_model for f in reference_fields(model)}
    return {
        tag_of(targets[attname], pk)
        for attname, pk in references(instance, values).items()
        if pk is not None
    }


def card_values(instance, values=None, fields=CARD_FIELDS):
    source = instance.__dict__ if values is None else values
    names = fields.get(type(instance)._meta.label_lower, ())
    return {name: source.get(name) for name in names}


def stored_state(instance):
    """Return the row of ``instance`` as stored: its references and card, or {}."""
    names = [f.attname for f in reference_fields(type(instance))]
    names += CARD_FIELDS.get(type(instance)._meta.label_lower, ())
    names += RIPPLE_FIELDS.get(type(instance)._meta.label_lower, ())
    if instance._state.adding or instance.pk is None or not names:
        return {}
    rows = type(instance)._base_manager.filter(pk=instance.pk)
    return rows.values(*names).first() or {}


def bump(tags, *, cards=True):
    """Move ``tags`` and the changes counters, now and when the transaction commits.

    Now: readers who render from here on store under the new numbers. On
    commit again: a reader who rendered between the two saw the old rows.
    ``cards``: whether the change may show on a list of story cards.
    """
    counters = [CHANGES_KEY, CARD_CHANGES_KEY] if cards else [CHANGES_KEY]
    keys = [*counters, *(TAG_KEY.format(tag=tag) for tag in tags)]
    increment(keys)
    transaction.on_commit(lambda: increment(keys))


def increment(keys):
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:
            # Never set, or evicted: start from the clock, above any number
            # an entry might still hold.
            cache.add(key, time.time_ns(), timeout=None)


def tag_generations(tags):
    """Return ``({tag: generation}, changes)``, starting a number for new tags.

    ``changes`` is the changes counter read in the same round trip as the
    numbers (as the last of them, when some had to be started). A save moves
    it before the rows it saved, so numbers read after a save began come
    with a counter that differs from the one read before rendering: the
    entry is then not kept (``public.store``). Read apart, a save landing
    between the two reads would leave a page rendered from the old rows
    stored under the new numbers.
    """
    keys = {TAG_KEY.format(tag=tag): tag for tag in tags}
    found = cache.get_many([CHANGES_KEY, *keys])
    missing = [key for key in keys if key not in found]
    for key in missing:
        cache.add(key, time.time_ns(), timeout=None)
    if missing:
        found.update(cache.get_many([CHANGES_KEY, *missing]))
    changes = found.pop(CHANGES_KEY, None)
    return {keys[key]: value for key, value in found.items()}, changes


def packed(generations):
    """Return ``generations`` ({tag: number}) as an entry keeps them.

    ``(tags, numbers)``: the tags joined by spaces, and their numbers as Redis
    holds them (digits) joined the same way: a hit on a page of 70 rows
    compares two strings rather than building 70 numbers (#19, ``public.is_fresh``).
    """
    numbers = b" ".join(b"%d" % number for number in generations.values())
    return " ".join(generations), numbers


def tag_keys(tags):
    """Return the cache keys of ``tags``, packed as ``packed`` keeps them."""
    return tuple(TAG_KEY.format(tag=tag) for tag in tags.split(" ")) if tags else ()


def tags_unmoved(tags, numbers):
    """Return whether every tag still has its number (both ``packed``)."""
    keys = tag_keys(tags)
    if not keys:
        return True
    found = cache.get_many(keys)
    current = [found.get(key) for key in keys]
    return current == [int(number) for number in numbers.split(b" ")]
