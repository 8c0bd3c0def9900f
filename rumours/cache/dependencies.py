"""What a cached page shows, so that a save forgets only the pages it changes (#19).

A page about one thing (a story, a player, a club, its squad, a source) is
rendered while ``recording()`` notes every newsroom row the page loads: the
story, its claims with their players, clubs and sources, the related
stories, and so on. Each row is a *tag* (``"rumours.article:12"``) with a
generation number in the shared cache; the page's entry keeps the
generation of each of its tags and is served only while none has moved.

A change of a row moves the tags of the row itself and of every row it
points at, before and after the change (a claim moves its story, player,
clubs and source; a player who changes clubs moves both clubs), and a
many-to-many change moves both sides. So a page listing a club's stories
forgets itself when a story about the club is added, and a story page
forgets itself when one of its claims changes; the other stories' pages
stay cached.

Lists (the home page, feeds, sitemaps, search, index pages, the partner
API) depend on every change: ``CHANGES_KEY`` moves on every save, and a
list's entry counts only while it has not moved.
"""

import contextvars
import time
from contextlib import contextmanager

from django.core.cache import cache
from django.db import transaction

CHANGES_KEY = "public-cache:changes"
TAG_KEY = "public-cache:tag:{tag}"
APP_LABEL = "rumours"

_recording = contextvars.ContextVar("public_cache_tags", default=None)


@contextmanager
def recording():
    """Yield the set of tags of the newsroom rows loaded inside the block."""
    tags = set()
    token = _recording.set(tags)
    try:
        yield tags
    finally:
        _recording.reset(token)


def row_loaded(sender, instance, **kwargs):
    """Signal receiver (``post_init``): note a loaded row while recording."""
    tags = _recording.get()
    if tags is None or instance.pk is None or sender._meta.app_label != APP_LABEL:
        return
    tags.add(tag_of(sender, instance.pk))


def tag_of(model, pk):
    return f"{model._meta.label_lower}:{pk}"


def reference_fields(model):
    """Return the foreign keys of ``model`` to newsroom rows."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.many_to_one and field.related_model._meta.app_label == APP_LABEL
    ]


def referenced_tags(instance, values=None):
    """Return the tags of the newsroom rows ``instance`` points at.

    ``values`` maps foreign-key attnames to ids (the row as stored before a
    save); without it, the instance's own values are read.
    """
    tags = set()
    for field in reference_fields(type(instance)):
        if values is None:
            pk = getattr(instance, field.attname)
        else:
            pk = values.get(field.attname)
        if pk is not None:
            tags.add(tag_of(field.related_model, pk))
    return tags


def stored_references(instance):
    """Return the foreign-key ids of ``instance``'s row as stored, or {}."""
    attnames = [field.attname for field in reference_fields(type(instance))]
    if instance._state.adding or instance.pk is None or not attnames:
        return {}
    rows = type(instance)._base_manager.filter(pk=instance.pk)
    return rows.values(*attnames).first() or {}


def bump(tags):
    """Move ``tags`` and the changes counter, now and when the transaction commits.

    Now: readers who render from here on store under the new numbers. On
    commit again: a reader who rendered between the two saw the old rows.
    """
    keys = [CHANGES_KEY, *(TAG_KEY.format(tag=tag) for tag in tags)]
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
    """Return {tag: generation} now, starting a number for any tag without one."""
    keys = {TAG_KEY.format(tag=tag): tag for tag in tags}
    found = cache.get_many(list(keys))
    for key in keys.keys() - found.keys():
        cache.add(key, time.time_ns(), timeout=None)
    missing = [key for key in keys if key not in found]
    if missing:
        found.update(cache.get_many(missing))
    return {keys[key]: value for key, value in found.items()}


def tags_unmoved(generations):
    """Return whether every tag still has the generation in ``generations``."""
    if not generations:
        return True
    keys = {TAG_KEY.format(tag=tag): number for tag, number in generations.items()}
    found = cache.get_many(list(keys))
    return all(found.get(key) == number for key, number in keys.items())
