"""The squad view's repeated fragments (``_squad_fragments.jinja``, #19).

The squad notes, the depth charts and the rumoured moves were included
templates, then template tags, and are Jinja2 macros the squad view's body
imports now, for the page's rendering time; they write the same markup,
escaped as the templates escaped it.
"""

import datetime as dt

from django.template import engines

from rumours.models.squad import Link
from rumours.models.squad_notes import NoteHistory

from .factories import ClubFactory, PlayerFactory, SourceFactory, SquadNoteFactory

FRAGMENTS = "rumours/_squad_fragments.jinja"


def macro(name):
    """Return the macro ``name``, as the squad view's body imports it."""
    return getattr(engines["jinja2"].env.get_template(FRAGMENTS).module, name)


def squad_rumours(rumours_in, rumours_out, club):
    return macro("squad_rumours")(rumours_in, rumours_out, club)


def squad_notes(notes):
    return macro("squad_notes")(notes)


def depth_chart_svg(chart):
    return macro("depth_chart")(chart)


def player(name="Radu Dragusin"):
    return PlayerFactory.build(name=name, slug="radu-dragusin")


def club(short_name, slug=None):
    return ClubFactory.build(short_name=short_name, slug=slug or short_name.lower())


def test_a_player_linked_with_three_clubs_names_the_last_after_and():
    link = Link(player(), clubs=[club("Milan"), club("Napoli"), club("Roma")])

    html = squad_rumours([], [link], club("Spurs"))

    assert ': linked with <a\n    href="/clubs/milan/">Milan</a>, <a\n' in html
    assert 'Napoli</a> and <a\n    href="/clubs/roma/">Roma</a></p>' in html


def test_a_side_described_without_a_name_follows_the_named_ones():
    link = Link(player(), direction="in", clubs=[club("Genoa")], described=["a host"])

    html = squad_rumours([link], [], club("Spurs"))

    assert '"/clubs/genoa/">Genoa</a>; a host</p>' in html


def test_what_the_club_and_player_said_follows_in_order():
    link = Link(player(), surplus=True, wants_to_leave=True, blocked=True)

    html = squad_rumours([], [link], club("Spurs"))

    assert html.endswith(
        "</a>; Spurs are willing to sell; wants to leave; "
        "Spurs are blocking a move</p>\n</dd>\n<dt>Rumours in</dt>\n<dd>None</dd>\n"
    )


def test_names_and_described_sides_are_escaped():
    link = Link(player("Ali <b>"), described=["clubs in <i>Portugal</i>"])

    html = squad_rumours([], [link], club("A&B"))

    assert "Ali &lt;b&gt;</a>: linked with clubs in &lt;i&gt;Portugal&lt;/i&gt;" in html


def test_a_position_without_notes_says_so():
    assert squad_notes(NoteHistory("CB")) == "No note\n"


def test_earlier_notes_are_listed_under_the_current_one_with_their_count():
    source = SourceFactory.build(name="Mirko Di Natale", slug="mirko")
    notes = [
        SquadNoteFactory.build(count=4, note="", noted_on=dt.date(2026, 1, 8)),
        SquadNoteFactory.build(count=3, note="Cover", noted_on=None, source=source),
    ]

    html = squad_notes(NoteHistory("CB", notes))

    assert html == (
        'Target 4 <span class="note-credit">(<time datetime="2026-01-08">'
        "8 January 2026</time>)</span>\n\n"
        '<details class="squad-note-history">\n'
        "  <summary>Earlier notes (1)</summary>\n"
        '  <ul><li>Target 3. Cover <span class="note-credit">(undated, '
        '<a href="/sources/mirko/">Mirko Di Natale</a>)</span>\n</li></ul>\n'
        "</details>\n"
    )


def test_a_depth_chart_crosses_out_the_unavailable_and_marks_the_target():
    chart = {
        "label": "Centre-back: 1 available <specialist>",
        "width": "70",
        "slots": [
            {"kind": "unavailable", "name": "Ali", "x": "4", "cross": "M7 7 l12 12"},
            {"kind": "specialist", "name": "Ben & Co", "x": "26", "cross": ""},
        ],
        "target_x": "46",
    }

    svg = depth_chart_svg(chart)

    assert 'aria-label="Centre-back: 1 available &lt;specialist&gt;"' in svg
    assert '<title>Ali</title></rect><path class="slot-cross"\n      d="M7 7' in svg
    assert '<title>Ben &amp; Co</title></rect>\n  <line class="target-line"' in svg
    assert svg.endswith('x2="46" y2="26"/>\n</svg>\n')
