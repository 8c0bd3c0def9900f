"""Bounds (#4, R15): out-of-range and malformed list parameters are 400s."""

import base64

import pytest

from ..factories import TransferClaimFactory

pytestmark = pytest.mark.django_db

LIST_URLS = [
    "/api/v1/articles/",
    "/api/v1/claims/",
    "/api/v1/players/",
    "/api/v1/clubs/",
    "/api/v1/sources/",
    "/api/v1/competitions/",
    "/api/v1/changes/",
]


def forged_cursor(query):
    return base64.b64encode(query.encode()).decode()


BAD_VALUES = [
    ("page_size", "1000000"),
    ("page_size", "101"),
    ("page_size", "0"),
    ("page_size", "-5"),
    ("page_size", "abc"),
    ("page_size", "2.5"),
    ("page_size", "１０"),
    ("ordering", "password"),
    ("ordering", "-id,name"),
    ("cursor", "%%%"),
    ("cursor", "not-base64!"),
    ("cursor", forged_cursor("p=not-a-date&o=0&r=0")),
    ("cursor", forged_cursor("o=-1")),
    ("cursor", forged_cursor("o=99999999999999999999")),
    ("since", "yesterday"),
    ("since", "2026-01-08T09:30:00"),
    ("since", forged_cursor('{"t": "x", "r": 0, "i": 1}')),
]


def applies(url, parameter):
    """Return True if the endpoint takes ``parameter`` at all."""
    if url.endswith("/changes/"):
        return parameter in ("page_size", "since")
    return parameter != "since"


def test_r15_every_bad_list_parameter_is_a_400_naming_it(api, reliability_report):
    TransferClaimFactory.create_batch(3)
    cases = [
        (url, parameter, value)
        for url in LIST_URLS
        for parameter, value in BAD_VALUES
        if applies(url, parameter)
    ]

    responses = [(case, api.get(case[0], {case[1]: case[2]})) for case in cases]

    server_errors = [case for case, r in responses if r.status_code >= 500]
    uncapped = [
        case
        for case, r in responses
        if r.status_code == 200 and len(r.json()["results"]) > 100
    ]
    not_named = [
        (case, r.status_code, r.content[:200])
        for case, r in responses
        if r.status_code != 400 or list(r.json()) != [case[1]]
    ]
    reliability_report(
        f"R15 bounds: {len(LIST_URLS)} endpoints × {len(BAD_VALUES)} bad values "
        f"({len(cases)} requests), {len(uncapped)} uncapped, "
        f"{len(server_errors)} 5xx, {len(not_named)} not a named 400"
    )
    assert (server_errors, uncapped, not_named) == ([], [], [])


def test_page_size_of_one_hundred_is_honoured(api):
    TransferClaimFactory.create_batch(101)

    response = api.get("/api/v1/claims/", {"page_size": 100})

    assert len(response.json()["results"]) == 100


def test_a_well_formed_cursor_the_api_did_not_give_out_is_a_404(api):
    TransferClaimFactory.create_batch(3)
    forged = forged_cursor("o=1") + ":" + "a" * 43  # the shape, not the signature

    response = api.get("/api/v1/claims/", {"cursor": forged})

    assert response.status_code == 404
    assert "not one the API gave out" in response.json()["detail"]


def test_a_well_formed_since_token_the_api_did_not_give_out_is_a_404(api):
    response = api.get("/api/v1/changes/", {"since": "A" * 24})

    assert response.status_code == 404
    assert "not one the API gave out" in response.json()["detail"]
