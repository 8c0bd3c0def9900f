"""Fixtures of the partner API's tests (#4)."""

import pytest
from rest_framework.test import APIClient
from rest_framework_api_key.models import APIKey


@pytest.fixture
def api():
    """Return an APIClient sending a valid partner key."""
    _, key = APIKey.objects.create_key(name="Calcio Daily")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client
