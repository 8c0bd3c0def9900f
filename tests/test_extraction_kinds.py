"""The kind of claim comes from the wording, with negation and tense (#14)."""

import datetime as dt

import pytest

from .factories import PlayerFactory
from .support.extraction import claims, propose, small_newsroom

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def newsroom():
    small_newsroom()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("AC Milan are keen on Radu Dragusin.", "interest"),
        ("AC Milan have enquired about Radu Dragusin.", "enquiry"),
        ("AC Milan have lodged a bid for Radu Dragusin.", "bid"),
        ("AC Milan have had a bid for Radu Dragusin rejected.", "bid_rejected"),
        ("AC Milan are in talks with Spurs over Radu Dragusin.", "negotiation"),
        (
            "Radu Dragusin has agreed personal terms with AC Milan.",
            "personal_terms_agreed",
        ),
        ("AC Milan have agreed a fee with Spurs for Radu Dragusin.", "fee_agreed"),
        ("Radu Dragusin is having a medical at AC Milan.", "medical"),
        ("Radu Dragusin to AC Milan, here we go!", "completed"),
        ("Radu Dragusin wants to leave Spurs.", "wants_to_leave"),
        ("Spurs have blocked a move for Radu Dragusin.", "blocked"),
        ("Spurs want £40m for Radu Dragusin.", "asking_price"),
        ("Radu Dragusin has a €60m release clause.", "release_clause"),
        ("Radu Dragusin has turned down a move to AC Milan.", "player_rejects"),
        ("Spurs are willing to sell Radu Dragusin.", "willing_to_sell"),
        ("Radu Dragusin has been transfer-listed by Spurs.", "transfer_listed"),
        ("Radu Dragusin is in talks over a new contract with Spurs.", "contract_talks"),
        ("Spurs have offered Radu Dragusin a new contract.", "contract_offer"),
        ("Radu Dragusin is refusing to sign a new contract.", "refuses_to_renew"),
        ("Radu Dragusin has signed a new contract with Spurs.", "contract_extension"),
        ("AC Milan have denied making a bid for Radu Dragusin.", "denied"),
        ("Spurs declined to confirm an approach for Radu Dragusin.", "not_confirmed"),
    ],
)
def test_each_kind_has_its_wording(text, kind):
    assert [claim[3] for claim in claims(text)] == [kind]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Radu Dragusin has said no to AC Milan.", "player_rejects"),
        ("Spurs said no to AC Milan's bid for Radu Dragusin.", "bid_rejected"),
        (
            "AC Milan and Spurs have found the agreement for Radu Dragusin.",
            "fee_agreed",
        ),
        ("AC Milan have agreed a season-long loan for Radu Dragusin.", "fee_agreed"),
        ("Radu Dragusin is undergoing his physical with AC Milan.", "medical"),
        ("AC Milan and Spurs discuss Radu Dragusin.", "negotiation"),
        ("Spurs have put a stop to any move for Radu Dragusin.", "blocked"),
        ("Spurs will not let Radu Dragusin go for less than €45m.", "asking_price"),
        ("Spurs ask €40m for Radu Dragusin.", "asking_price"),
        ("Spurs demand a fee of around €40m for Radu Dragusin.", "asking_price"),
        ("Spurs would be open to moving Radu Dragusin on.", "willing_to_sell"),
        ("AC Milan launch £15m move for Radu Dragusin.", "bid"),
        ("AC Milan are following the situation of Radu Dragusin.", "interest"),
        ("AC Milan are following Radu Dragusin with great attention.", "interest"),
        ("AC Milan are keeping an eye on Radu Dragusin.", "interest"),
        ("AC Milan are preparing a $40 million bid for Radu Dragusin.", "interest"),
        ("Spurs are working on the renewal of Radu Dragusin.", "contract_talks"),
        (
            "Spurs have opened talks with Radu Dragusin over an early contract "
            "extension.",
            "contract_talks",
        ),
        (
            "Radu Dragusin has rejected Spurs' offer of a new contract.",
            "refuses_to_renew",
        ),
    ],
)
def test_wider_wordings_found_on_the_held_out_book(text, kind):
    assert [claim[3] for claim in claims(text)] == [kind]


def test_a_negated_offer_is_no_bid():
    assert claims("AC Milan have not made an offer for Radu Dragusin.") == []


def test_a_contraction_negates_too():
    assert claims("Napoli haven't enquired about Radu Dragusin.") == []


def test_a_block_written_with_a_negation_is_still_a_block():
    found = claims("Spurs do not want to let Radu Dragusin leave.")

    assert found == [("Radu Drăgușin", "Tottenham Hotspur", None, "blocked")]


def test_a_denial_drops_the_claim_it_denies():
    assert [c[3] for c in claims("Napoli deny a bid for Radu Dragusin.")] == ["denied"]


def test_back_in_the_winter_dates_the_claim_in_the_winter_window():
    found = propose(
        "Back in the winter, AC Milan made a bid for Radu Dragusin.",
        reported_on=dt.date(2026, 8, 20),
    )

    assert found[0]["event"] == {"date": "2026-01-15", "precision": "winter"}


def test_last_summer_counts_back_from_the_report():
    found = propose(
        "AC Milan were interested in Radu Dragusin last summer.",
        reported_on=dt.date(2026, 3, 1),
    )

    assert found[0]["event"] == {"date": "2025-07-15", "precision": "summer"}


def test_a_window_still_to_come_is_no_event():
    found = propose("AC Milan will bid for Radu Dragusin in January.")

    assert found[0]["event"] is None


def test_a_loan_with_an_option_is_the_deal_type():
    found = propose("AC Milan want Radu Dragusin on loan with an option to buy.")

    assert found[0]["deal_type"] == "loan_with_option"


def test_each_proposal_names_its_rule_and_sentence_offsets():
    text = "Nothing new here. AC Milan have lodged a bid for Radu Dragusin."

    found = propose(text)[0]

    start, end = found["sentence"]["start"], found["sentence"]["end"]
    assert text[start:end] == found["sentence"]["text"] == found["quote"]
    assert found["rule"] == "bid"


def test_a_loan_with_no_option_is_a_plain_loan():
    found = propose(
        "AC Milan have agreed a loan for Radu Dragusin with no option to buy."
    )

    assert found[0]["deal_type"] == "loan"


def test_a_claim_carried_to_the_next_sentence_keeps_the_paragraphs_suitor():
    found = claims("Radu Dragusin to AC Milan, here we go! Medical booked.")

    assert found == [
        ("Radu Drăgușin", "Tottenham Hotspur", "AC Milan", "completed"),
        ("Radu Drăgușin", "Tottenham Hotspur", "AC Milan", "medical"),
    ]


def test_a_clause_without_a_player_is_about_the_sentences_player():
    found = claims(
        "AC Milan are keen on Radu Dragusin, and Spurs are ready to cash in."
    )

    assert [claim[3] for claim in found] == ["interest", "willing_to_sell"]


def test_another_clubs_interest_after_a_price_is_a_claim_of_its_own():
    found = claims("Spurs slap £60m price tag on Radu Dragusin amid Napoli interest")

    assert found == [
        ("Radu Drăgușin", "Tottenham Hotspur", None, "asking_price"),
        ("Radu Drăgușin", "Tottenham Hotspur", "SSC Napoli", "interest"),
    ]


def test_interest_the_sentence_only_mentions_is_no_claim():
    found = claims(
        "Spurs have offered Radu Dragusin a new contract to fend off interest."
    )

    assert [claim[3] for claim in found] == ["contract_offer"]


def test_a_player_turning_down_an_approach_rejects_the_move():
    found = claims("Radu Dragusin has turned down Napoli's approach.")

    assert found == [
        ("Radu Drăgușin", "Tottenham Hotspur", "SSC Napoli", "player_rejects")
    ]


def test_talks_after_a_contracts_talks_are_the_same_talks():
    text = (
        "Spurs are working on the renewal of Radu Dragusin. "
        "Talks with his entourage are going well."
    )

    assert {claim[3] for claim in claims(text)} == {"contract_talks"}


def test_the_club_a_seller_sold_him_to_is_the_suitor():
    found = claims("Spurs sold Radu Dragusin to Napoli.")

    assert found == [("Radu Drăgușin", "Tottenham Hotspur", "SSC Napoli", "completed")]


def test_a_club_he_left_before_is_no_side():
    PlayerFactory(name="Sam Okafor", slug="sam-okafor", current_club=None)

    found = claims(
        "Napoli have enquired about Sam Okafor, without a club since leaving Spurs."
    )

    assert found == [("Sam Okafor", None, "SSC Napoli", "enquiry")]


def test_of_two_subjects_the_players_own_club_is_the_seller():
    text = (
        "AC Milan have agreed personal terms with Radu Dragusin and are working "
        "on a fee with Spurs, who want €40m."
    )

    found = [claim for claim in claims(text) if claim[3] == "asking_price"]

    assert found == [("Radu Drăgușin", "Tottenham Hotspur", None, "asking_price")]
