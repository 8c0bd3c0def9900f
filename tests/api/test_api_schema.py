"""The OpenAPI schema and the docs page (#4, R11)."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

DOCUMENTED_ERRORS = {"400", "401", "403", "404", "429"}
OPERATIONS = {"get"}


@pytest.fixture
def schema():
    response = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response.json()


def operations(schema):
    return [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in OPERATIONS | {"post", "put", "patch", "delete"}
    ]


def test_schema_needs_no_key_and_declares_the_api_key_scheme(schema):
    assert schema["components"]["securitySchemes"] == {
        "ApiKeyAuth": {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Your partner key, as `Api-Key <key>`.",
        }
    }


def test_schema_lists_every_endpoint(schema):
    assert sorted(schema["paths"]) == [
        "/api/v1/articles/",
        "/api/v1/articles/{slug}/",
        "/api/v1/calibration/",
        "/api/v1/changes/",
        "/api/v1/claims/",
        "/api/v1/claims/{id}/",
        "/api/v1/clubs/",
        "/api/v1/clubs/{slug}/",
        "/api/v1/clubs/{slug}/squad/",
        "/api/v1/competitions/",
        "/api/v1/competitions/{slug}/",
        "/api/v1/market/",
        "/api/v1/players/",
        "/api/v1/players/{slug}/",
        "/api/v1/sources/",
        "/api/v1/sources/{slug}/",
    ]


def test_r11_every_operation_requires_the_key_and_documents_errors(
    schema, reliability_report
):
    found = operations(schema)

    optional = [
        (path, method)
        for path, method, operation in found
        if operation.get("security") != [{"ApiKeyAuth": []}]
    ]
    undocumented = [
        (path, method, sorted(DOCUMENTED_ERRORS - set(operation["responses"])))
        for path, method, operation in found
        if not set(operation["responses"]) >= DOCUMENTED_ERRORS
    ]
    writes = [(path, method) for path, method, _ in found if method not in OPERATIONS]
    reliability_report(
        f"R11 schema security: {len(found)} operations, {len(optional)} optional, "
        f"{len(undocumented)} undocumented, {len(writes)} writes"
    )
    assert (optional, undocumented, writes) == ([], [], [])


def test_docs_page_is_served_without_a_cdn():
    client = Client()

    page = client.get("/api/v1/docs/")

    assert page.status_code == 200
    html = page.content.decode()
    external = re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", html)
    assert external == []
    assets = re.findall(r"""(?:src|href)=["'](/static/[^"']+)""", html)
    assert assets
    assert all(client.get(asset).status_code == 200 for asset in assets)
