"""The API marks a claim whose story names no source as unattributed (#13)."""

import pytest

from rumours.models import Source

from ..factories import AttributionFactory, SourceFactory, TransferClaimFactory

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


def test_a_claim_lists_its_chain_originator_first_then_in_the_storys_order(api):
    kicker = SourceFactory(slug="kicker")
    claim = TransferClaimFactory(source=kicker)
    AttributionFactory(
        claim=claim, source=SourceFactory(slug="blog"), role="relay", position=2
    )
    AttributionFactory(
        claim=claim, source=SourceFactory(slug="agent"), role="speaker", position=1
    )

    body = api.get(f"/api/v1/claims/{claim.pk}/").json()

    assert [(c["role"], c["source"]["slug"]) for c in body["attributions"]] == [
        ("originator", "kicker"),
        ("speaker", "agent"),
        ("relay", "blog"),
    ]


def test_a_claim_only_relayed_is_attributed_without_an_originator(api):
    claim = TransferClaimFactory(source=None)
    AttributionFactory(claim=claim, source=SourceFactory(slug="roundup"))

    body = api.get(f"/api/v1/claims/{claim.pk}/").json()

    assert body["attributed"] is True
    assert body["source"] is None
    assert [c["role"] for c in body["attributions"]] == ["relay"]
