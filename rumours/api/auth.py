"""Partner keys: ``Authorization: Api-Key <key>``, stored hashed (#4).

djangorestframework-api-key stores and checks the keys; it ships only a
permission class, so this module turns a key into DRF's ``request.auth`` and
tells the partner, in a JSON ``detail``, what is wrong and how to fix it.
A key anywhere else (the query string, a cookie) is never read.

The key's row (its hash, never the key) is kept in the shared cache (#6), so
that an answer from the public cache opens no database connection, which
would cost more than the rest of the answer (``bench/README.md``). Every save or
delete of a key rewrites its cached row, on every app server at once, so a
revoked key is refused from the next request on. ``QuerySet.update()`` sends
no signal: revoke keys with ``save()`` (the admin does), or the old row may
be served for up to ``KEY_CACHE_SECONDS``.
"""

from functools import partial

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from rest_framework import authentication, exceptions, permissions
from rest_framework_api_key.models import APIKey
from rest_framework_api_key.permissions import KeyParser

KEYWORD = "Api-Key"

MESSAGE_MISSING = (
    "Send your partner key in the Authorization header: Authorization: Api-Key <key>."
)
MESSAGE_MALFORMED = (
    "The Authorization header must read “Api-Key <key>”, "
    "the key being the one you were given (prefix.secret)."
)
MESSAGE_INVALID = "This API key is not valid. Check it, or ask the desk for a new one."
MESSAGE_REVOKED = "This API key has been revoked. Ask the desk for a new one."
MESSAGE_EXPIRED = "This API key has expired. Ask the desk for a new one."

KEY_CACHE = "api-key:{prefix}"
# Only a backstop for writes that send no signal; saves and deletes rewrite
# the entry themselves.
KEY_CACHE_SECONDS = 60
# A key row as cached: {field: value}; {} once the key is deleted.
KEY_FIELDS = [field.attname for field in APIKey._meta.concrete_fields]
NO_KEY = {}
PREFIX_LENGTH = APIKey._meta.get_field("prefix").max_length


def key_row(prefix):
    """Return the ``APIKey`` with ``prefix``, or None; no query when cached.

    One cache round trip, and one query the first time a key is used in
    ``KEY_CACHE_SECONDS``. An unknown prefix is not cached, so a stream of
    made-up keys cannot fill the cache.
    """
    cache_key = KEY_CACHE.format(prefix=prefix)
    entry = cache.get(cache_key)
    if entry is None:
        api_key = APIKey.objects.filter(prefix=prefix).first()
        if api_key is None:
            return None
        # add(), not set(): a save committed since this read has written the
        # newer row already, and this older one must not replace it.
        cache.add(cache_key, key_entry(api_key), KEY_CACHE_SECONDS)
        return api_key
    return key_from_entry(entry)


def key_from_entry(entry):
    """Return the ``APIKey`` a cached row holds, or None for a deleted key."""
    if entry == NO_KEY:
        return None
    return APIKey.from_db(APIKey.objects.db, list(entry), list(entry.values()))


def key_entry(api_key):
    if api_key is None:
        return NO_KEY
    return {name: getattr(api_key, name) for name in KEY_FIELDS}


def recache_key(prefix):
    """Write the committed row of ``prefix`` (or its absence) to the cache.

    ``set()``, so that it replaces whatever a request read before the commit.
    """
    api_key = APIKey.objects.filter(prefix=prefix).first()
    cache.set(KEY_CACHE.format(prefix=prefix), key_entry(api_key), KEY_CACHE_SECONDS)


def key_changed(sender, instance, **kwargs):
    """Signal receiver: a key was saved or deleted; forget its cached row.

    At once, so that the next request reads the database, and again when the
    transaction commits, with the committed row: a request that read the
    row before the commit cannot put the old one back.
    """
    cache.delete(KEY_CACHE.format(prefix=instance.prefix))
    transaction.on_commit(partial(recache_key, instance.prefix))


def connect_signals():
    """Rewrite a key's cached row whenever the key is saved or deleted.

    Called from ``RumoursConfig.ready()``, so a key revoked from the admin, a
    shell or a command is seen in every process.
    """
    post_save.connect(key_changed, sender=APIKey, dispatch_uid="api-key-saved")
    post_delete.connect(key_changed, sender=APIKey, dispatch_uid="api-key-deleted")


def presented_key(request):
    """Return ``(key, prefix)`` from the Authorization header, or None without one.

    Raise DRF's ``AuthenticationFailed`` for a header that cannot hold a key
    the desk gave out. Takes Django's request or DRF's.
    """
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header:
        return None
    key = KEY_PARSER.get_from_authorization(request)
    if key is None:
        # Another scheme (Bearer, Basic...) or a bare key.
        raise exceptions.AuthenticationFailed(MESSAGE_MALFORMED)
    key = key.strip()
    prefix, dot, secret = key.partition(".")
    if not dot or not prefix or not secret:
        raise exceptions.AuthenticationFailed(MESSAGE_MALFORMED)
    if len(prefix) > PREFIX_LENGTH or not (prefix.isascii() and prefix.isalnum()):
        # No key the desk gives out looks like this; nor can it name a
        # cache entry.
        raise exceptions.AuthenticationFailed(MESSAGE_INVALID)
    return key, prefix


def checked_key(api_key, key):
    """Return ``api_key`` if ``key`` is its valid, unrevoked, unexpired secret.

    Raise ``AuthenticationFailed`` (401) for a wrong key, ``PermissionDenied``
    (403) for a revoked or expired one.
    """
    if api_key is None or not api_key.is_valid(key):
        raise exceptions.AuthenticationFailed(MESSAGE_INVALID)
    if api_key.revoked:
        raise exceptions.PermissionDenied(MESSAGE_REVOKED)
    if api_key.has_expired:
        raise exceptions.PermissionDenied(MESSAGE_EXPIRED)
    return api_key


KEY_PARSER = KeyParser()


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """Authenticate a partner by the key in the Authorization header.

    The key row by its public prefix, from the shared cache or one query;
    the secret is then compared with the stored hash. A wrong or malformed
    key answers 401, a revoked or expired one 403.
    """

    def authenticate(self, request):
        presented = presented_key(request)
        if presented is None:
            return None
        key, prefix = presented
        return AnonymousUser(), checked_key(key_row(prefix), key)

    def authenticate_header(self, request):
        # Makes DRF answer 401 (with WWW-Authenticate) rather than 403.
        return KEYWORD


class HasPartnerKey(permissions.BasePermission):
    """Let through requests that a valid partner key authenticated."""

    message = MESSAGE_MISSING

    def has_permission(self, request, view):
        return isinstance(request.auth, APIKey)
