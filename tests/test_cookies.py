"""Cookies under production settings (R3, #6).

Readers get no cookie at all; an editor who logs in gets a session cookie
and a CSRF cookie that travel over HTTPS only, stay out of scripts (the
session's) and are not sent on cross-site requests (SameSite=Lax).
"""

from http.cookies import SimpleCookie

import pytest
from django.test import Client

from .factories import UserFactory
from .support.public_urls import build_newsroom

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-9"
LOGIN = "/admin/login/"


def log_in(client, user):
    """Log in through the admin's form as a browser would; return the answer."""
    client.get(LOGIN, secure=True)
    token = client.cookies["csrftoken"].value
    return client.post(
        LOGIN,
        {"username": user.username, "password": PASSWORD, "next": "/admin/"},
        secure=True,
        HTTP_REFERER=f"https://testserver{LOGIN}",
        HTTP_X_CSRFTOKEN=token,
    )


def cookie_violations(morsel, *, httponly):
    problems = []
    if not morsel["secure"]:
        problems.append("not Secure")
    if httponly and not morsel["httponly"]:
        problems.append("not HttpOnly")
    if morsel["samesite"] != "Lax":
        problems.append(f"SameSite={morsel['samesite'] or 'unset'}")
    return problems


def test_r3_readers_get_no_cookie_and_login_cookies_are_locked_down(
    production, reliability_report
):
    newsroom = build_newsroom()
    reader = Client()
    set_by_reader_pages = {}
    for kind, url in newsroom.public_pages().items():
        response = reader.get(url, secure=True)
        assert response.status_code == 200, kind
        if response.cookies:
            set_by_reader_pages[kind] = sorted(response.cookies)
    editor = Client()

    response = log_in(editor, UserFactory(staff=True))

    assert response.status_code == 302
    violations = {
        "sessionid": cookie_violations(response.cookies["sessionid"], httponly=True),
        "csrftoken": cookie_violations(response.cookies["csrftoken"], httponly=False),
    }
    violations = {name: problems for name, problems in violations.items() if problems}
    count = len(set_by_reader_pages) + sum(map(len, violations.values()))
    reliability_report(
        f"R3 cookies: {len(newsroom.public_pages())} reader urls set "
        f"{len(set_by_reader_pages)} cookies; sessionid and csrftoken after "
        f"login: Secure, HttpOnly (session), SameSite=Lax; {count} violations"
    )
    assert set_by_reader_pages == {}
    assert violations == {}


def test_login_over_plain_http_is_redirected_to_https_first(production):
    response = Client().get(LOGIN)

    assert response.status_code == 301
    assert response["Location"] == f"https://testserver{LOGIN}"


def test_a_cookie_sent_over_plain_http_is_reported():
    cookie = SimpleCookie()
    cookie["sessionid"] = "x"

    problems = cookie_violations(cookie["sessionid"], httponly=True)

    assert problems == ["not Secure", "not HttpOnly", "SameSite=unset"]
