"""A parameter an endpoint does not read is a 400 naming it (#18).

Ignored, a misspelt filter answered every row: ``/clubs/?club=x`` listed
all the clubs.
"""

import pytest

from ..factories import ArticleFactory, ClubFactory

pytestmark = pytest.mark.django_db


def test_a_misspelt_filter_is_refused_not_ignored(api):
    ClubFactory()

    response = api.get("/api/v1/clubs/?club=x")

    assert response.status_code == 400
    [message] = response.json()["club"]
    assert message.startswith("Unknown parameter. This endpoint accepts: ")
    assert "competition" in message


def test_a_detail_accepts_no_list_parameter(api):
    article = ArticleFactory()

    response = api.get(f"/api/v1/articles/{article.slug}/?page_size=5")

    assert response.status_code == 400
    assert response.json() == {
        "page_size": ["Unknown parameter. This endpoint accepts: none."]
    }


@pytest.mark.parametrize(
    "query",
    ["page_size=5", "ordering=-published_at", "club=", "cursor="],
)
def test_the_parameters_a_list_reads_are_not_unknown(api, query):
    response = api.get(f"/api/v1/articles/?{query}")

    assert "Unknown parameter" not in response.content.decode()


def test_the_changes_feed_reads_its_own_parameters(api):
    assert api.get("/api/v1/changes/?page_size=5").status_code == 200
    assert api.get("/api/v1/changes/?since_id=5").status_code == 400


def test_a_request_without_a_key_is_refused_before_its_parameters(client):
    assert client.get("/api/v1/clubs/?club=x").status_code == 401
