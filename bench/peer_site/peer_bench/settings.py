"""Settings of the Wagtail peer (bench/peer.py), DEBUG off.

The stock production settings of ``wagtail start`` (its middleware, SQLite
database and templates), plus what the benchmark compares: the story pages
(``news``), Wagtail's API v2 and whitenoise serving static files, as Wagtail's
deployment guide suggests.
"""

from peersite.settings.production import *  # noqa: F403 - the stock settings, whole
from peersite.settings.production import INSTALLED_APPS, MIDDLEWARE, STORAGES

# Not a secret: the peer serves generated pages on 127.0.0.1 for the bench.
SECRET_KEY = "peer-benchmark-only-" + "x" * 40
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["news", *INSTALLED_APPS, "wagtail.api.v2", "rest_framework"]
MIDDLEWARE = [
    MIDDLEWARE[0],  # SecurityMiddleware, then whitenoise as its guide says
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]
STORAGES = {
    **STORAGES,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
ROOT_URLCONF = "peer_bench.urls"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
WAGTAILAPI_BASE_URL = "http://127.0.0.1"
