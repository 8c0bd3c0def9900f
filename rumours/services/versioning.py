"""Optimistic locking: every editorial save moves a row's version on (#5).

A save from a form loaded at an older version is refused with a message
naming who changed which fields meanwhile (reliability check R19 in
docs/reliability.md). The database decides, so the rule holds for
concurrent saves too.
"""

from django.db.models import F

from ..models.history import acting_user, changes_since

STALE_SAVE = (
    "Not saved: {who} saved this {thing} while you were editing it{fields}. "
    "Reload the page to see their version, then make your changes again; "
    "both versions are kept in its history."
)


class VersionConflict(Exception):
    """A save from a form loaded before someone else's save (#5, R19)."""


def stale_message(instance, version):
    """Return what to tell an editor whose form was loaded at ``version``."""
    users, fields = changes_since(instance, version)
    return STALE_SAVE.format(
        who=" and ".join(users) or "someone else",
        thing=type(instance)._meta.verbose_name,
        fields=f" (changed: {', '.join(fields)})" if fields else "",
    )


def claim_version(*, instance, expected_version):
    """Move ``instance``'s stored version on by one, if it is still the expected one.

    One ``UPDATE ... WHERE version = expected``: the database decides, so of
    two concurrent saves from forms loaded at the same version exactly one
    goes ahead (on PostgreSQL the second waits for the first to commit, then
    matches no row). Raise VersionConflict otherwise. Call inside the
    transaction that then saves ``instance``.
    """
    model = type(instance)
    claimed = model._default_manager.filter(
        pk=instance.pk, version=expected_version
    ).update(version=F("version") + 1)
    if not claimed:
        raise VersionConflict(stale_message(instance, expected_version))
    instance.version = expected_version + 1


def save_step(instance, user, **changes):
    """Apply ``changes`` to the locked row of ``instance`` and save it, versioned.

    The row is read again under ``select_for_update()``, so a step never
    writes back fields an editor changed since ``instance`` was loaded. The
    caller's ``instance`` gets the new values too.
    """
    locked = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    for name, value in changes.items():
        setattr(locked, name, value)
    mark_changed(locked)
    with acting_user(user):
        locked.save()
    for name in (*changes, "version", "updated_at"):
        setattr(instance, name, getattr(locked, name))
    return instance


def is_versioned(model):
    """Return True if ``model``'s rows carry a version (stories, claims)."""
    return any(field.name == "version" for field in model._meta.concrete_fields)


def mark_changed(instance):
    """Move a stored row's version on: a form loaded before this write is stale.

    Writers that save without ``claim_version()`` (an import, a workflow
    step on a locked row) call it before they write.
    """
    if instance.pk is not None and is_versioned(type(instance)):
        instance.version += 1
