"""Times with offsets Python takes and PostgreSQL refuses (schemathesis, #17).

Python reads offsets up to a day ("-20:20"); PostgreSQL refuses any past
15:59 with a 500. Every time parameter is read in UTC before the database
sees it, and one UTC cannot hold (year 1, east of Greenwich) is a named 400.
"""

import pytest

from ..factories import TransferClaimFactory

pytestmark = pytest.mark.django_db

FAR_OFFSET = "0251-10-29T21:09:47.242809-20:20"
BEFORE_YEAR_ONE_IN_UTC = "0001-01-01T00:00:00+05:00"


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/changes/?since={FAR_OFFSET}",
        f"/api/v1/claims/?updated_since={FAR_OFFSET}",
        f"/api/v1/claims/?reported_since={FAR_OFFSET}",
        f"/api/v1/articles/?published_since={FAR_OFFSET}",
    ],
)
def test_a_far_offset_is_read_in_utc(api, url):
    claim = TransferClaimFactory()

    response = api.get(url)

    assert response.status_code == 200, response.content[:300]
    assert claim.pk in ids_in(response.json())


def ids_in(data):
    """Return every "id" anywhere in a JSON body (claims nest in stories)."""
    if isinstance(data, list):
        return {found for item in data for found in ids_in(item)}
    if isinstance(data, dict):
        own = {data["id"]} if isinstance(data.get("id"), int) else set()
        return own.union(*(ids_in(value) for value in data.values()))
    return set()


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        (f"/api/v1/changes/?since={BEFORE_YEAR_ONE_IN_UTC}", "since"),
        (f"/api/v1/claims/?updated_since={BEFORE_YEAR_ONE_IN_UTC}", "updated_since"),
    ],
)
def test_a_time_utc_cannot_hold_is_a_named_400(api, url, parameter):
    response = api.get(url)

    assert response.status_code == 400
    assert parameter in response.json()
