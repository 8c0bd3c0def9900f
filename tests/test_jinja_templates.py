"""The reader's bodies written in Jinja2 for speed (``reader/jinja.py``, #19).

They must behave as Django's templates do: escape what they write, print
nothing for what is missing, and see the context of the page that
includes them.
"""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import timezone

from rumours.reader.jinja import environment
from rumours.templatetags.rumours_tags import story_card

from .factories import (
    ArticleFactory,
    ClubFactory,
    PlayerFactory,
    TransferClaimFactory,
)


@pytest.mark.django_db
def test_the_squad_body_escapes_a_players_name_in_the_pitch_and_the_form(client):
    club = ClubFactory(short_name="Spurs")
    PlayerFactory(current_club=club, name="Ali <b>Bold</b>", injured=True)
    TransferClaimFactory(
        player=PlayerFactory(name="Sam <i>Leaning</i>"),
        to_club=club,
        claim_type="enquiry",
    )

    html = client.get(club.get_squad_url()).content.decode()

    assert "<b>Bold" not in html
    assert "<i>Leaning" not in html
    assert "Ali &lt;b&gt;Bold&lt;/b&gt; <span" in html
    assert "Sam &lt;i&gt;Leaning&lt;/i&gt; arrives" in html


def test_autoescaping_stays_on_whatever_the_settings_ask():
    env = environment(autoescape=False, loader=None)

    assert env.from_string("{{ name }}").render(name="<b>") == "&lt;b&gt;"


def test_a_missing_attribute_prints_nothing_as_in_djangos_templates():
    env = environment(loader=None)

    assert env.from_string("[{{ row.outlook.after }}]").render(row=None) == "[]"


def test_include_jinja_renders_with_the_including_templates_context():
    page = Template(
        "{% load rumours_tags %}{% with club=spurs %}"
        '{% include_jinja "rumours/_club_squad_body.jinja" %}{% endwith %}'
    )

    html = page.render(
        Context({"spurs": ClubFactory.build(short_name="Spurs & Co"), "moves": []})
    )

    assert "in or out of Spurs &amp; Co right now" in html
    assert '<section class="what-if"' in html  # not escaped a second time


@pytest.mark.django_db
def test_a_story_cards_time_is_in_the_current_time_zone_as_djangos_filters_give_it():
    story = ArticleFactory(published_at=dt.datetime(2026, 1, 31, 23, 30, tzinfo=dt.UTC))

    with timezone.override("Europe/Madrid"):
        html = story_card(story)

    assert (
        '<time datetime="2026-02-01T00:30:00+01:00">1 February 2026, 00:30</time>'
        in html
    )
