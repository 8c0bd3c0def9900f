"""Security headers on one URL of every kind, under production settings (R2, #6).

Every public URL is fetched twice, so the answer from the public cache is
checked as well as the freshly rendered one.
"""

import pytest
from django.test import Client

from .factories import UserFactory
from .support.public_urls import build_newsroom

pytestmark = pytest.mark.django_db

YEAR = 365 * 24 * 3600
STRICT_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}


def parse_csp(value):
    """Return {directive: [sources]} of a Content-Security-Policy value."""
    policy = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            policy[words[0]] = words[1:]
    return policy


def csp_problems(value):
    policy = parse_csp(value)
    script_src = policy.get("script-src", policy.get("default-src"))
    problems = []
    if policy.get("object-src") != ["'none'"]:
        problems.append("object-src is not 'none'")
    if policy.get("base-uri") != ["'none'"]:
        problems.append("base-uri is not 'none'")
    if policy.get("frame-ancestors") not in (["'none'"], ["'self'"]):
        problems.append("frame-ancestors is not 'none' or 'self'")
    if script_src is None:
        problems.append("no script-src")
    elif {"'unsafe-inline'", "'unsafe-eval'"} & set(script_src):
        problems.append("script-src allows inline script or eval")
    return problems


def hsts_seconds(value):
    for part in value.split(";"):
        name, _, number = part.strip().partition("=")
        if name.lower() == "max-age" and number.isdigit():
            return int(number)
    return 0


CHECKS = {
    "Content-Security-Policy": lambda v: not csp_problems(v),
    "X-Content-Type-Options": lambda v: v == "nosniff",
    "Referrer-Policy": lambda v: v in STRICT_REFERRER_POLICIES,
    "Cross-Origin-Opener-Policy": lambda v: v == "same-origin",
    "Strict-Transport-Security": lambda v: hsts_seconds(v) >= YEAR,
}


def missing_headers(response):
    """Return the headers of CHECKS that ``response`` lacks or gets wrong."""
    return [
        header
        for header, good in CHECKS.items()
        if not (response.has_header(header) and good(response[header]))
    ]


def test_r2_every_kind_of_url_carries_the_security_headers(
    production, reliability_report
):
    newsroom = build_newsroom()
    anonymous = Client()
    editor = Client()
    editor.force_login(UserFactory(superuser=True))
    fetches = []
    for kind, url in newsroom.public_pages().items():
        for attempt in ("fresh", "cached"):
            response = anonymous.get(url, secure=True)
            fetches.append((f"{kind} ({attempt})", response, 200))
    for kind, url in newsroom.api_urls().items():
        for attempt in ("fresh", "cached"):
            response = anonymous.get(url, secure=True, **newsroom.api_headers)
            fetches.append((f"{kind} ({attempt})", response, 200))
    fetches += [
        ("api docs", anonymous.get("/api/v1/docs/", secure=True), 200),
        ("404", anonymous.get("/no-such-page/", secure=True), 404),
        ("api 404", anonymous.get("/api/v1/no-such-thing/", secure=True), 404),
        ("admin login", anonymous.get("/admin/login/", secure=True), 200),
        (
            "admin change form",
            editor.get(
                f"/admin/rumours/article/{newsroom.article.pk}/change/", secure=True
            ),
            200,
        ),
        ("healthz", anonymous.get("/healthz", secure=True), 200),
    ]

    statuses = {
        name: r.status_code for name, r, want in fetches if r.status_code != want
    }
    missing = {name: missing_headers(r) for name, r, _ in fetches}
    missing = {name: headers for name, headers in missing.items() if headers}
    urls = len(newsroom.urls) + 6
    count = sum(len(headers) for headers in missing.values())
    reliability_report(
        f"R2 headers: {urls} urls × {len(CHECKS)} headers, {count} missing "
        f"({len(fetches)} responses, fresh and cached)"
    )
    assert statuses == {}
    assert missing == {}


def test_the_policy_allows_no_inline_script(production):
    response = Client().get("/", secure=True)

    policy = parse_csp(response["Content-Security-Policy"])

    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_development_sends_the_policy_but_no_hsts(client):
    response = client.get("/")

    assert csp_problems(response["Content-Security-Policy"]) == []
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not response.has_header("Strict-Transport-Security")


def test_hsts_is_sent_only_over_https(production):
    plain = Client().get("/healthz")
    secure = Client().get("/healthz", secure=True)

    assert not plain.has_header("Strict-Transport-Security")
    assert hsts_seconds(secure["Strict-Transport-Security"]) >= YEAR


def test_a_policy_with_inline_script_is_reported():
    value = "default-src 'self'; script-src 'self' 'unsafe-inline'; object-src *"

    problems = csp_problems(value)

    assert problems == [
        "object-src is not 'none'",
        "base-uri is not 'none'",
        "frame-ancestors is not 'none' or 'self'",
        "script-src allows inline script or eval",
    ]
