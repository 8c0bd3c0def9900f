"""Who changed a row, and what they changed: reading the history tables (#5).

Every change to stories, claims, corrections, sources, clubs and players is
recorded by django-simple-history. In a request ``HistoryRequestMiddleware``
names the user; outside one (a management command, a script) wrap the work
in ``acting_user(user)``.
"""

from contextlib import contextmanager
from types import SimpleNamespace

from simple_history.models import HistoricalRecords

# Fields that change on every save and say nothing an editor needs to know.
UNTOLD_FIELDS = ("updated_at", "version", "created_at", "body_html")


@contextmanager
def acting_user(user):
    """Record ``user`` as the author of every history row written inside.

    Does nothing when ``user`` is None or a request already names the user.
    """
    context = HistoricalRecords.context
    if user is None or getattr(context, "request", None) is not None:
        yield
        return
    context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        del context.request


def user_label(user):
    if user is None:
        return "someone"
    return user.get_full_name() or user.get_username()


def changes_since(instance, version):
    """Return ``(users, field labels)`` changed in ``instance`` after ``version``.

    Compare the newest history row with the newest one at ``version`` (the
    state an editor's form was loaded from). Two queries.
    """
    model = type(instance)
    rows = list(
        model.history.filter(id=instance.pk, version__gte=version)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    loaded = [row for row in rows if row.version == version]
    later = [row for row in rows if row.version > version]
    users = []
    for row in later:
        label = user_label(row.history_user)
        if label not in users:
            users.append(label)
    if not loaded or not later:
        return users, []
    delta = later[-1].diff_against(loaded[-1], excluded_fields=UNTOLD_FIELDS)
    labels = [
        str(model._meta.get_field(change.field).verbose_name)
        for change in delta.changes
    ]
    return users, labels
