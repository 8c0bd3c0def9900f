"""The API marks a claim whose story names no source as unattributed (#13)."""

import pytest

from rumours.models import Source

from ..factories import SourceFactory, TransferClaimFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("source", "attributed"),
    [
        (None, False),
        (lambda: SourceFactory(kind=Source.Kind.DESK), True),
        (lambda: SourceFactory(kind=Source.Kind.JOURNALIST), True),
    ],
)
def test_a_claim_says_whether_its_story_named_a_source(api, source, attributed):
    claim = TransferClaimFactory(source=source() if source else None)

    body = api.get(f"/api/v1/claims/{claim.pk}/").json()

    assert body["attributed"] is attributed
