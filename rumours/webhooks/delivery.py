"""One attempt to deliver an event: sign it, POST it, log it, plan the next.

Signed per the Standard Webhooks specification with the subscription's
secret (``webhook-id``, ``webhook-timestamp``, ``webhook-signature``); the
id is the event's, the same on every attempt, so a partner can process an
event once however often it arrives. A 2xx ends the delivery; anything else
(another status, a timeout, a refused connection) is retried after
``WEBHOOK_RETRY_SECONDS``, doubling each time, up to ``WEBHOOK_ATTEMPTS``.
Addresses that resolve to private, loopback or link-local networks are
refused unless ``WEBHOOK_ALLOW_PRIVATE_ADDRESSES`` (development and tests),
and checked again as the connection is made, against the very address it
is made to: a name that resolved to a public address for the check could
answer with a private one a moment later (DNS rebinding).
"""

import datetime as dt
import http.client
import ipaddress
import json
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from standardwebhooks import Webhook

from ..models import WebhookAttempt, WebhookDelivery

RESPONSE_KEPT = 2000  # characters of a partner's answer kept in the log
USER_AGENT = "TransferDesk-Webhooks/1"


class Refused(Exception):
    """An address the newsroom will not send to."""


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """Treat a redirect as the partner's answer (a failed attempt).

    Following it would send the event to an address nobody registered or
    checked, perhaps inside our own network.
    """

    def redirect_request(self, *args, **kwargs):
        return None


def connect_checked(
    address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None, **kwargs
):
    """``socket.create_connection``, to an address checked as it is connected to.

    The name is resolved once, here: every address it gives is checked
    (``checked_addresses``) and the connection made to one of them, each
    an IP literal that needs no second lookup, so none can put another
    address between the check and the connection. HTTPS still verifies the
    certificate against the name.
    """
    host, port = address
    error = None
    for *_, socket_address in checked_addresses(host, port):
        try:
            return socket.create_connection(socket_address[:2], timeout, source_address)
        except OSError as problem:
            error = problem
    raise error or OSError(f"{host} gave no address to connect to")


class CheckedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = connect_checked


class CheckedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = connect_checked


class CheckedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, request):
        return self.do_open(CheckedHTTPConnection, request)


class CheckedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, request):
        return self.do_open(
            CheckedHTTPSConnection,
            request,
            context=self._context,
            check_hostname=self._check_hostname,
        )


OPENER = urllib.request.build_opener(
    NoRedirects, CheckedHTTPHandler, CheckedHTTPSHandler
)


def attempt(delivery_id, number):
    """Make attempt ``number`` of a delivery; return when to try again, or None."""
    delivery = WebhookDelivery.objects.select_related(
        "event", "subscription__api_key"
    ).get(pk=delivery_id)
    if delivery.status != WebhookDelivery.Status.PENDING:
        return None  # delivered or given up already: never twice
    subscription = delivery.subscription
    if not subscription.active or subscription.api_key.revoked:
        return finish(delivery, WebhookDelivery.Status.FAILED)
    log = WebhookAttempt(delivery=delivery, number=number)
    try:
        check_address(subscription.url)
        log.response_status, log.response_body = post(delivery)
    except Refused as refusal:
        log.error = str(refusal)
        log.save()
        return finish(delivery, WebhookDelivery.Status.FAILED)
    except (urllib.error.URLError, OSError, ValueError) as problem:
        log.error = f"{type(problem).__name__}: {problem}"
    log.save()
    if log.succeeded:
        return finish(delivery, WebhookDelivery.Status.DELIVERED)
    if number >= settings.WEBHOOK_ATTEMPTS:
        return finish(delivery, WebhookDelivery.Status.FAILED)
    wait = settings.WEBHOOK_RETRY_SECONDS * 2 ** (number - 1)
    return timezone.now() + dt.timedelta(seconds=wait)


def finish(delivery, status):
    delivery.status = status
    delivery.save(update_fields=["status"])
    return None


def post(delivery):
    """Send the signed event; return (status, the start of the answer)."""
    event = delivery.event
    body = json.dumps(event.payload, separators=(",", ":")).encode()
    sent_at = timezone.now()
    signature = Webhook(delivery.subscription.secret).sign(event.id, sent_at, body)
    request = urllib.request.Request(
        delivery.subscription.url,
        data=body,
        method="POST",
        headers={
            "content-type": "application/json",
            "user-agent": USER_AGENT,
            "webhook-id": event.id,
            "webhook-timestamp": str(int(sent_at.timestamp())),
            "webhook-signature": signature,
        },
    )
    try:
        with OPENER.open(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as response:
            return response.status, read_start(response)
    except urllib.error.HTTPError as answer:
        return answer.code, read_start(answer)


def read_start(response):
    return response.read(RESPONSE_KEPT * 4).decode("utf-8", "replace")[:RESPONSE_KEPT]


def check_address(url):
    """Refuse what is not http(s), and private addresses outside development."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(f"Not a web address: {url}")
    if settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
        return
    try:
        checked_addresses(parts.hostname, parts.port or 443)
    except socket.gaierror as problem:
        raise Refused(f"{parts.hostname} does not resolve: {problem}") from None


def checked_addresses(host, port):
    """Return ``getaddrinfo(host, port)``, refusing a name with a non-public address.

    Any address goes in development and tests
    (``WEBHOOK_ALLOW_PRIVATE_ADDRESSES``).
    """
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    if settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
        return found
    for *_, address in found:
        ip = ipaddress.ip_address(address[0])
        if not ip.is_global:
            raise Refused(
                f"{host} resolves to {ip}, a private or reserved "
                "address: refused (server-side request forgery)"
            )
    return found
