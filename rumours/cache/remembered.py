"""The row keys each cached page depended on, remembered per process (#19).

``public.lookup_slot`` fetches them with the page's entry, so a page about
one thing is usually checked in one round trip to the shared cache.
"""

from .dependencies import tag_keys


class RememberedTags:
    """The row keys each entry depended on when this process last read it.

    A page about one thing is fresh while none of its rows has moved: their
    numbers took a second round trip. An entry's rows change only when it is
    rendered again, so the keys read last time are fetched with the entry
    the next time; when the entry's rows are no longer the ones remembered,
    the second trip is made and the new keys kept. Bounded: forgotten all at
    once when full.
    """

    NOTHING = (None, ())

    def __init__(self, size):
        self.size = size
        self.keys = {}

    def get(self, key):
        """Return the keys remembered for ``key``, in the order to fetch them."""
        return self.keys.get(key, self.NOTHING)[1]

    def holds(self, key, tags):
        """Return whether the keys remembered for ``key`` are those of ``tags``.

        ``tags`` as an entry keeps them (``dependencies.packed``).
        """
        return self.keys.get(key, self.NOTHING)[0] == tags

    def remember(self, key, tags):
        if len(self.keys) >= self.size:
            self.keys.clear()
        self.keys[key] = (tags, tag_keys(tags))


remembered_tags = RememberedTags(10_000)
