"""What makes the public cache stale: any change of a newsroom row.

Saves and many-to-many changes of every model of this app (so new ones are
covered without a line here; history tables, which no page shows, aside)
move the tags of the rows they touch (``dependencies``): a page about one
thing forgets itself when a row it showed changes, a list on any change.
Deletes, bulk writers (which send ``newsroom_bulk_written``) and byline
changes of users start a new generation: every cached view is stale.
"""

from simple_history.models import HistoricalChanges

from newsroom.cache import shared_cache_recovered

from ..models import Article, Attribution, Club, Player, Source, TransferClaim
from ..models.events import newsroom_bulk_written
from .dependencies import (
    APP_LABEL,
    CARD_FIELDS,
    RIPPLE_FIELDS,
    bump,
    card_tag,
    card_values,
    referenced_tags,
    references,
    stored_state,
    tag_of,
)
from .public import bump_generation, bump_generation_now_and_on_commit

STORED_STATE = "_public_cache_stored_state"
# Rows no page loads, whose change every page may show (a lapse window ends
# open claims everywhere): a save of one forgets every view.
FORGET_ALL_MODELS = {"rumours.lapsewindow"}


def content_changed(sender, **kwargs):
    """Signal receiver: a newsroom row changed; forget the views that show it."""
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    if is_byline_change(sender, kwargs):
        bump_generation_now_and_on_commit()
        return
    if sender._meta.app_label != APP_LABEL or is_history(sender):
        return
    tags = changed_tags(sender, kwargs)
    if tags is None:
        bump_generation_now_and_on_commit()
    else:
        bump(tags, cards=shows_on_cards(sender, kwargs, tags))


def shows_on_cards(sender, kwargs, tags):
    """Return whether a change may show on a list of story cards (the home page).

    Any change may, but a story saved with only its own tag moved: its card,
    what it points at and its links as they were (``changed_tags``).
    """
    return not (
        sender is Article
        and "action" not in kwargs
        and tags == {tag_of(Article, kwargs["instance"].pk)}
    )


def changed_tags(sender, kwargs):
    """Return the tags a change moves, or None when every view must go."""
    instance = kwargs.get("instance")
    if (
        instance is None
        or kwargs.get("signal_name") == "post_delete"
        or sender._meta.label_lower in FORGET_ALL_MODELS
    ):
        return None
    if "action" in kwargs:  # m2m_changed: both sides
        if kwargs["action"] == "post_clear":
            return None
        model = kwargs["model"]
        return {tag_of(type(instance), instance.pk)} | {
            tag_of(model, pk) for pk in kwargs.get("pk_set") or ()
        }
    tag = tag_of(sender, instance.pk)
    tags = {tag}
    stored = getattr(instance, STORED_STATE, None)
    created = kwargs.get("created") or stored is None
    moved = references(instance) != references(instance, stored)
    rippled = card_values(instance, fields=RIPPLE_FIELDS) != card_values(
        instance, stored, fields=RIPPLE_FIELDS
    )
    if created or moved or rippled:
        tags |= referenced_tags(instance) | referenced_tags(instance, stored or {})
    if sender._meta.label_lower in CARD_FIELDS and (
        created or card_values(instance) != card_values(instance, stored)
    ):
        tags |= {card_tag(tag)} | subjects_of(instance)
    return tags


def subjects_of(article):
    """Return the tags of the pages that list a story or its claims.

    Its clubs and players, and the sources of its claims and their relays:
    a story published or taken down appears on or leaves all of them.
    """
    clubs = Article.clubs.through.objects.filter(article_id=article.pk)
    players = Article.players.through.objects.filter(article_id=article.pk)
    claims = TransferClaim.objects.filter(article_id=article.pk)
    relays = Attribution.objects.filter(claim__article_id=article.pk)
    sources = {*claims.values_list("source_id", flat=True)}
    sources |= {*relays.values_list("source_id", flat=True)}
    return {
        *(tag_of(Club, pk) for pk in clubs.values_list("club_id", flat=True)),
        *(tag_of(Player, pk) for pk in players.values_list("player_id", flat=True)),
        *(tag_of(Source, pk) for pk in sources - {None}),
    }


def remember_stored_state(sender, instance, **kwargs):
    """Signal receiver (``pre_save``): note what the row held before."""
    if sender._meta.app_label == APP_LABEL and not is_history(sender):
        setattr(instance, STORED_STATE, stored_state(instance))


def is_history(model):
    """Return whether ``model`` is a history table, which no public page shows."""
    return issubclass(model, HistoricalChanges)


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
    pre_save.connect(remember_stored_state, dispatch_uid="public-cache-pre-save")
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
