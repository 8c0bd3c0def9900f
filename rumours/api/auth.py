"""Partner keys: ``Authorization: Api-Key <key>``, stored hashed (#4).

djangorestframework-api-key stores and checks the keys; it ships only a
permission class, so this module turns a key into DRF's ``request.auth`` and
tells the partner, in a JSON ``detail``, what is wrong and how to fix it.
A key anywhere else (the query string, a cookie) is never read.
"""

from django.contrib.auth.models import AnonymousUser
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


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """Authenticate a partner by the key in the Authorization header.

    One query: the key row by its public prefix; the secret is then compared
    with the stored hash. A wrong or malformed key answers 401, a revoked or
    expired one 403.
    """

    key_parser = KeyParser()

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        key = self.key_parser.get_from_authorization(request)
        if key is None:
            # Another scheme (Bearer, Basic...) or a bare key.
            raise exceptions.AuthenticationFailed(MESSAGE_MALFORMED)
        prefix, dot, secret = key.strip().partition(".")
        if not dot or not prefix or not secret:
            raise exceptions.AuthenticationFailed(MESSAGE_MALFORMED)
        api_key = APIKey.objects.filter(prefix=prefix).first()
        if api_key is None or not api_key.is_valid(key.strip()):
            raise exceptions.AuthenticationFailed(MESSAGE_INVALID)
        if api_key.revoked:
            raise exceptions.PermissionDenied(MESSAGE_REVOKED)
        if api_key.has_expired:
            raise exceptions.PermissionDenied(MESSAGE_EXPIRED)
        return AnonymousUser(), api_key

    def authenticate_header(self, request):
        # Makes DRF answer 401 (with WWW-Authenticate) rather than 403.
        return KEYWORD


class HasPartnerKey(permissions.BasePermission):
    """Let through requests that a valid partner key authenticated."""

    message = MESSAGE_MISSING

    def has_permission(self, request, view):
        return isinstance(request.auth, APIKey)
