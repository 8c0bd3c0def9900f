"""``Entry``: one item of a newsroom document as the readers leave it."""

from dataclasses import dataclass, field


@dataclass
class Entry:
    """One item of the document, read: where it is, its key, what to store."""

    path: str
    key: object
    values: dict  # model field → value
    refs: dict = field(default_factory=dict)  # foreign key → Ref, or None for null
    extra: dict = field(default_factory=dict)  # aliases, author, image, claims...
