"""WSGI entry point for Transfer Desk.

Django's application behind the edge of the public cache (#19): fresh
cached pages and partner answers are served before Django's handler runs,
everything else by Django (``rumours.cache.edge``, ``docs/deploy.md``).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()

from rumours.api.caching import partner_hit  # noqa: E402 (needs the apps loaded)
from rumours.cache.edge import EdgeCache, page_hit  # noqa: E402

application = EdgeCache(application, doors=[partner_hit, page_hit])
