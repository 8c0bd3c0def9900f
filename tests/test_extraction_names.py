"""Names: the newsroom's own, spelt any way, and new ones (#14)."""

import pytest

from rumours.extraction import current_gazetteer

from .factories import ClubFactory, PlayerFactory
from .support.extraction import claims, propose, small_newsroom

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def newsroom():
    small_newsroom()


def test_accents_are_ignored():
    assert claims("AC Milan are keen on Radu Dragusin.")[0][0] == "Radu Drăgușin"


def test_a_possessive_club_is_the_selling_club():
    found = claims("Napoli have enquired about Tottenham's Radu Dragusin.")

    assert found == [("Radu Drăgușin", "Tottenham Hotspur", "SSC Napoli", "enquiry")]


def test_an_alias_with_a_possessive_apostrophe():
    found = claims("Napoli are monitoring Spurs' defender Radu Dragusin.")

    assert found[0][1:3] == ("Tottenham Hotspur", "SSC Napoli")


def test_the_longest_name_wins():
    assert claims("AC Milan are keen on Radu Dragusin.")[0][2] == "AC Milan"


def test_a_surname_alone_unique_in_the_newsroom():
    assert claims("AC Milan are keen on Dragusin.")[0][0] == "Radu Drăgușin"


def test_a_shared_surname_is_the_player_named_in_full_earlier():
    found = claims("Luca Rossi is in demand. AC Milan have made a bid for Rossi.")

    assert found[-1][0] == "Luca Rossi"


def test_a_shared_surname_without_context_is_no_one():
    assert claims("Spurs have made a bid for Rossi.") == []


def test_a_near_spelling_is_matched_by_edit_distance():
    found = propose("AC Milan are keen on Radu Dragusen.")

    assert (found[0]["player"], found[0]["new"]) == ("Radu Drăgușin", [])


def test_an_unknown_player_near_transfer_words_is_proposed_as_new():
    found = propose("AC Milan have made a bid for Felix Baumann.")

    assert (found[0]["player"], found[0]["player_id"], found[0]["new"]) == (
        "Felix Baumann",
        None,
        [{"field": "player", "name": "Felix Baumann"}],
    )


def test_an_unknown_club_as_a_suitor_is_proposed_as_new():
    found = propose("Hertha Berlin have made a bid for Radu Dragusin.")

    assert (found[0]["to_club"], found[0]["new"]) == (
        "Hertha Berlin",
        [{"field": "to_club", "name": "Hertha Berlin"}],
    )


def test_a_coach_is_not_proposed_as_a_player():
    assert claims("Thomas Frank does not want to let Radu Dragusin leave.") == [
        ("Radu Drăgușin", "Tottenham Hotspur", None, "blocked")
    ]


def test_a_described_suitor_keeps_its_words_and_competition():
    ClubFactory(
        name="Hertha", competition__name="Bundesliga", competition__country="Germany"
    )

    found = propose("A host of Bundesliga clubs are tracking Radu Dragusin.")

    assert found[0]["to_described"] == {
        "text": "A host of Bundesliga clubs",
        "competition": "Bundesliga",
        "country": "Germany",
    }


def test_the_gazetteer_is_kept_while_the_names_stay_the_same():
    first = current_gazetteer()

    assert current_gazetteer() is first


def test_the_gazetteer_is_rebuilt_when_a_name_is_added():
    first = current_gazetteer()

    PlayerFactory(name="Felix Baumann")

    assert current_gazetteer() is not first
    assert claims("AC Milan have made a bid for Baumann.")[0][0] == "Felix Baumann"
