"""Who the copy credits: originator, relays and speakers (#14)."""

import pytest

from .factories import SourceFactory
from .support.extraction import propose, small_newsroom

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def newsroom():
    small_newsroom()


def chain(text):
    found = propose(text)[0]
    return found["source"], [(a["role"], a["source"]) for a in found["attributions"]]


@pytest.mark.parametrize(
    "text",
    [
        "AC Milan are keen on Radu Dragusin, according to Kicker.",
        "AC Milan are keen on Radu Dragusin, Kicker reports.",
        "AC Milan are keen on Radu Dragusin, as revealed by Kicker.",
        "AC Milan are keen on Radu Dragusin (per Kicker).",
    ],
)
def test_the_outlet_that_reports_is_the_originator(text):
    assert chain(text) == ("kicker", [])


def test_via_is_a_relay():
    text = "AC Milan are keen on Radu Dragusin, Kicker reports, via Sky Italia."

    assert chain(text) == ("kicker", [("relay", "sky-italia")])


def test_a_journalist_of_an_outlet_is_the_originator():
    text = "Kicker's Lena Vogt reports that AC Milan are keen on Radu Dragusin."

    assert chain(text) == ("lena-vogt", [])


def test_an_agent_who_told_an_outlet_is_a_speaker_not_the_source():
    text = "Paolo Serra told Kicker that Radu Dragusin wants to leave Spurs."

    assert chain(text) == ("kicker", [("speaker", "paolo-serra")])


def test_his_agent_speaking_is_the_players_agent():
    text = "Radu Dragusin wants to leave Spurs, his agent said."

    assert chain(text) == (None, [("speaker", "paolo-serra")])


def test_an_unknown_outlet_is_proposed_as_a_new_source():
    found = propose("AC Milan are keen on Radu Dragusin, according to Il Foglio.")[0]

    assert (found["source"], found["new"]) == (
        "Il Foglio",
        [{"field": "source", "name": "Il Foglio"}],
    )


def test_no_source_named_is_none():
    assert chain("AC Milan are keen on Radu Dragusin.") == (None, [])


def test_an_outlet_is_named_by_its_word_after_the_article():
    SourceFactory(name="La Gazzetta dello Sport", slug="gazzetta", kind="outlet")

    text = "AC Milan are keen on Radu Dragusin, according to Gazzetta."

    assert chain(text) == ("gazzetta", [])


def test_a_source_named_in_capitals_is_not_the_word_as():
    SourceFactory(name="AS", slug="as", kind="outlet")

    text = "As Kicker reports, AC Milan are keen on Radu Dragusin."

    assert chain(text) == ("kicker", [])


def test_a_new_outlet_with_an_italian_particle_keeps_its_whole_name():
    text = "AC Milan are keen on Radu Dragusin, writes Corriere dello Sport."

    assert chain(text) == ("Corriere dello Sport", [])


def test_a_new_outlet_that_reports_is_no_new_player():
    found = propose("AC Milan have bid for Radu Dragusin, Il Messaggero reports.")

    assert [(p["player"], p["source"]) for p in found] == [
        ("Radu Drăgușin", "Il Messaggero")
    ]
