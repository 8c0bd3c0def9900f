"""A claim keeps when it happened apart from when it was reported (#13).

“Refused to sell him in the winter” is dated as a window, not as the day
the story ran; the page, the API, the newsroom file and the CSV export say
it as precisely as the story did.
"""

import csv
import datetime as dt
import io

import pytest
from django.utils.html import strip_tags

from rumours.admin.csv_export import export_claims_csv
from rumours.models import TransferClaim
from rumours.services.interchange import (
    NewsroomImportError,
    export_newsroom,
    import_newsroom,
)

from .factories import TransferClaimFactory
from .support.admin_forms import admin_url, assert_saved, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]

MIDSUMMER = dt.date(2025, 7, 14)


@pytest.mark.parametrize(
    ("precision", "shown"),
    [
        ("day", "14 July 2025"),
        ("month", "July 2025"),
        ("summer", "summer window 2025"),
        ("winter", "winter window 2025"),
        ("year", "2025"),
    ],
)
def test_the_event_reads_as_precisely_as_the_story_dated_it(precision, shown):
    claim = TransferClaim(event_date=MIDSUMMER, event_precision=precision)

    assert claim.event_display == shown


def test_a_claim_with_no_event_date_shows_none():
    assert TransferClaim().event_display == ""


def test_the_story_page_says_when_it_happened(client):
    claim = TransferClaimFactory(event_date=MIDSUMMER, event_precision="summer")

    html = client.get(claim.article.get_absolute_url()).content.decode()

    assert 'When: <time datetime="2025-07-14">summer window 2025</time>' in html


def test_a_claim_without_an_event_date_says_no_when(client):
    claim = TransferClaimFactory()

    html = client.get(claim.article.get_absolute_url()).content.decode()

    assert "When:" not in strip_tags(html)


def test_an_editor_dates_the_event_on_the_claim_form(admin_client):
    claim = TransferClaimFactory()
    url = admin_url(TransferClaim, "change", claim.pk)
    data = form_data(admin_client.get(url), "transferclaim_form")
    data.update(event_date="2026-01-15", event_precision="winter")

    assert_saved(admin_client.post(url, data))

    claim.refresh_from_db()
    assert claim.event_display == "winter window 2026"


def test_the_csv_export_gives_the_event_date_and_precision():
    TransferClaimFactory(event_date=MIDSUMMER, event_precision="month")

    [row] = csv.DictReader(io.StringIO(export_claims_csv(TransferClaim.objects.all())))

    assert (row["event_date"], row["event_precision"]) == ("2025-07-14", "month")


# The newsroom file


def imported(event):
    document = {
        "format": "transfer-desk-newsroom",
        "version": 2,
        "clubs": [
            {"name": "Castel Verde", "short_name": "Castel Verde", "slug": "cv"},
            {"name": "Porto Lindo", "short_name": "Porto Lindo", "slug": "pl"},
        ],
        "players": [
            {"name": "Ezio Marra", "slug": "ezio-marra", "primary_position": "CM"}
        ],
        "articles": [
            {
                "headline": "Castel Verde refused to sell Marra",
                "slug": "marra",
                "body": "They refused in the winter.",
                "claims": [
                    {
                        "player": "Ezio Marra",
                        "from_club": "Castel Verde",
                        "to_club": "Porto Lindo",
                        "claim_type": "bid_rejected",
                        "quote": "They refused in the winter.",
                        "reported_at": "2026-03-01T10:00:00Z",
                        "event": event,
                    }
                ],
            }
        ],
    }
    import_newsroom(document)


def test_the_event_imports_and_exports_as_written():
    imported({"date": "2026-01-20", "precision": "winter"})

    [claim] = export_newsroom()["articles"][0]["claims"]

    assert claim["event"] == {"date": "2026-01-20", "precision": "winter"}


def test_a_claim_with_event_null_stores_no_event():
    imported(None)

    claim = TransferClaim.objects.get()
    assert (claim.event_date, claim.event_precision) == (None, "")


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ({"date": "2026-01-20"}, "claims[0].event.precision: missing"),
        ({"precision": "winter"}, "claims[0].event.date: missing"),
        (
            {"date": "20/01/2026", "precision": "winter"},
            "claims[0].event.date: '20/01/2026' is not a date",
        ),
        (
            {"date": "2026-01-20", "precision": "season"},
            "claims[0].event.precision: 'season' is not one of day, month, "
            "summer, winter, year",
        ),
    ],
    ids=["no precision", "no date", "bad date", "unknown precision"],
)
def test_a_bad_event_is_refused_by_path_and_nothing_is_stored(event, message):
    with pytest.raises(NewsroomImportError) as error:
        imported(event)

    assert message in str(error.value)
    assert not TransferClaim.objects.exists()
