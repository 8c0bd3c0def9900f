"""Squad notes (#13): targets, needs and surpluses, dated and sourced, with history."""

import datetime as dt
import re
from html import unescape

import pytest
import time_machine
from django.utils import timezone

from rumours.models import Club, Position, SquadNote
from rumours.models.squad import squad_depth
from rumours.services.interchange import (
    NewsroomImportError,
    dump_newsroom,
    export_newsroom,
    import_newsroom,
)

from .factories import (
    ArticleFactory,
    ClubFactory,
    ClubRoleFactory,
    PlayerFactory,
    SourceFactory,
    SquadNoteFactory,
)
from .support.admin_forms import admin_url, count_queries, form_data

pytestmark = pytest.mark.django_db

JAN = dt.date(2026, 1, 10)


def text_of(response):
    html = re.sub(r"<svg\b.*?</svg>", " ", response.content.decode(), flags=re.S)
    html = re.sub(r"</?(?:a|span|time)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def import_notes(*notes, clubs=({"name": "Test FC"},)):
    import_newsroom(
        {
            "format": "transfer-desk-newsroom",
            "version": 2,
            "clubs": list(clubs),
            "squad_targets": list(notes),
        }
    )


# ---------------------------------------------------------------- the history


def test_a_newer_note_supersedes_an_older_one_without_erasing_it():
    club = ClubFactory()
    old = SquadNoteFactory(club=club, count=3, noted_on=JAN)
    new = SquadNoteFactory(club=club, count=4, noted_on=JAN + dt.timedelta(days=30))

    notes = squad_depth(club).row(Position.CB).notes

    assert (notes.current, notes.earlier) == (new, [old])


def test_an_undated_note_is_older_than_any_dated_one():
    club = ClubFactory()
    dated = SquadNoteFactory(club=club, noted_on=JAN)
    undated = SquadNoteFactory(club=club, noted_on=None, kind="need", count=None)

    notes = squad_depth(club).row(Position.CB).notes

    assert notes.notes == [dated, undated]


def test_a_need_without_a_number_says_so_and_has_no_balance():
    club = ClubFactory()
    SquadNoteFactory(club=club, kind="need", count=None)

    row = squad_depth(club).row(Position.CB)

    assert (row.balance, row.balance_label, row.balance_kind) == (
        None,
        "Need (no number given)",
        "need",
    )


def test_a_counted_surplus_gives_its_own_number():
    club = ClubFactory()
    SquadNoteFactory(club=club, position=Position.LB, kind="surplus", count=2)

    row = squad_depth(club).row(Position.LB)

    assert (row.balance, row.balance_label) == (2, "Surplus 2")


def test_a_group_target_counts_the_whole_group():
    club = ClubFactory()
    PlayerFactory(current_club=club, primary_position=Position.CB)
    PlayerFactory(current_club=club, primary_position=Position.DF)
    SquadNoteFactory(club=club, position=Position.DF, count=5)

    group = squad_depth(club).group(Position.DF)

    assert (group.balance, group.balance_label) == (-3, "Need 3")


def test_a_wide_defender_note_sits_with_the_defenders():
    club = ClubFactory()
    note = SquadNoteFactory(club=club, position=Position.WD, kind="need", count=None)

    group = squad_depth(club).group(Position.DF)

    assert [notes.current for notes in group.broad_notes] == [note]
    assert group.notes.current is None


def test_a_goalkeeper_note_is_the_row_s_not_the_group_s_again():
    club = ClubFactory()
    SquadNoteFactory(club=club, position=Position.GK, count=2)

    depth = squad_depth(club)

    assert depth.row(Position.GK).notes.target_count == 2
    assert depth.group(Position.GK).notes.current is None


# ---------------------------------------------------------------- the page


def test_squad_page_shows_earlier_notes_with_their_dates(client):
    club = ClubFactory()
    SquadNoteFactory(club=club, count=3, note="Three will do.", noted_on=JAN)
    SquadNoteFactory(club=club, count=4, noted_on=JAN + dt.timedelta(days=40))

    response = client.get(club.get_squad_url())

    text = text_of(response)
    assert "Squad note Target 4" in text
    assert "Earlier notes (1) Target 3. Three will do. (10 January 2026)" in text
    assert '<time datetime="2026-01-10">10 January 2026</time>' in response.text


def test_squad_page_names_the_source_of_a_note(client):
    club = ClubFactory()
    SquadNoteFactory(club=club, source=SourceFactory(name="Club Statement"))

    response = client.get(club.get_squad_url())

    assert "Club Statement" in text_of(response)


def test_squad_page_links_a_note_s_published_story(client):
    club = ClubFactory()
    article = ArticleFactory()
    SquadNoteFactory(club=club, article=article)

    response = client.get(club.get_squad_url())

    assert f'href="{article.get_absolute_url()}">from the story' in (
        response.content.decode()
    )


def test_squad_page_never_links_an_unpublished_story(client):
    club = ClubFactory()
    draft = ArticleFactory(draft=True, headline="Secret plan")
    SquadNoteFactory(club=club, article=draft)

    response = client.get(club.get_squad_url())

    assert draft.get_absolute_url() not in response.content.decode()
    assert "from the story" not in text_of(response)


def test_squad_page_links_a_scheduled_story_once_it_is_due(client):
    club = ClubFactory()
    due = timezone.now() + dt.timedelta(hours=1)
    story = ArticleFactory(published_at=due)
    SquadNoteFactory(club=club, article=story)
    assert story.get_absolute_url() not in client.get(club.get_squad_url()).text

    with time_machine.travel(due + dt.timedelta(minutes=1)):
        response = client.get(club.get_squad_url())

    assert story.get_absolute_url() in response.text


# ---------------------------------------------------------------- interchange


def test_an_older_file_s_target_imports_as_an_undated_target():
    import_notes({"club": "Test FC", "position": "CB", "target_count": 4})

    note = SquadNote.objects.get()
    assert (note.kind, note.count, note.noted_on) == ("target", 4, None)


def test_a_need_without_a_number_imports():
    import_notes(
        {"club": "Test FC", "position": "WD", "kind": "need", "noted_on": "2026-01-10"}
    )

    note = SquadNote.objects.get()
    assert (note.kind, note.count, note.noted_on) == ("need", None, JAN)


def test_a_target_without_a_number_is_refused_on_import():
    with pytest.raises(NewsroomImportError) as error:
        import_notes({"club": "Test FC", "position": "CB", "kind": "target"})

    assert (
        "squad_targets[0].target_count: missing; every squad target needs one"
    ) in str(error.value)
    assert not Club.objects.exists()


def test_two_notes_at_a_position_on_different_days_both_import():
    first = {"club": "Test FC", "position": "CB", "target_count": 3}

    import_notes(
        {**first, "noted_on": "2025-08-01"}, {**first, "noted_on": "2026-01-10"}
    )

    assert SquadNote.objects.count() == 2


def test_notes_round_trip_byte_for_byte():
    SquadNoteFactory(source=SourceFactory(), article=ArticleFactory(), noted_on=JAN)
    SquadNoteFactory(kind="surplus", count=None, position=Position.MF, noted_on=None)
    first = dump_newsroom(export_newsroom())

    import_newsroom(export_newsroom())

    assert dump_newsroom(export_newsroom()) == first
    assert SquadNote.objects.count() == 2


# ---------------------------------------------------------------- admin


def post_note(admin_client, club, **fields):
    """Post the club's admin page with one new inline note of ``fields``."""
    url = admin_url(Club, "change", club.pk)
    data = form_data(admin_client.get(url), "club_form")
    data.update({f"squad_notes-0-{name}": value for name, value in fields.items()})
    return admin_client.post(url, data)


def test_club_admin_adds_a_note_inline(admin_client):
    club = ClubFactory()

    response = post_note(
        admin_client, club, position="DF", kind="need", noted_on="2026-01-10"
    )

    assert response.status_code == 302, response.context["errors"]
    assert club.squad_notes.get().position == "DF"


def test_club_admin_refuses_a_new_note_without_a_date(admin_client):
    club = ClubFactory()

    response = post_note(admin_client, club, position="CB", count="2")

    assert response.status_code == 200
    assert not club.squad_notes.exists()


def test_club_admin_refuses_a_target_without_a_count(admin_client):
    club = ClubFactory()

    response = post_note(admin_client, club, position="CB", noted_on="2026-01-10")

    assert "A target needs a count" in response.content.decode()
    assert not club.squad_notes.exists()


def test_a_note_and_a_role_are_shown_as_text_not_markup(client):
    club = ClubFactory()
    SquadNoteFactory(club=club, note="<script>alert(1)</script>")
    ClubRoleFactory(club=club, name="<img src=x onerror=alert(2)>")

    html = client.get(club.get_squad_url()).content.decode()

    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def club_with_notes_and_roles(count):
    club = ClubFactory()
    for _ in range(count):
        SquadNoteFactory(club=club, article=ArticleFactory(), source=SourceFactory())
        ClubRoleFactory(club=club, person=SourceFactory(kind="club_official"))
    return admin_url(Club, "change", club.pk)


def test_club_change_page_queries_do_not_grow_with_notes_and_roles(admin_client):
    small_url, large_url = club_with_notes_and_roles(1), club_with_notes_and_roles(30)

    small, _ = count_queries(admin_client, small_url)
    large, _ = count_queries(admin_client, large_url)

    assert small == large
