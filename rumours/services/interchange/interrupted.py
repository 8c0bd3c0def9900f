"""Clear away what a killed import left on disk (#18).

Its rows were never committed, so the database is as it was; the pictures it
stored before it died are named in its journal (``rumours/images/pending``).
"""

from rumours.images.pending import abandoned_journals
from rumours.images.renditions import delete_picture
from rumours.models import Article


def recover_interrupted_imports():
    """Delete the pictures of imports that died uncommitted; return how many."""
    storage = Article._meta.get_field("hero_image").storage
    deleted = 0
    for journal, names in abandoned_journals():
        # Committed after all (killed between the commit and the journal's
        # removal): the stories hold these pictures, so they stay.
        held = set(
            Article._base_manager.filter(hero_image__in=names).values_list(
                "hero_image", flat=True
            )
        )
        for name in names:
            if name not in held and storage.exists(name):
                delete_picture(storage, name)
                deleted += 1
        journal.unlink(missing_ok=True)
    return deleted
