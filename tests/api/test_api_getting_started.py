"""What a partner developer reads first (#17): a getting-started page, and a
schema whose operations each say what they are for, with examples."""

import pytest

from .test_api_schema import operations

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    return client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()


def test_the_getting_started_page_needs_no_key_and_covers_each_step(client):
    response = client.get("/api/v1/start/")

    text = response.content.decode()
    assert response.status_code == 200
    for heading in ("Your key", "A first call", "Paging", "Staying in sync",
                    "Caching", "Limits and errors"):  # fmt: skip
        assert heading in text
    assert 'href="/api/v1/docs/"' in text
    assert 'href="/api/v1/schema/"' in text
    assert "http://testserver/api/v1/claims/?club=ac-milan" in text


def test_the_schema_and_a_mistyped_path_point_at_the_page(client, api, schema):
    assert "/api/v1/start/" in schema["info"]["description"]
    assert "/api/v1/start/" in api.get("/api/v1/nowhere/").json()["detail"]


def test_every_operation_has_its_own_summary_and_description(schema):
    found = operations(schema)

    summaries = [op.get("summary") for _, _, op in found]
    descriptions = [op.get("description") for _, _, op in found]
    assert all(summaries)
    assert all(descriptions)
    assert len(set(descriptions)) == len(found)


def test_the_claims_list_and_changes_carry_example_responses(schema):
    for path in ("/api/v1/claims/", "/api/v1/changes/"):
        content = schema["paths"][path]["get"]["responses"]["200"]["content"]
        assert content["application/json"]["examples"], path
