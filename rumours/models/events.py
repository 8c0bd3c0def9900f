"""Signals for writes that bypass the model signals.

Parts that keep a copy of newsroom rows (the public cache, the search
documents) listen to the model signals; a bulk writer (an import, the demo
generator) sends none of those, so it sends ``newsroom_bulk_written`` once
when it is done, and the listeners catch up. The writers never import the
listeners.
"""

from django.dispatch import Signal

# Sent with ``article_ids``: the stories whose text, subjects or subjects'
# names the write may have changed (an iterable of ids).
newsroom_bulk_written = Signal()

# Sent with ``tombstones``: the rows a takedown recorded in one bulk write,
# so that partners' webhooks announce each withdrawn claim (#17).
tombstones_recorded = Signal()
