"""Characters the database refuses never reach it (#18, R28).

PostgreSQL refuses NUL in text: before this, ``/api/v1/articles/%00/`` and
``/?club=%00`` were 500s. Every URL of the newsroom is asked with a NUL in
its path (404) and in a parameter (400 naming it), with a partner key where
the URL needs one.
"""

import pytest

from .support.public_urls import build_newsroom

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    return build_newsroom()


def with_nul_in_path(url):
    path = url.split("?")[0].rstrip("/")
    return f"{path}%00/" if url.split("?")[0].endswith("/") else f"{path}%00"


def test_a_nul_in_any_path_is_a_404(client, newsroom):
    statuses = {
        kind: client.get(with_nul_in_path(url), **newsroom.api_headers).status_code
        for kind, url in newsroom.urls.items()
    }

    assert set(statuses.values()) == {404}, statuses


def test_a_nul_in_a_lookup_is_a_404_not_a_database_error(client, newsroom):
    for url in ["/api/v1/articles/%00/", "/api/v1/clubs/%00/squad/", "/clubs/%00/"]:
        assert client.get(url, **newsroom.api_headers).status_code == 404, url


@pytest.mark.parametrize("parameter", ["club", "competition", "q", "unknown"])
def test_a_nul_in_a_page_parameter_is_a_400(client, newsroom, parameter):
    response = client.get(f"/?{parameter}=%00")

    assert response.status_code == 400


def test_a_nul_in_an_api_parameter_is_a_400_naming_it(client, newsroom):
    response = client.get("/api/v1/claims/?club=a%00b", **newsroom.api_headers)

    assert response.status_code == 400
    assert response.json() == {
        "club": ["A NUL character (%00) is not allowed in a parameter."]
    }


def test_every_url_answers_a_nul_parameter_without_a_500(client, newsroom):
    statuses = {
        kind: client.get(
            url + ("&" if "?" in url else "?") + "club=%00", **newsroom.api_headers
        ).status_code
        for kind, url in newsroom.urls.items()
    }

    assert set(statuses.values()) == {400}, statuses
