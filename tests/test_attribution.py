"""Only a claim the desk sourced to itself is credited to the desk (#13).

A claim whose story names no source reads "reportedly" on the page and is
marked unattributed in the API; "our own reporting" needs a source of kind
desk.
"""

import pytest
from django.utils.html import strip_tags

from rumours.models import Source

from .factories import SourceFactory, TransferClaimFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]


def page_text(client, claim):
    html = client.get(claim.article.get_absolute_url()).content.decode()
    return " ".join(strip_tags(html).split())


def test_a_claim_with_no_source_reads_reportedly(client):
    claim = TransferClaimFactory(source=None, quote="")

    text = page_text(client, claim)

    assert "), reportedly" in text
    assert "our own reporting" not in text


def test_a_claim_sourced_to_the_desk_is_our_own_reporting(client):
    desk = SourceFactory(name="Transfer Desk", kind=Source.Kind.DESK)
    claim = TransferClaimFactory(source=desk, quote="")

    html = client.get(claim.article.get_absolute_url()).content.decode()

    assert (
        f'according to <a href="{desk.get_absolute_url()}">our own reporting</a>'
        in (html)
    )


def test_a_claim_sourced_to_a_journalist_names_them_and_their_tier(client):
    reporter = SourceFactory(name="Lia Conti", reliability_tier=2)
    claim = TransferClaimFactory(source=reporter, quote="")

    assert "according to Lia Conti (tier 2)" in page_text(client, claim)
