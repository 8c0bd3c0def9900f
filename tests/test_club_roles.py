"""Club roles with dates (#13): who runs a club today, and who did before."""

import datetime as dt
import re
from html import unescape

import pytest

from rumours.demo.accounts import DEMO_FILE
from rumours.models import Club, ClubRole
from rumours.models.club_roles import current_staff
from rumours.services.interchange import (
    NewsroomImportError,
    import_newsroom,
    load_newsroom_file,
)

from .factories import ClubFactory, ClubRoleFactory, SourceFactory
from .support.admin_forms import admin_url, form_data

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 1, 10)


def text_of(response):
    html = re.sub(r"</?(?:a|span|time)\b[^>]*>", "", response.content.decode())
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def import_club(**club):
    import_newsroom({"format": "transfer-desk-newsroom", "version": 2, "clubs": [club]})


# ---------------------------------------------------------------- the model


def test_the_coach_who_started_last_is_the_current_one():
    club = ClubFactory()
    ClubRoleFactory(club=club, name="Old Coach", started_on=dt.date(2023, 7, 1))
    new = ClubRoleFactory(club=club, name="New Coach", started_on=dt.date(2025, 7, 1))

    staff = current_staff(club.roles.all(), TODAY)

    assert staff == [new]


def test_a_role_that_ended_is_not_current():
    role = ClubRoleFactory.build(ended_on=dt.date(2025, 12, 31))

    assert role.is_current(TODAY) is False


def test_a_role_that_starts_later_is_not_current_yet():
    role = ClubRoleFactory.build(started_on=dt.date(2026, 2, 1))

    assert role.is_current(TODAY) is False


def test_an_undated_role_is_current():
    role = ClubRoleFactory.build(started_on=None, ended_on=None)

    assert role.is_current(TODAY) is True


def test_staff_lists_one_role_a_kind_in_order():
    club = ClubFactory()
    president = ClubRoleFactory(club=club, role="president")
    coach = ClubRoleFactory(club=club, role="head_coach")

    assert club.staff == [coach, president]


def test_head_coach_is_derived_from_the_roles():
    club = ClubFactory()
    ClubRoleFactory(club=club, name="Gone Coach", ended_on=dt.date(2025, 1, 1),
                    started_on=dt.date(2024, 1, 1))  # fmt: skip

    assert club.head_coach == ""


# ---------------------------------------------------------------- pages


def test_club_page_shows_the_dated_head_coach_of_the_demo(client):
    import_newsroom(load_newsroom_file(DEMO_FILE), base_dir=DEMO_FILE.parent)

    response = client.get("/clubs/tottenham-hotspur/")

    assert "Head coach: Thomas Frank (since June 2025)" in text_of(response)


def test_squad_page_shows_the_staff_and_links_a_quoted_person(client):
    club = ClubFactory()
    official = SourceFactory(kind="club_official", name="Ada Director")
    ClubRoleFactory(club=club, role="sporting_director", name="Ada Director",
                    person=official, started_on=None)  # fmt: skip

    response = client.get(club.get_squad_url())

    assert "Staff · Sporting director: Ada Director" in text_of(response)
    assert f'href="{official.get_absolute_url()}"' in response.content.decode()


def test_club_page_leaves_out_a_former_coach(client):
    club = ClubFactory()
    ClubRoleFactory(club=club, name="Gone Coach", started_on=dt.date(2020, 1, 1),
                    ended_on=dt.date(2021, 1, 1))  # fmt: skip

    response = client.get(club.get_absolute_url())

    assert "Gone Coach" not in text_of(response)


# ---------------------------------------------------------------- interchange


def test_an_older_file_s_head_coach_becomes_an_undated_role():
    import_club(name="Old FC", head_coach="Sam Coach")

    role = ClubRole.objects.get()
    assert (role.role, role.name, role.started_on, role.ended_on) == (
        "head_coach",
        "Sam Coach",
        None,
        None,
    )


def test_an_older_file_s_empty_head_coach_means_no_role():
    import_club(name="Old FC", head_coach="")

    assert Club.objects.get().roles.count() == 0


def test_roles_replace_the_club_s_roles_on_reimport():
    import_club(name="Old FC", head_coach="Sam Coach")

    import_club(
        name="Old FC",
        roles=[{"role": "president", "name": "Pat Chair", "started_on": "2024-05-01"}],
    )

    assert list(ClubRole.objects.values_list("role", "name")) == [
        ("president", "Pat Chair")
    ]


def test_a_role_ending_before_it_starts_is_refused_on_import():
    role = {"role": "head_coach", "name": "X", "started_on": "2025-07-01",
            "ended_on": "2025-01-01"}  # fmt: skip

    with pytest.raises(NewsroomImportError) as error:
        import_club(name="Old FC", roles=[role])

    assert "clubs[0].roles[0].ended_on: 2025-01-01 is before started_on 2025-07-01" in (
        str(error.value)
    )
    assert not Club.objects.exists()


def test_a_role_s_person_must_be_a_club_official():
    SourceFactory(slug="an-agent", kind="agent")
    role = {"role": "president", "name": "X", "person": "an-agent"}

    with pytest.raises(NewsroomImportError) as error:
        import_club(name="Old FC", roles=[role])

    assert (
        "clubs[0].roles[0].person: a source of kind agent; a club role's person "
        "is a source of kind club_official"
    ) in str(error.value)
    assert not Club.objects.exists()


# ---------------------------------------------------------------- admin


def test_club_admin_adds_a_dated_role_inline(admin_client):
    club = ClubFactory()
    url = admin_url(Club, "change", club.pk)
    data = form_data(admin_client.get(url), "club_form")
    data.update({"roles-0-role": "head_coach", "roles-0-name": "New Coach",
                 "roles-0-started_on": "2025-07-01"})  # fmt: skip

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    assert club.roles.get().started_on == dt.date(2025, 7, 1)


def test_club_admin_refuses_a_role_that_ends_before_it_starts(admin_client):
    club = ClubFactory()
    url = admin_url(Club, "change", club.pk)
    data = form_data(admin_client.get(url), "club_form")
    data.update({"roles-0-role": "president", "roles-0-name": "Pat Chair",
                 "roles-0-started_on": "2025-07-01",
                 "roles-0-ended_on": "2025-01-01"})  # fmt: skip

    response = admin_client.post(url, data)

    assert "A role cannot end before it starts." in response.content.decode()
    assert not club.roles.exists()
