"""The admin at archive size (#19): what keeps its pages from reading the archive."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib import admin
from django.forms.renderers import DjangoTemplates

from rumours.admin.claims import TransferClaimInline
from rumours.admin.rendering import AdminModelForm
from rumours.models import Article, Club, TransferClaim

from .factories import (
    ArticleFactory,
    ClaimAmountFactory,
    ClubRoleFactory,
    PlayerFactory,
    SquadNoteFactory,
    TransferClaimFactory,
)
from .support.admin_forms import admin_url, count_queries, form_data

pytestmark = pytest.mark.django_db

YEAR_LINK = re.compile(r'href="\?reported_at__year=(\d{4})"')


def claim_reported_in(year, **fields):
    return TransferClaimFactory(
        reported_at=dt.datetime(year, 6, 1, tzinfo=dt.UTC), **fields
    )


def test_date_hierarchy_lists_the_years_with_claims_only(admin_client):
    for year in (2021, 2024, 2026):
        claim_reported_in(year)

    response = admin_client.get(admin_url(TransferClaim, "changelist"))

    assert YEAR_LINK.findall(response.content.decode()) == ["2021", "2024", "2026"]


def test_date_hierarchy_years_as_django_finds_them(admin_client):
    for year in (2022, 2025):
        claim_reported_in(year)
    expected = [
        str(moment.year)
        for moment in TransferClaim.objects.datetimes("reported_at", "year")
    ]

    response = admin_client.get(admin_url(TransferClaim, "changelist"))

    assert YEAR_LINK.findall(response.content.decode()) == expected


def test_date_hierarchy_years_follow_the_filter(admin_client):
    claim_reported_in(2021, claim_type="bid")
    claim_reported_in(2024, claim_type="interest")

    response = admin_client.get(
        admin_url(TransferClaim, "changelist") + "?claim_type__exact=interest"
    )

    assert "reported_at__year=2024" in response.content.decode()
    assert "reported_at__year=2021" not in response.content.decode()


def test_date_hierarchy_queries_do_not_grow_with_its_years(admin_client):
    url = admin_url(TransferClaim, "changelist")
    claim_reported_in(2020)
    claim_reported_in(2021)
    few, _ = count_queries(admin_client, url)
    for year in range(2012, 2020):
        claim_reported_in(year)

    many, response = count_queries(admin_client, url)

    assert many == few
    assert len(YEAR_LINK.findall(response.content.decode())) == 10


# The add forms show the time now: both renderings see the same time.
STOPPED_CLOCK = time_machine.travel(
    dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC), tick=False
)


def pages_rendered_both_ways(client, monkeypatch, url):
    fast = client.get(url).content.decode()
    monkeypatch.setattr(AdminModelForm, "default_renderer", DjangoTemplates())
    slow = client.get(url).content.decode()
    return [without_tokens(fast), without_tokens(slow)]


def without_tokens(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def a_story_with_every_kind_of_claim_field():
    story = ArticleFactory(standfirst='Fees & "quotes" <b>escaped</b>')
    claim = TransferClaimFactory(
        article=story,
        replaces=PlayerFactory(name="O'Neil <Jr>"),
        quote="“We want him” & more",
    )
    ClaimAmountFactory(claim=claim)
    TransferClaimFactory(article=story, free_agent=True, from_club=None)
    return story


@STOPPED_CLOCK
def test_form_renderer_writes_a_story_page_as_the_templates_do(
    admin_client, monkeypatch
):
    story = a_story_with_every_kind_of_claim_field()
    for url in (
        admin_url(Article, "change", story.pk),
        admin_url(Article, "add"),
        admin_url(TransferClaim, "change", story.claims.first().pk),
    ):
        fast, slow = pages_rendered_both_ways(admin_client, monkeypatch, url)
        monkeypatch.undo()
        assert fast == slow, url


@STOPPED_CLOCK
def test_form_renderer_writes_a_club_page_as_the_templates_do(
    admin_client, monkeypatch
):
    club = SquadNoteFactory(note="Needs a <left back> & a keeper").club
    ClubRoleFactory(club=club)

    fast, slow = pages_rendered_both_ways(
        admin_client, monkeypatch, admin_url(Club, "change", club.pk)
    )

    assert fast == slow


@STOPPED_CLOCK
def test_form_renderer_writes_errors_as_the_templates_do(admin_client, monkeypatch):
    url = admin_url(Club, "add")
    posted = {"name": "", "slug": "not a slug!"}
    fast = admin_client.post(url, posted).content.decode()
    monkeypatch.setattr(AdminModelForm, "default_renderer", DjangoTemplates())
    slow = admin_client.post(url, posted).content.decode()

    assert 'class="errorlist' in fast
    assert without_tokens(fast) == without_tokens(slow)


def test_claims_club_filters_read_the_clubs_table():
    model_admin = admin.site._registry[TransferClaim]
    club_filters = [
        spec
        for spec in model_admin.list_filter
        if isinstance(spec, tuple) and spec[0] in ("from_club", "to_club")
    ]

    assert club_filters
    for _field, filter_class in club_filters:
        assert not issubclass(filter_class, admin.RelatedOnlyFieldListFilter)


@pytest.mark.parametrize("model", [Article, TransferClaim])
def test_archive_changelists_count_no_archive_twice(model):
    assert admin.site._registry[model].show_full_result_count is False


def test_action_checkbox_is_djangos_own():
    claim = TransferClaimFactory(player__name="Zoë <O'Neil>")
    model_admin = admin.site._registry[TransferClaim]

    ours = model_admin.action_checkbox(claim)

    assert ours == admin.ModelAdmin.action_checkbox(model_admin, claim)
    assert "O&#x27;Neil" in ours


def with_django_fieldsets(monkeypatch):
    monkeypatch.setattr(
        TransferClaimInline, "template", "admin/edit_inline/stacked.html"
    )


@STOPPED_CLOCK
def test_claims_fieldsets_written_as_the_template_does(admin_client, monkeypatch):
    story = a_story_with_every_kind_of_claim_field()
    for url in (admin_url(Article, "change", story.pk), admin_url(Article, "add")):
        ours = without_tokens(admin_client.get(url).content.decode())
        with_django_fieldsets(monkeypatch)
        djangos = without_tokens(admin_client.get(url).content.decode())
        monkeypatch.undo()
        assert ours == djangos, url


@STOPPED_CLOCK
def test_claims_fieldsets_with_errors_written_as_the_template_does(
    admin_client, monkeypatch
):
    story = a_story_with_every_kind_of_claim_field()
    url = admin_url(Article, "change", story.pk)
    data = form_data(admin_client.get(url), "article_form")
    data["claims-0-player"] = ""  # A claim names its player.
    data["claims-1-reported_at_0"] = "not a date"
    data["claims-1-source"] = "999999"  # alone on its line

    ours = admin_client.post(url, data).content.decode()
    with_django_fieldsets(monkeypatch)
    djangos = admin_client.post(url, data).content.decode()

    assert 'class="errorlist' in ours
    assert without_tokens(ours) == without_tokens(djangos)
