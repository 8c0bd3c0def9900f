"""Signals for writes that bypass the model signals.

Parts that keep a copy of newsroom rows (the public cache, the search
documents) listen to the model signals; a bulk writer (an import, the demo
generator) sends none of those, so it sends ``newsroom_bulk_written`` once
when it is done, and the listeners catch up. The writers never import the
listeners.
"""

from django.db import connections
from django.dispatch import Signal

# Sent with ``article_ids``: the stories whose text, subjects or subjects'
# names the write may have changed (an iterable of ids).
newsroom_bulk_written = Signal()

# Sent with ``tombstones``: the rows a takedown recorded in one bulk write,
# so that partners' webhooks announce each withdrawn claim (#17).
tombstones_recorded = Signal()


def counted_again_after_migrate(model, refresh):
    """Return a ``post_migrate`` receiver: ``refresh()`` once ``model`` has a table.

    Derived rows (the market standings, the sources' records) are counted
    again after ``migrate`` and ``flush``: a database migrated before they
    were kept gets them there.
    """

    def migrated(sender, app_config=None, using="default", **kwargs):
        if app_config is None or app_config.label != model._meta.app_label:
            return
        if model._meta.db_table in connections[using].introspection.table_names():
            refresh()

    return migrated
