"""Keeping the stored search documents current (#6).

Signals refresh a story's document when it is saved, its clubs or players
change, or a club, alias or player is renamed (``connect_signals()``, from
``apps.ready``). Bulk writers send no model signals: they send
``newsroom_bulk_written`` with the stories they touched, and this module
rebuilds those documents.
"""

from ..models import Article, Club, ClubAlias, Player
from ..models.events import newsroom_bulk_written
from .documents import refresh_search_documents

# Of each model, the fields the search documents are made of (an alias's
# club too: moving an alias changes two clubs' stories).
_STORY_FIELDS = {"headline", "standfirst", "body"}
_NAME_FIELDS = {
    Club: ("name", "short_name"),
    ClubAlias: ("name", "club_id"),
    Player: ("name",),
}


def connect_signals():
    """Refresh the documents a save, delete or link change affects (apps.ready).

    One UPDATE (PostgreSQL) or DELETE and INSERT (SQLite) per change, plus
    one query to read the old names when a club, alias or player is saved.
    """
    from django.db.models.signals import (
        m2m_changed,
        post_delete,
        post_save,
        pre_delete,
        pre_save,
    )

    uid = "rumours.search"
    newsroom_bulk_written.connect(_bulk_written, dispatch_uid=uid)
    post_save.connect(_story_saved, sender=Article, dispatch_uid=uid)
    post_delete.connect(_story_deleted, sender=Article, dispatch_uid=uid)
    for through in (Article.clubs.through, Article.players.through):
        m2m_changed.connect(_subjects_changed, sender=through, dispatch_uid=uid)
    for model in (Club, Player, ClubAlias):
        pre_save.connect(_names_saving, sender=model, dispatch_uid=uid)
        post_save.connect(_names_saved, sender=model, dispatch_uid=uid)
        pre_delete.connect(_names_deleting, sender=model, dispatch_uid=uid)
        post_delete.connect(_names_deleted, sender=model, dispatch_uid=uid)


def _story_saved(sender, instance, update_fields=None, **kwargs):
    # A save of other fields only (a status, a version) changes no document.
    if update_fields is None or _STORY_FIELDS & set(update_fields):
        refresh_search_documents([instance.pk])


def _story_deleted(sender, instance, **kwargs):
    refresh_search_documents([instance.pk])


def _subjects_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Refresh the stories whose clubs or players were added or removed.

    ``article.clubs.add()`` names the story (``instance``); ``club.articles``
    ``.add()`` names the stories in ``pk_set``, and ``club.articles.clear()``
    none at all, so those are read before the clear.
    """
    if action == "pre_clear" and reverse:
        instance._search_story_ids = list(
            sender.objects.filter(
                **{f"{instance._meta.model_name}_id": instance.pk}
            ).values_list("article_id", flat=True)
        )
    elif action == "post_clear":
        ids = (
            instance.__dict__.pop("_search_story_ids", []) if reverse else [instance.pk]
        )
        refresh_search_documents(ids)
    elif action in ("post_add", "post_remove") and pk_set:
        refresh_search_documents(pk_set if reverse else [instance.pk])


def _stories_about(instance, club_id=None):
    """Return the stories ``instance`` (a club, alias or player) is in."""
    if isinstance(instance, Player):
        return Article.objects.about_players([instance.pk])
    if isinstance(instance, ClubAlias):
        return Article.objects.about_clubs({instance.club_id, club_id} - {None})
    return Article.objects.about_clubs([instance.pk])


def _names_saving(sender, instance, update_fields=None, **kwargs):
    """Note on ``instance`` whether its save changes names stories show.

    A new club or player is in no story yet; a new alias is in its club's.
    """
    fields = _NAME_FIELDS[sender]
    instance._search_stored = None
    if instance._state.adding:
        if sender is ClubAlias:
            instance._search_stored = {"club_id": None}
    elif update_fields is None or set(fields) & set(update_fields):
        stored = sender._base_manager.filter(pk=instance.pk).values(*fields).first()
        if stored and any(stored[name] != getattr(instance, name) for name in fields):
            instance._search_stored = stored


def _names_saved(sender, instance, **kwargs):
    stored = instance.__dict__.pop("_search_stored", None)
    if stored is not None:
        stories = _stories_about(instance, club_id=stored.get("club_id"))
        refresh_search_documents(stories.values_list("pk", flat=True))


def _names_deleting(sender, instance, **kwargs):
    # The links to a deleted club or player go by cascade, without a signal.
    instance._search_story_ids = list(
        _stories_about(instance).values_list("pk", flat=True)
    )


def _names_deleted(sender, instance, **kwargs):
    refresh_search_documents(instance.__dict__.pop("_search_story_ids", []))


def _bulk_written(sender, article_ids, **kwargs):
    refresh_search_documents(article_ids)
