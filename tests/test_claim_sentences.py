"""Every stage reads as a sentence on the story page, with its parties linked."""

import re

import pytest
from django.utils.html import strip_tags

from rumours.models import TransferClaim

from .factories import ArticleFactory, ClubFactory, PlayerFactory, TransferClaimFactory

pytestmark = pytest.mark.django_db

Type = TransferClaim.Type

SEEN_BY_READERS = {
    Type.INTEREST: "Milan are interested in Dario Neri",
    Type.ENQUIRY: "Milan have made an enquiry for Dario Neri",
    Type.BID: "Milan have made a bid for Dario Neri",
    Type.BID_REJECTED: "Milan have had a bid for Dario Neri rejected",
    Type.NEGOTIATION: "Milan are negotiating for Dario Neri",
    Type.PERSONAL_TERMS_AGREED: "Dario Neri has agreed personal terms with Milan",
    Type.FEE_AGREED: "Milan have agreed a fee for Dario Neri",
    Type.MEDICAL: "Dario Neri is having a medical with Milan",
    Type.COMPLETED: "Dario Neri has completed a move to Milan",
    Type.DENIED: "A move for Dario Neri to Milan has been denied",
    Type.BLOCKED: "Genoa are blocking a move for Dario Neri",
    Type.WANTS_TO_LEAVE: "Dario Neri wants to leave Genoa",
    Type.CONTRACT_EXTENSION: "Dario Neri is extending his contract with Genoa",
    Type.ASKING_PRICE: "Genoa have set an asking price for Dario Neri",
    Type.RELEASE_CLAUSE: "Dario Neri has a release clause in his contract with Genoa",
    Type.PLAYER_REJECTS: "Dario Neri has turned down a move to Milan",
    Type.WILLING_TO_SELL: "Genoa are willing to let Dario Neri go",
    Type.TRANSFER_LISTED: "Genoa have made Dario Neri available for transfer",
    Type.CONTRACT_TALKS: "Dario Neri is in talks over a new contract with Genoa",
    Type.CONTRACT_OFFER: "Genoa have offered Dario Neri a new contract",
    Type.REFUSES_TO_RENEW: "Dario Neri is refusing to sign a new contract with Genoa",
    Type.NOT_CONFIRMED: "A move for Dario Neri to Milan has not been confirmed",
}


def story_text(client, claim_type, **sides):
    genoa = ClubFactory(short_name="Genoa")
    player = PlayerFactory(name="Dario Neri", current_club=genoa)
    article = ArticleFactory()
    fields = {"from_club": genoa, "to_club": ClubFactory(short_name="Milan")}
    fields.update(sides)
    TransferClaimFactory(
        article=article, player=player, claim_type=claim_type, **fields
    )
    html = client.get(article.get_absolute_url()).content.decode()
    return re.sub(r"\s+", " ", strip_tags(html))


def test_every_stage_has_a_sentence_here():
    assert set(SEEN_BY_READERS) == set(Type)


@pytest.mark.parametrize(("claim_type", "sentence"), SEEN_BY_READERS.items())
def test_each_stage_reads_as_its_sentence(client, claim_type, sentence):
    assert sentence in story_text(client, claim_type)


def test_a_missing_suitor_reads_as_an_unnamed_club(client):
    text = story_text(client, Type.INTEREST, to_club=None)

    assert "An unnamed club are interested in Dario Neri" in text


def test_an_unnamed_seller_reads_as_his_club(client):
    text = story_text(
        client, Type.WANTS_TO_LEAVE, from_club=None, to_club=ClubFactory()
    )

    assert "Dario Neri wants to leave his club" in text


def test_a_described_suitor_reads_as_the_story_described_it(client):
    text = story_text(
        client, Type.INTEREST, to_club=None, to_described="a host of Bundesliga clubs"
    )

    assert (
        "A host of Bundesliga clubs are interested in Dario Neri "
        "(Genoa → a host of Bundesliga clubs)"
    ) in text


def test_a_described_seller_reads_as_the_story_described_it(client):
    text = story_text(
        client, Type.ASKING_PRICE, from_club=None, from_described="his Serie B club"
    )

    assert "His Serie B club have set an asking price for Dario Neri" in text


def test_an_unnamed_seller_is_not_called_a_free_agent(client):
    text = story_text(client, Type.INTEREST, from_club=None)

    assert "(club not named → Milan)" in text


def test_a_free_agent_reads_as_one(client):
    text = story_text(client, Type.INTEREST, from_club=None, free_agent=True)

    assert "(free agent → Milan)" in text


def test_an_unnamed_suitor_keeps_the_selling_club_in_view(client):
    text = story_text(client, Type.INTEREST, to_club=None)

    assert "An unnamed club are interested in Dario Neri (Genoa → unnamed club)" in text


def test_a_wish_to_leave_with_no_destination_adds_no_route(client):
    text = story_text(client, Type.WANTS_TO_LEAVE, to_club=None)

    assert "Dario Neri wants to leave Genoa, " in text


def test_a_blocked_move_names_the_destination_it_blocks(client):
    text = story_text(client, Type.BLOCKED)

    assert "Genoa are blocking a move for Dario Neri (Genoa → Milan)" in text
