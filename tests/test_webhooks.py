"""Partners' webhooks (#17; R29 in docs/reliability.md): signed, retried, once each.

Real parts throughout: the queue is django-tasks' database backend emptied
by its own ``db_worker`` command, and the partner is an HTTP server in the
test that verifies each signature with the ``standardwebhooks`` package.
"""

import datetime as dt
import io
import socket
import time
import urllib.request
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from rest_framework_api_key.models import APIKey

from rumours.models import (
    Club,
    TransferClaim,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from rumours.services.workflow import unpublish_article
from rumours.webhooks import delivery
from rumours.webhooks.delivery import Refused, check_address
from rumours.webhooks.tasks import STALLED_AFTER, resume_stalled, sweeps

from .factories import (
    ArticleFactory,
    ClubFactory,
    PlayerFactory,
    SourceFactory,
    TransferClaimFactory,
)
from .support.editorial import change_form, editor, logged_in, save_change
from .support.webhook_receiver import Receiver, serve

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("quick_retries"),
]


@pytest.fixture
def quick_retries(settings):
    settings.WEBHOOK_RETRY_SECONDS = 0
    settings.WEBHOOK_ATTEMPTS = 3


@pytest.fixture
def partner():
    receiver = Receiver()
    url, server = serve(receiver)
    key, _ = APIKey.objects.create_key(name="Calcio Daily")
    subscription = WebhookSubscription.objects.create(api_key=key, url=url)
    receiver.secret = subscription.secret
    yield receiver, subscription
    server.shutdown()


def run_worker():
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        "--queue-name",
        "webhooks",
        verbosity=0,
    )


def test_a_published_claim_arrives_signed_with_its_links(partner):
    receiver, _ = partner

    claim = TransferClaimFactory()
    run_worker()

    [event] = receiver.processed
    assert event["type"] == "claim.published"
    assert event["data"]["id"] == claim.pk
    assert event["data"]["url"].endswith(f"/api/v1/claims/{claim.pk}/")
    assert event["data"]["web_url"].endswith(f"#claim-{claim.pk}")
    assert receiver.received == [(event["id"], True)]


def test_a_500_is_retried_with_the_same_id_and_processed_once(partner):
    receiver, _ = partner
    receiver.answers = [500]

    TransferClaimFactory()
    run_worker()

    [event] = receiver.processed
    assert receiver.received == [(event["id"], True), (event["id"], True)]
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "delivered"
    assert list(delivery.attempts.values_list("number", "response_status")) == [
        (1, 500),
        (2, 200),
    ]


def test_a_partner_that_keeps_failing_is_given_up_after_the_last_attempt(partner):
    receiver, _ = partner
    receiver.answers = [503, 503, 503, 503]

    TransferClaimFactory()
    run_worker()

    assert len(receiver.received) == 3
    assert WebhookDelivery.objects.get().status == "failed"
    assert WebhookAttempt.objects.count() == 3


def test_a_redirect_is_an_answer_never_followed(partner):
    receiver, _ = partner
    receiver.answers = [307]

    TransferClaimFactory()
    run_worker()

    assert receiver.paths == ["/hooks", "/hooks"]
    assert list(WebhookAttempt.objects.values_list("response_status", flat=True)) == [
        307,
        200,
    ]


def test_a_wrong_secret_fails_verification_at_the_partner(partner):
    receiver, subscription = partner
    receiver.secret = "whsec_" + "A" * 44  # the partner kept an old secret

    TransferClaimFactory()
    run_worker()

    assert receiver.processed == []
    assert {verified for _, verified in receiver.received} == {False}


def test_an_admin_save_returns_before_any_delivery_is_attempted(client, partner):
    receiver, _ = partner
    claim = TransferClaimFactory()
    run_worker()
    receiver.received.clear()
    logged_in(client, editor())
    data = change_form(client, claim)
    data["outcome"] = "confirmed"

    response = save_change(client, claim, data)

    assert response.status_code == 302
    assert receiver.received == []  # queued, not sent
    assert WebhookDelivery.objects.filter(status="pending").count() == 1
    run_worker()
    assert [e["type"] for e in receiver.processed][-1] == "claim.resolved"


def test_stage_changes_and_withdrawals_are_announced(partner):
    receiver, _ = partner
    claim = TransferClaimFactory(claim_type="enquiry")
    run_worker()

    stored = TransferClaim.objects.get(pk=claim.pk)
    stored.claim_type = "bid"
    stored.save()
    unpublish_article(article=claim.article)
    run_worker()

    assert [e["type"] for e in receiver.processed] == [
        "claim.published",
        "claim.stage_changed",
        "claim.withdrawn",
    ]
    assert receiver.processed[-1]["data"] == {"id": claim.pk, "reason": "unpublished"}


def test_a_draft_claim_is_not_announced_until_its_story_is_published(partner):
    receiver, _ = partner
    draft = ArticleFactory(draft=True)

    TransferClaimFactory(article=draft)
    run_worker()

    assert receiver.processed == []


def test_filters_keep_other_clubs_and_weaker_sources_out(partner):
    receiver, subscription = partner
    milan = ClubFactory()
    subscription.clubs.add(milan)
    subscription.min_source_tier = 2
    subscription.save()

    TransferClaimFactory(to_club=milan, source=SourceFactory(reliability_tier=1))
    TransferClaimFactory(to_club=milan, source=SourceFactory(reliability_tier=4))
    TransferClaimFactory(source=SourceFactory(reliability_tier=1))
    run_worker()

    assert len(receiver.processed) == 1
    assert WebhookEvent.objects.count() == 1


def test_only_the_event_types_subscribed_to_are_sent(partner):
    receiver, subscription = partner
    subscription.events = ["claim.withdrawn"]
    subscription.save()
    claim = TransferClaimFactory()

    unpublish_article(article=claim.article)
    run_worker()

    assert [e["type"] for e in receiver.processed] == ["claim.withdrawn"]


def test_a_revoked_key_gets_nothing(partner):
    receiver, subscription = partner
    TransferClaimFactory()
    APIKey.objects.filter(pk=subscription.api_key_id).update(revoked=True)

    run_worker()

    assert receiver.received == []
    assert WebhookDelivery.objects.get().status == "failed"


@override_settings(WEBHOOK_ALLOW_PRIVATE_ADDRESSES=False)
@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/hooks",
        "http://localhost/hooks",
        "http://10.0.0.7/hooks",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hooks",
        "ftp://partner.example/hooks",
    ],
)
def test_private_and_loopback_addresses_are_refused_in_production(url):
    with pytest.raises(Refused):
        check_address(url)


@override_settings(WEBHOOK_ALLOW_PRIVATE_ADDRESSES=False)
def test_a_refused_address_is_logged_and_never_retried(partner):
    receiver, _ = partner

    TransferClaimFactory()
    run_worker()

    [attempt] = WebhookAttempt.objects.all()
    assert "refused" in attempt.error
    assert attempt.response_status is None
    assert receiver.received == []
    assert WebhookDelivery.objects.get().status == "failed"


REBINDING_HOST = "rebind.example"


class RebindingNameServer:
    """Answers for ``REBINDING_HOST``: a public address once, then loopback.

    What an attacker's name server does to slip past a check made before
    the connection (DNS rebinding); every other name is resolved as usual.
    """

    def __init__(self, resolve):
        self.resolve = resolve
        self.asked = 0

    def __call__(self, host, port, *args, **kwargs):
        if host != REBINDING_HOST:
            return self.resolve(host, port, *args, **kwargs)
        self.asked += 1
        address = "93.184.216.34" if self.asked == 1 else "127.0.0.1"
        return self.resolve(address, port, *args, **kwargs)


@override_settings(WEBHOOK_ALLOW_PRIVATE_ADDRESSES=False)
def test_a_name_rebound_to_a_private_address_after_the_check_gets_nothing(
    partner, monkeypatch
):
    receiver, subscription = partner
    port = urlsplit(subscription.url).port
    subscription.url = f"http://{REBINDING_HOST}:{port}/hooks"
    subscription.save()
    monkeypatch.setattr(socket, "getaddrinfo", RebindingNameServer(socket.getaddrinfo))

    TransferClaimFactory()
    run_worker()

    assert receiver.received == []
    [attempt] = WebhookAttempt.objects.all()
    assert "refused" in attempt.error
    assert WebhookDelivery.objects.get().status == "failed"


@override_settings(WEBHOOK_ALLOW_PRIVATE_ADDRESSES=False)
@pytest.mark.parametrize("scheme", ["http", "https"])
def test_the_connection_itself_refuses_a_private_address(scheme):
    request = urllib.request.Request(f"{scheme}://localhost:9/hooks", data=b"{}")

    with pytest.raises(Refused, match="private or reserved"):
        delivery.OPENER.open(request, timeout=2)


def test_an_administrator_sends_a_failed_delivery_again(admin_client, partner):
    receiver, _ = partner
    receiver.answers = [503, 503, 503]
    TransferClaimFactory()
    run_worker()
    delivery = WebhookDelivery.objects.get(status="failed")

    response = admin_client.post(
        "/admin/rumours/webhookdelivery/",
        {"action": "send_again", "_selected_action": [delivery.pk]},
        follow=True,
    )
    run_worker()

    assert "1 delivery queued for one more attempt" in response.text
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert list(delivery.attempts.values_list("number", "response_status")) == [
        (1, 503),
        (2, 503),
        (3, 503),
        (4, 200),
    ]
    assert len(receiver.processed) == 1


def a_while_later():
    return timezone.now() + dt.timedelta(seconds=STALLED_AFTER + 1)


def test_a_delivery_whose_worker_was_killed_mid_attempt_is_resumed(partner):
    receiver, _ = partner
    TransferClaimFactory()
    # What a worker killed mid-attempt leaves: its task running for ever.
    DBTaskResult.objects.get().claim("killed-worker")

    resumed = resume_stalled(now=a_while_later())
    run_worker()

    assert resumed == 1
    assert [verified for _, verified in receiver.received] == [True]
    assert WebhookDelivery.objects.get().status == "delivered"


def test_a_delivery_whose_task_raised_is_resumed(partner):
    receiver, _ = partner
    TransferClaimFactory()
    DBTaskResult.objects.get().set_failed(ConnectionError("the database went away"))

    resumed = resume_stalled(now=a_while_later())
    run_worker()

    assert resumed == 1
    assert WebhookDelivery.objects.get().status == "delivered"


def test_a_delivery_being_attempted_now_is_left_to_its_worker(partner):
    TransferClaimFactory()
    DBTaskResult.objects.get().claim("busy-worker")

    assert resume_stalled(now=timezone.now()) == 0
    assert resume_stalled(now=a_while_later() - dt.timedelta(seconds=2)) == 0


def test_a_delivery_waiting_for_its_attempt_is_left_in_the_queue(partner):
    TransferClaimFactory()

    assert resume_stalled(now=a_while_later()) == 0
    assert DBTaskResult.objects.count() == 1


def test_resume_webhooks_says_how_many_it_queued_again(partner):
    TransferClaimFactory()
    DBTaskResult.objects.get().claim("killed-worker")
    output = io.StringIO()

    with time_machine.travel(a_while_later(), tick=False):
        call_command("resume_webhooks", stdout=output)

    assert output.getvalue() == "Stalled webhook deliveries: 1 queued again.\n"


def test_a_worker_looks_for_stalled_deliveries_as_it_works(partner, monkeypatch):
    receiver, _ = partner
    TransferClaimFactory()
    DBTaskResult.objects.get().claim("killed-worker")
    monkeypatch.setattr(sweeps, "last", time.monotonic() - STALLED_AFTER)

    with time_machine.travel(a_while_later(), tick=False):
        TransferClaimFactory()  # the next event keeps the worker busy
        run_worker()

    assert len(receiver.received) == 2
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {
        "delivered"
    }


def test_deleting_the_only_club_a_subscription_follows_pauses_it(partner):
    _, subscription = partner
    club = ClubFactory()
    subscription.clubs.add(club)

    club.delete()

    subscription.refresh_from_db()
    assert subscription.active is False


def test_deleting_one_of_its_clubs_leaves_a_subscription_on_the_others(partner):
    _, subscription = partner
    kept, deleted = ClubFactory(), ClubFactory()
    subscription.clubs.add(kept, deleted)

    deleted.delete()

    subscription.refresh_from_db()
    assert subscription.active is True
    assert list(subscription.clubs.all()) == [kept]


def test_deleting_every_club_a_subscription_follows_at_once_pauses_it(partner):
    _, subscription = partner
    clubs = [ClubFactory(), ClubFactory()]
    subscription.clubs.add(*clubs)

    Club.objects.filter(pk__in=[club.pk for club in clubs]).delete()

    subscription.refresh_from_db()
    assert subscription.active is False


def test_a_deleted_players_follower_gets_no_other_players_claims(partner):
    receiver, subscription = partner
    player = PlayerFactory()
    subscription.players.add(player)

    player.delete()
    TransferClaimFactory()
    run_worker()

    assert receiver.received == []
