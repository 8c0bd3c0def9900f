"""The editors' face: the Django admin of every newsroom model.

One module per model family registers its admin classes; ``workflow`` holds
the editorial steps and role rules, ``forms`` the versioned forms,
``dashboard`` the desk dashboard on the admin's index page (the site itself
is ``rumours.apps.NewsroomAdminSite``).
"""

from . import (  # noqa: F401
    articles,
    claims,
    club_roles,
    football,
    lapses,
    sources,
    squad_notes,
    tombstones,
    webhooks,
)
