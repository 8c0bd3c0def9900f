"""What makes the public cache stale: any change of a newsroom row.

Saves, deletes and many-to-many changes of every model of this app (so new
ones are covered without a line here) and byline changes of users send
model signals; bulk writers send ``newsroom_bulk_written`` instead.
"""

from newsroom.cache import shared_cache_recovered

from ..models.events import newsroom_bulk_written
from .public import bump_generation, bump_generation_now_and_on_commit


def content_changed(sender, **kwargs):
    """Signal receiver: a newsroom row changed, so every cached view is stale."""
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    if sender._meta.app_label == "rumours" or is_byline_change(sender, kwargs):
        bump_generation_now_and_on_commit()


def is_byline_change(sender, kwargs):
    """Return whether a user's save may change a byline (not just a login)."""
    from django.contrib.auth import get_user_model

    if sender is not get_user_model():
        return False
    update_fields = kwargs.get("update_fields")
    return not (update_fields and set(update_fields) <= {"last_login"})


def connect_signals():
    """Bump the generation on every change of a newsroom model (apps.ready)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for name, signal in [
        ("post_save", post_save),
        ("post_delete", post_delete),
        ("m2m_changed", m2m_changed),
    ]:
        signal.connect(content_changed, dispatch_uid=f"public-cache-{name}")
    newsroom_bulk_written.connect(bulk_written, dispatch_uid="public-cache-bulk")
    shared_cache_recovered.connect(
        shared_cache_back, dispatch_uid="public-cache-recovered"
    )


def shared_cache_back(sender, **kwargs):
    """Signal receiver: Redis is back; pages it kept may predate outage saves."""
    bump_generation()


def bulk_written(sender, **kwargs):
    """Signal receiver: a bulk write changed newsroom rows without model signals."""
    bump_generation_now_and_on_commit()
