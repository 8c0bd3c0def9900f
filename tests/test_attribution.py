"""Only a claim the desk sourced to itself is credited to the desk (#13).

A claim whose story names no source reads "reportedly" on the page and is
marked unattributed in the API; "our own reporting" needs a source of kind
desk.
"""

import pytest
from django.test import Client
from django.utils.html import strip_tags

from rumours.models import Source

from .factories import AttributionFactory, SourceFactory, TransferClaimFactory
from .support.editorial import change_form, editor, logged_in, reporter, save_change

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


# The chain: originator, relays and speakers, said the way a careful reader would


def chain_text(client, source=None, *credits):
    claim = TransferClaimFactory(source=source, quote="")
    for position, (role, credited) in enumerate(credits):
        AttributionFactory(claim=claim, source=credited, role=role, position=position)
    return page_text(client, claim)


def test_a_relay_follows_the_originator_after_via(client):
    kicker = SourceFactory(name="Kicker", reliability_tier=2)
    sky = SourceFactory(name="Sky Sport Deutschland", reliability_tier=1)

    text = chain_text(client, kicker, ("relay", sky))

    assert "according to Kicker (tier 2), via Sky Sport Deutschland (tier 1)" in text


def test_relays_are_listed_in_the_storys_order(client):
    kicker = SourceFactory(name="Kicker", reliability_tier=2)
    sky = SourceFactory(name="Sky Sport Deutschland", reliability_tier=1)
    blog = SourceFactory(name="Calcio Hub", reliability_tier=None)

    text = chain_text(client, kicker, ("relay", sky), ("relay", blog))

    assert (
        "according to Kicker (tier 2), via Sky Sport Deutschland (tier 1) "
        "and Calcio Hub (not yet rated)"
    ) in text


def test_three_relays_read_as_a_list_ending_in_and(client):
    kicker = SourceFactory(name="Kicker", reliability_tier=2)
    relays = [
        ("relay", SourceFactory(name=name, reliability_tier=3))
        for name in ("Sky Sport Deutschland", "Calcio Hub", "Foot Daily")
    ]

    text = chain_text(client, kicker, *relays)

    assert (
        "according to Kicker (tier 2), via Sky Sport Deutschland (tier 3), "
        "Calcio Hub (tier 3) and Foot Daily (tier 3)"
    ) in text


def test_a_speaker_told_the_originator(client):
    gazzetta = SourceFactory(name="La Gazzetta dello Sport", reliability_tier=1)
    agent = SourceFactory(
        name="the player’s agent", kind=Source.Kind.AGENT, reliability_tier=2
    )

    text = chain_text(client, gazzetta, ("speaker", agent))

    assert (
        "as the player’s agent (tier 2) told La Gazzetta dello Sport (tier 1)" in text
    )


def test_a_speaker_with_no_originator_is_quoted_directly(client):
    agent = SourceFactory(name="Luca Bassi", kind=Source.Kind.AGENT, reliability_tier=2)

    assert "according to Luca Bassi (tier 2)" in chain_text(
        client, None, ("speaker", agent)
    )


def test_a_speaker_who_told_the_desk_told_us(client):
    desk = SourceFactory(name="Transfer Desk", kind=Source.Kind.DESK)
    coach = SourceFactory(name="Marta Lind", reliability_tier=None)

    assert "as Marta Lind (not yet rated) told us" in chain_text(
        client, desk, ("speaker", coach)
    )


def test_a_relay_with_no_originator_is_still_reportedly(client):
    aggregator = SourceFactory(name="Transfer Roundup", reliability_tier=4)

    text = chain_text(client, None, ("relay", aggregator))

    assert "reportedly, via Transfer Roundup (tier 4)" in text
    assert "our own reporting" not in text


# Entered on the claim's page, as the story's workflow allows


def test_an_editor_adds_a_relay_on_the_claims_page():
    claim = TransferClaimFactory()
    relay = SourceFactory(name="Calcio Hub")
    client = logged_in(Client(), editor())
    data = change_form(client, claim)
    data.update(
        {
            "attributions-TOTAL_FORMS": "1",
            "attributions-0-source": str(relay.pk),
            "attributions-0-role": "relay",
            "attributions-0-position": "0",
        }
    )

    response = save_change(client, claim, data)

    assert response.status_code == 302, response.content[:2000]
    assert [(row.source, row.role) for row in claim.attributions.all()] == [
        (relay, "relay")
    ]


def test_a_reporter_cannot_change_the_chain_of_a_published_story():
    claim = TransferClaimFactory()
    AttributionFactory(claim=claim)
    client = logged_in(Client(), reporter())

    response = client.get(f"/admin/rumours/transferclaim/{claim.pk}/change/")

    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "attributions"
    )
    assert not formset.can_delete
    assert response.context["inline_admin_formsets"][0].has_change_permission is False
