"""Claims come with their words and links, as the site shows them (#17).

A partner's "latest rumours" widget needs no label map or grammar of its
own: the sentence, the kind, the attribution, the money and the outcome in
words, and a link for the claim, its player, clubs and source.
"""

import re

import pytest
from django.utils.html import strip_tags

from rumours.models import Attribution

from ..factories import (
    ArticleFactory,
    AttributionFactory,
    ClaimAmountFactory,
    ClubFactory,
    PlayerFactory,
    SourceFactory,
    TransferClaimFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def napoli_bid():
    napoli = ClubFactory(short_name="Napoli", slug="napoli")
    claim = TransferClaimFactory(
        player=PlayerFactory(name="Carlos Baleba", slug="carlos-baleba"),
        to_club=napoli,
        claim_type="negotiation",
        source=SourceFactory(name="Kicker", reliability_tier=2),
        article=ArticleFactory(slug="napoli-talks"),
    )
    AttributionFactory(
        claim=claim,
        source=SourceFactory(name="Sky Sport Deutschland", reliability_tier=1),
        role=Attribution.Role.RELAY,
    )
    ClaimAmountFactory(claim=claim, amount="40000000.00", qualifier="around")
    return claim


def widget_lines(api, club):
    """Build the widget from one call, with nothing but the API's own words."""
    body = api.get(f"/api/v1/claims/?club={club}").json()
    return [
        f"{claim['sentence']}, {claim['attribution_text']}. "
        f"{claim['amounts_display']} [{claim['outcome_label']}] → {claim['url']}"
        for claim in body["results"]
    ]


def test_a_club_widget_reads_each_claim_in_words_with_its_link(api, napoli_bid):
    [line] = widget_lines(api, "napoli")

    assert line == (
        "Napoli are negotiating for Carlos Baleba, according to Kicker (tier 2), "
        "via Sky Sport Deutschland (tier 1). a fee of around €40m [Open] → "
        f"http://testserver/stories/napoli-talks/#claim-{napoli_bid.pk}"
    )


def test_the_api_sentence_is_the_one_on_the_story_page(api, client, napoli_bid):
    body = api.get(f"/api/v1/claims/{napoli_bid.pk}/").json()

    page = client.get(napoli_bid.article.get_absolute_url()).content.decode()

    assert body["sentence"] in re.sub(r"\s+", " ", strip_tags(page))


def test_the_claim_link_lands_on_its_place_in_the_story(api, client, napoli_bid):
    body = api.get(f"/api/v1/claims/{napoli_bid.pk}/").json()
    path, anchor = body["url"].removeprefix("http://testserver").split("#")

    page = client.get(path).content.decode()

    assert f'id="{anchor}"' in page


def test_people_clubs_and_sources_link_to_their_pages(api, napoli_bid):
    body = api.get(f"/api/v1/claims/{napoli_bid.pk}/").json()

    assert (
        body["player"]["url"],
        body["to_club"]["url"],
        body["source"]["url"],
    ) == (
        "http://testserver/players/carlos-baleba/",
        "http://testserver/clubs/napoli/",
        f"http://testserver/sources/{napoli_bid.source.slug}/",
    )


def test_an_unattributed_claim_reads_reportedly_and_never_as_the_desks(api):
    claim = TransferClaimFactory(source=None)

    body = api.get(f"/api/v1/claims/{claim.pk}/").json()

    assert (body["attribution_text"], body["attributed"]) == ("reportedly", False)


def test_a_widget_pages_through_a_clubs_rumours_one_call_a_page(api):
    club = ClubFactory(short_name="Napoli", slug="napoli")
    for name in ("Ada One", "Ben Two", "Cal Three"):
        TransferClaimFactory(to_club=club, player=PlayerFactory(name=name))

    first = api.get("/api/v1/claims/?club=napoli&page_size=2").json()
    second = api.get(first["next"]).json()

    sentences = [c["sentence"] for c in first["results"] + second["results"]]
    assert sentences == [
        "Napoli have made an enquiry for Cal Three",
        "Napoli have made an enquiry for Ben Two",
        "Napoli have made an enquiry for Ada One",
    ]
    assert second["next"] is None
