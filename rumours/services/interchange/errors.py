"""How the interchange reports problems: one line each, path first."""

import re

from .fields import DOCUMENT_FIELDS

INDEX = re.compile(r"\[(\d+)\]")


class NewsroomImportError(Exception):
    """A newsroom file that cannot be imported; nothing of it was stored.

    ``errors`` holds every problem found, one a line, each starting with the
    path of the item and field (``articles[0].claims[2].claim_type: ...``).
    """

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join([self.summary, *self.errors]))

    @property
    def summary(self):
        count = len(self.errors)
        return f"Nothing was imported: {count} problem{'' if count == 1 else 's'}."


class Problems(list):
    """The problems found so far, as ``"path: what is wrong"`` lines."""

    def add(self, path, message):
        self.append(f"{path}: {message}")

    def raise_if_any(self):
        """Raise NewsroomImportError with the problems in the order of the file."""
        if self:
            raise NewsroomImportError(sorted(self, key=document_order))


def document_order(line):
    """Return a sort key putting ``line`` where its path is in the document.

    Lists come in the document's order, items by index; problems of one
    item keep the order they were found in (the sort is stable).
    """
    path = line.split(": ", 1)[0]
    head = re.split(r"[.\[]", path, maxsplit=1)[0]
    rank = DOCUMENT_FIELDS.index(head) if head in DOCUMENT_FIELDS else -1
    return (rank, *map(int, INDEX.findall(path)))


def describe(value):
    """Return how a JSON value reads in a message: ``'Spurs'``, ``42``, ``null``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return repr(value)
