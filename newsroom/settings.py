"""Settings for Transfer Desk: one module, driven by environment variables.

Every variable is listed in README.md ("Settings"). Development defaults
(SQLite in the checkout, local-memory cache, DEBUG on) need no configuration;
``DJANGO_ENV=production`` makes the secure choices mandatory.
"""

import datetime as dt
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
IS_PRODUCTION = DJANGO_ENV == "production"

DEBUG = env.bool("DEBUG", default=not IS_PRODUCTION)

if IS_PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")
else:
    SECRET_KEY = env.str(
        "SECRET_KEY", default="django-insecure-transfer-desk-development-only"
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    # The stock admin with the desk dashboard as its index (#5).
    "rumours.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "django_filters",
    "rest_framework_api_key",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "simple_history",
    # Counts failed sign-ins per account and per address (#18).
    "axes",
    # Django 6's task framework, backported: webhook deliveries go through a
    # queue in the database a worker (manage.py db_worker) empties (#17).
    "django_tasks",
    "django_tasks_db",
    "rumours",
]

MIDDLEWARE = [
    # What the edge in front of Django learnt before handing the request on
    # (rumours/cache/edge.py): its cache lookup and the throttle's count.
    "rumours.cache.edge.HandOverMiddleware",
    # Then: a partner's GET answered from the public cache once its key
    # is checked and the request counted (#19), before any of the below; it
    # keeps API bodies with every header the middlewares below gave them.
    "rumours.api.caching.PartnerCacheMiddleware",
    # Then: a cached anonymous page is served as it was stored, with the
    # charset, security and CSP headers the middlewares below gave it, and
    # without touching sessions. A plain-HTTP request is never a hit: the key
    # holds the scheme, and only 200s are stored, never the HTTPS redirect.
    "rumours.cache.middleware.PublicCacheMiddleware",
    "newsroom.middleware.Utf8CharsetMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything reads the database with the path or the parameters.
    "newsroom.middleware.RefuseNullCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who made each change in the history tables (#5).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: answers a locked-out sign-in.
    "axes.middleware.AxesMiddleware",
]

# Password guessing (#18): after LOGIN_FAILURE_LIMIT failed sign-ins for one
# account, or from one address, further attempts are refused for
# LOGIN_LOCKOUT_MINUTES without checking the password (so a flood costs no
# password hashing), with the same page whether or not the account exists.
# A success resets the account's count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.lockout.locked_out"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# The address counted is the connection's, unless a proxy we run says whose
# it is: nginx sets X-Real-IP (deploy/nginx.conf); a client cannot, since
# only requests through that proxy reach the app servers.
AXES_IPWARE_META_PRECEDENCE_ORDER = [
    name for name in (env.str("CLIENT_IP_HEADER", default=""), "REMOTE_ADDR") if name
]

# Staff sessions end after a working day without a request (readers have none).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_HOURS", default=10) * 3600
SESSION_SAVE_EVERY_REQUEST = True

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # The few template bodies that loop over many rows (``*.jinja``,
        # included from Django templates by ``{% include_jinja %}``, #19).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {"environment": "rumours.reader.jinja.environment"},
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

# SQLite file in the checkout unless DATABASE_URL says otherwise
# (postgres://user:password@host:5432/name in production).
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    ),
}
# Each gunicorn worker keeps its connection for a minute, checked before
# reuse: a new PostgreSQL connection per request costs more than the API's
# queries (bench/README.md).
DATABASES["default"]["CONN_MAX_AGE"] = env.int(
    "CONN_MAX_AGE", default=60 if IS_PRODUCTION else 0
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Readers go on while the desk saves (#19, deadline day): with write-ahead
    # logging a read sees the last commit instead of waiting for the writer.
    # IMMEDIATE takes the write lock at BEGIN, so two transactions that read
    # and then write wait their turn (the busy timeout) instead of one failing
    # with "database is locked" when it upgrades.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL;", transaction_mode="IMMEDIATE"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is the optional shared cache; local memory otherwise.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # An accelerator, never a reason to fail (#18): errors are misses.
            "BACKEND": "newsroom.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default=""),
        }
    }
    # Stateless app servers (#6): sessions read from the shared cache and
    # kept in the database, so a Redis restart logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Room for the public cache's row numbers (rumours/cache/dependencies.py):
    # a page about one thing holds a few hundred; Django's default keeps 300.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Mail (#14): editors hear of stories submitted for review. The console
# backend prints messages in development; production sends through SMTP.
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend"
    if IS_PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Transfer Desk <desk@localhost>"
)

# The site's address as partners reach it: links in webhook events (#17).
PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default="http://127.0.0.1:8000")
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["webhooks"]}
}
# Partners' webhooks (#17): each delivery is tried this many times, waiting
# WEBHOOK_RETRY_SECONDS, then twice that, and so on, between attempts.
WEBHOOK_ATTEMPTS = env.int("WEBHOOK_ATTEMPTS", default=6)
WEBHOOK_RETRY_SECONDS = env.float("WEBHOOK_RETRY_SECONDS", default=30)
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=5)
# Deliveries to private and loopback addresses are refused in production
# (server-side request forgery); development and tests deliver to localhost.
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env.bool(
    "WEBHOOK_ALLOW_PRIVATE_ADDRESSES", default=not IS_PRODUCTION
)

# Anonymous public pages, feeds, sitemaps and API bodies are cached this many
# seconds (rumours/cache/public.py); 0 turns the cache off.
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=60)
# ... and kept this much longer, to answer with while the database is down.
PUBLIC_CACHE_STALE_SECONDS = env.int("PUBLIC_CACHE_STALE_SECONDS", default=6 * 3600)

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]

# Read at start-up: development and tests serve static files from the finders
# with no collectstatic (and no "No directory at" warning for STATIC_ROOT).
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG

MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Journals of pictures stored by imports not yet committed (#18): outside
# MEDIA_ROOT, which the web server publishes. One folder per host.
PENDING_PICTURES_DIR = env.path(
    "PENDING_PICTURES_DIR", default=BASE_DIR / "var" / "pending-pictures"
)

# Media go through STORAGES["default"]: the local disk by default (shared
# storage such as NFS when several app servers run), or an S3-compatible
# bucket through django-storages (docs/deploy.md).
MEDIA_STORAGE_BACKEND = env.str(
    "MEDIA_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
)
MEDIA_STORAGE_OPTIONS = env.json("MEDIA_STORAGE_OPTIONS", default={})
STORAGES = {
    "default": {"BACKEND": MEDIA_STORAGE_BACKEND, "OPTIONS": MEDIA_STORAGE_OPTIONS},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Uploads: hero images are refused above these limits (see rumours/images/uploads.py).
HERO_IMAGE_MAX_BYTES = env.int("HERO_IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
HERO_IMAGE_MAX_PIXELS = env.int("HERO_IMAGE_MAX_PIXELS", default=40_000_000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# The partner API (#4): keyed, throttled per key, cursor-paginated, read-only.
# Authentication, permissions and throttles are set on the API's views
# themselves (rumours/api/views.py), so nothing else DRF serves inherits them.
API_PARTNER_RATE = env.str("API_PARTNER_RATE", default="600/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rumours.api.pagination.PartnerCursorPagination",
    "DEFAULT_THROTTLE_RATES": {"partner": API_PARTNER_RATE},
    "DEFAULT_SCHEMA_CLASS": "rumours.api.schema.PartnerAutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Transfer Desk partner API",
    "DESCRIPTION": (
        "Published transfer stories, claims, players, clubs, sources and "
        "competitions. Send your key in the header "
        "`Authorization: Api-Key <key>`; a key in the query string is ignored. "
        "New here? [Getting started](/api/v1/start/): your key, a first call, "
        "paging, syncing and caching."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "PositionEnum": "rumours.models.football.Position",
        # Two fields named "kind": name both sets (check --deploy warns, #6).
        "SourceKindEnum": "rumours.models.sources.SourceKind",
        "ChangeKindEnum": "rumours.models.sync.TombstoneKind",
        "SquadNoteKindEnum": "rumours.models.squad_notes.SquadNoteKind",
        # A claim's stage, also the "kind" of a source's record by kind (#15).
        "ClaimTypeEnum": "rumours.models.claim_terms.ClaimType",
    },
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "rumours.api.schema.exact_query_parameters",
    ],
}

# Security headers and cookies (#6). Every response carries the CSP,
# nosniff, Referrer-Policy and Cross-Origin-Opener-Policy; production adds
# HTTPS-only cookies, HSTS and the redirect to HTTPS.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=IS_PRODUCTION)
# The load balancer's health check speaks plain HTTP to the app servers.
SECURE_REDIRECT_EXEMPT = [r"^healthz(/live|/ready)?$"]
# Behind a TLS-terminating load balancer that sets the header (and strips it
# from clients): SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO.
if PROXY_SSL_HEADER := env.str("SECURE_PROXY_SSL_HEADER", default=""):
    SECURE_PROXY_SSL_HEADER = (PROXY_SSL_HEADER, "https")
SECURE_HSTS_SECONDS = env.int(
    "SECURE_HSTS_SECONDS", default=365 * 24 * 3600 if IS_PRODUCTION else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=IS_PRODUCTION
)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=IS_PRODUCTION)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=IS_PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# django-csp 4: no inline script anywhere (the admin and the Swagger UI page
# load theirs as files); images may also come from the media bucket's origin
# (CSP_MEDIA_ORIGINS=https://media.example.com when media live in S3).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *env.list("CSP_MEDIA_ORIGINS", default=[])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
