"""Password guessing on the admin sign-in is throttled (#18, R28).

django-axes counts failed sign-ins per account and per address; after the
limit (5) the sign-in is refused for the cool-off (15 minutes) without
checking the password, on a page that reads the same whether or not the
account exists. Staff sessions end after a working day without a request.
"""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from .factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
LOCKED = "Too many failed sign-ins for this account or from this address."


def sign_in(client, username, password, address="198.51.100.7"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


@pytest.fixture
def editor():
    return UserFactory(username="eva", password=PASSWORD, staff=True, superuser=True)


def fail(times, username="eva", address="198.51.100.7"):
    for _ in range(times):
        sign_in(Client(), username, "wrong guess", address)


def test_the_right_password_is_refused_after_five_wrong_ones(editor):
    fail(5)

    response = sign_in(Client(), "eva", PASSWORD)

    text = " ".join(response.content.decode().split())
    assert response.status_code == 429
    assert LOCKED in text
    assert "paused for 15 minutes" in text


def test_four_wrong_passwords_still_let_the_editor_in(editor):
    fail(4)

    assert sign_in(Client(), "eva", PASSWORD).status_code == 302


def test_a_lockout_reads_the_same_for_an_account_that_does_not_exist(editor):
    fail(5, username="eva", address="198.51.100.7")
    fail(5, username="nobody", address="198.51.100.8")

    real = sign_in(Client(), "eva", "another guess", "198.51.100.7")
    made_up = sign_in(Client(), "nobody", "another guess", "198.51.100.8")

    assert (real.status_code, made_up.status_code) == (429, 429)
    assert real.content == made_up.content


def test_one_address_guessing_many_accounts_is_stopped(editor):
    for name in ["ana", "ben", "cal", "dan", "eli"]:
        fail(1, username=name, address="203.0.113.5")

    response = sign_in(Client(), "eva", PASSWORD, "203.0.113.5")

    assert response.status_code == 429


def test_the_lockout_ends_after_its_cool_off(editor):
    fail(5)

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        response = sign_in(Client(), "eva", PASSWORD)

    assert response.status_code == 302


def test_a_staff_session_lasts_while_used_and_ends_after_an_idle_day(editor, settings):
    # Time travel moves the database's clock, not Redis's: with REDIS_URL set,
    # cached_db would keep the session until Redis expires it (after the same
    # age, in real time), so the age is checked on the database's copy.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(client, "eva", PASSWORD)
    with time_machine.travel(start + dt.timedelta(hours=9), tick=False):
        kept = client.get("/admin/").status_code
    with time_machine.travel(start + dt.timedelta(hours=18), tick=False):
        still_kept = client.get("/admin/").status_code
    with time_machine.travel(start + dt.timedelta(hours=29), tick=False):
        expired = client.get("/admin/")

    assert (kept, still_kept) == (200, 200)
    assert expired.status_code == 302
    assert expired["Location"].startswith("/admin/login/")
