"""Error pages tell the reader what happened and nothing about the server (R4)."""

import pytest
from django.conf import settings
from django.test import Client

from .support.error_urls import SECRET_IN_EXCEPTION

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.support.error_urls")]

LEAK_SIGNS = [
    "Traceback",
    "SELECT ",
    "settings.py",
    "DATABASES",
    "RuntimeError",
    "django.",
    SECRET_IN_EXCEPTION,
]


def leaks_in(body):
    signs = [*LEAK_SIGNS, str(settings.BASE_DIR), settings.SECRET_KEY]
    return [sign for sign in signs if sign in body]


def error_responses():
    """Return {status: response} for one request of each error kind."""
    client = Client(raise_request_exception=False)
    strict_client = Client(enforce_csrf_checks=True)
    return {
        400: client.get("/", HTTP_HOST="attacker.example"),
        403: strict_client.post("/admin/login/", {"username": "x", "password": "y"}),
        404: client.get("/no-such-page/"),
        500: client.get("/boom/"),
    }


def test_each_error_kind_answers_with_its_status():
    responses = error_responses()

    assert {status: r.status_code for status, r in responses.items()} == {
        400: 400,
        403: 403,
        404: 404,
        500: 500,
    }


def test_error_pages_leak_no_traceback_sql_path_or_secret(reliability_report):
    responses = error_responses()

    leaks = {
        status: leaks_in(response.content.decode())
        for status, response in responses.items()
    }

    assert leaks == {400: [], 403: [], 404: [], 500: []}
    reliability_report(
        f"R4 error-pages: {len(responses)} kinds (400/403/404/500), "
        f"{sum(map(len, leaks.values()))} leaks"
    )


def test_not_found_page_helps_the_reader_find_their_way():
    response = Client().get("/no-such-page/")

    body = response.content.decode()
    assert "not found" in body.lower()
    assert 'href="/"' in body
