"""The newsroom interchange format: one JSON document holds a whole newsroom.

docs/interchange.md is the specification. ``import_newsroom`` checks a whole
document before writing anything, then writes it in one transaction;
``export_newsroom`` writes the same format deterministically, so export,
import into an empty database and export again give the same text.

Modules: ``fields`` (the format's fields), ``reading`` (the values of one
object), ``items`` (each kind of item), ``directory`` (references by name),
``plan`` (checking a whole document), ``importing`` (writing it) and
``exporting``.
"""

from .errors import NewsroomImportError
from .exporting import dump_newsroom, export_newsroom
from .fields import FORMAT, VERSION
from .importing import import_newsroom, summarise_counts
from .reading import load_newsroom_file

__all__ = [
    "FORMAT",
    "VERSION",
    "NewsroomImportError",
    "dump_newsroom",
    "export_newsroom",
    "import_newsroom",
    "load_newsroom_file",
    "summarise_counts",
]
