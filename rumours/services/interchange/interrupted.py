"""Clear away what a killed import left on disk (#18).

Its rows were never committed, so the database is as it was; the pictures it
stored before it died are named in its journal (``rumours/images/pending``).
"""

from rumours.images.pending import abandoned_journals
from rumours.images.renditions import delete_picture
from rumours.models import PICTURE_FIELDS, Article


def held_pictures(names):
    """Return those of ``names`` that a story, a club or a player holds."""
    held = set()
    for model, field in PICTURE_FIELDS:
        rows = model._base_manager.filter(**{f"{field}__in": names})
        held.update(rows.values_list(field, flat=True))
    return held


def recover_interrupted_imports():
    """Delete the pictures of imports that died uncommitted; return how many."""
    storage = Article._meta.get_field("hero_image").storage
    deleted = 0
    for journal, names in abandoned_journals():
        # Committed after all (killed between the commit and the journal's
        # removal): the rows hold these pictures, so they stay.
        held = held_pictures(names)
        for name in names:
            if name not in held and storage.exists(name):
                delete_picture(storage, name)
                deleted += 1
        journal.unlink(missing_ok=True)
    return deleted
