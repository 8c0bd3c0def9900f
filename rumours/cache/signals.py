"""What makes the public cache stale: any change of a newsroom row.

Saves and many-to-many changes of every model of this app (so new ones are
covered without a line here) move the tags of the rows they touch
(``dependencies``): a page about one thing forgets itself when a row it
showed changes, a list on any change. Deletes, bulk writers (which send
``newsroom_bulk_written``) and byline changes of users start a new
generation: every cached view is stale.
"""

from newsroom.cache import shared_cache_recovered

from ..models import Article, Club, Player
from ..models.events import newsroom_bulk_written
from .dependencies import (
    APP_LABEL,
    bump,
    referenced_tags,
    row_loaded,
    stored_references,
    tag_of,
)
from .public import bump_generation, bump_generation_now_and_on_commit

STORED_REFERENCES = "_public_cache_stored_references"


def content_changed(sender, **kwargs):
    """Signal receiver: a newsroom row changed; forget the views that show it."""
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    if is_byline_change(sender, kwargs):
        bump_generation_now_and_on_commit()
        return
    if sender._meta.app_label != APP_LABEL:
        return
    tags = changed_tags(sender, kwargs)
    if tags is None:
        bump_generation_now_and_on_commit()
    else:
        bump(tags)


def changed_tags(sender, kwargs):
    """Return the tags a change moves, or None when every view must go."""
    instance = kwargs.get("instance")
    if instance is None or kwargs.get("signal_name") == "post_delete":
        return None
    if "action" in kwargs:  # m2m_changed: both sides
        if kwargs["action"] == "post_clear":
            return None
        model = kwargs["model"]
        return {tag_of(type(instance), instance.pk)} | {
            tag_of(model, pk) for pk in kwargs.get("pk_set") or ()
        }
    tags = {tag_of(sender, instance.pk)} | referenced_tags(instance)
    before = getattr(instance, STORED_REFERENCES, None)
    if before:
        tags |= referenced_tags(instance, before)
    if isinstance(instance, Article):
        tags |= subjects_of(instance)
    return tags


def subjects_of(article):
    """Return the tags of the clubs and players of a story: their pages list it."""
    clubs = Article.clubs.through.objects.filter(article_id=article.pk)
    players = Article.players.through.objects.filter(article_id=article.pk)
    return {
        *(tag_of(Club, pk) for pk in clubs.values_list("club_id", flat=True)),
        *(tag_of(Player, pk) for pk in players.values_list("player_id", flat=True)),
    }


def remember_stored_references(sender, instance, **kwargs):
    """Signal receiver (``pre_save``): note what the row pointed at before."""
    if sender._meta.app_label == APP_LABEL:
        setattr(instance, STORED_REFERENCES, stored_references(instance))


def is_byline_change(sender, kwargs):
    """Return whether a user's save may change a byline (not just a login)."""
    from django.contrib.auth import get_user_model

    if sender is not get_user_model() or "action" in kwargs:
        return False
    update_fields = kwargs.get("update_fields")
    return not (update_fields and set(update_fields) <= {"last_login"})


def connect_signals():
    """Forget cached views on every change of a newsroom model (apps.ready)."""
    from django.db.models.signals import (
        m2m_changed,
        post_delete,
        post_init,
        post_save,
        pre_save,
    )

    for name, signal in [
        ("post_save", post_save),
        ("post_delete", post_delete),
        ("m2m_changed", m2m_changed),
    ]:
        signal.connect(
            named(content_changed, name),
            dispatch_uid=f"public-cache-{name}",
            weak=False,
        )
    pre_save.connect(remember_stored_references, dispatch_uid="public-cache-pre-save")
    post_init.connect(row_loaded, dispatch_uid="public-cache-rows-loaded")
    newsroom_bulk_written.connect(bulk_written, dispatch_uid="public-cache-bulk")
    shared_cache_recovered.connect(
        shared_cache_back, dispatch_uid="public-cache-recovered"
    )


def named(receiver, signal_name):
    """Return ``receiver`` told which signal called it (a delete forgets all)."""

    def receive(sender, **kwargs):
        return receiver(sender, signal_name=signal_name, **kwargs)

    return receive


def shared_cache_back(sender, **kwargs):
    """Signal receiver: Redis is back; pages it kept may predate outage saves."""
    bump_generation()


def bulk_written(sender, **kwargs):
    """Signal receiver: a bulk write changed newsroom rows without model signals."""
    bump_generation_now_and_on_commit()
