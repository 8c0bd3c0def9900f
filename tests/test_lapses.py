"""Open claims lapse when their stage's window passes with no follow-up (#13).

Nothing is written when a claim lapses: every read compares its report
time plus its stage's window with the clock, so no job has to run and an
editor's change to a window applies at once.
"""

import datetime as dt

import pytest
import time_machine
from django.utils.html import strip_tags

from rumours.demo.accounts import DEMO_FILE
from rumours.models import LapseWindow, TransferClaim
from rumours.models.squad import squad_depth
from rumours.services.interchange import import_newsroom, load_newsroom_file

from .factories import ClubFactory, PlayerFactory, TransferClaimFactory
from .support.admin_forms import admin_url, assert_saved, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]

REPORTED = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
BID_WINDOW = dt.timedelta(days=21)
BID_ENDS = REPORTED + BID_WINDOW


@pytest.fixture(autouse=True)
def bid_window():
    LapseWindow.objects.update_or_create(
        claim_type="bid", defaults={"window": BID_WINDOW}
    )
    LapseWindow.objects.filter(claim_type="completed").delete()


def bid(**values):
    return TransferClaimFactory(
        **{
            "claim_type": "bid",
            "reported_at": REPORTED,
            "article__published_at": REPORTED,
            **values,
        }
    )


def loaded(claim):
    return TransferClaim.objects.with_lapse().get(pk=claim.pk)


def test_an_open_claim_lapses_its_stages_window_after_its_report():
    claim = bid()

    assert loaded(claim).lapses_at == BID_ENDS


def test_the_lapse_keeps_the_reports_fraction_of_a_second():
    """The database adds the window itself (on SQLite in C, not per row in Python)."""
    reported = REPORTED.replace(microsecond=250_001)
    claim = bid(reported_at=reported)

    assert loaded(claim).lapses_at == reported + BID_WINDOW


def test_a_claim_is_current_until_the_microsecond_its_window_ends():
    claim = bid(reported_at=REPORTED.replace(microsecond=500_000))
    ends = BID_ENDS.replace(microsecond=500_000)

    def is_current():
        return TransferClaim.objects.current().filter(pk=claim.pk).exists()

    with time_machine.travel(ends - dt.timedelta(microseconds=1), tick=False):
        assert is_current()
    with time_machine.travel(ends, tick=False):
        assert not is_current()


def test_a_resolved_claim_never_lapses():
    claim = bid(outcome="denied", resolved_at=REPORTED)

    assert loaded(claim).lapses_at is None


def test_a_stage_without_a_window_never_lapses():
    claim = TransferClaimFactory(claim_type="completed", reported_at=REPORTED)

    assert loaded(claim).lapses_at is None


@pytest.mark.parametrize(
    ("now", "lapsed"),
    [
        (BID_ENDS - dt.timedelta(seconds=1), False),
        (BID_ENDS, True),
        (BID_ENDS + dt.timedelta(days=300), True),
    ],
    ids=["a second before", "at the end", "long after"],
)
def test_the_window_ends_at_report_time_plus_the_window(now, lapsed):
    claim = loaded(bid())

    with time_machine.travel(now, tick=False):
        assert claim.has_lapsed is lapsed
        assert claim.shown_outcome == ("lapsed" if lapsed else "open")
        assert TransferClaim.objects.current().filter(pk=claim.pk).exists() is (
            not lapsed
        )


def test_current_leaves_out_resolved_claims():
    bid(outcome="confirmed", resolved_at=REPORTED)

    with time_machine.travel(REPORTED, tick=False):
        assert not TransferClaim.objects.current().exists()


def test_a_claim_loaded_without_its_window_is_not_shown_lapsed():
    claim = TransferClaim.objects.get(pk=bid().pk)

    with time_machine.travel(BID_ENDS + dt.timedelta(days=1), tick=False):
        assert claim.has_lapsed is False


def test_changing_a_window_applies_at_once_without_a_job():
    claim = bid()
    LapseWindow.objects.filter(claim_type="bid").update(window=dt.timedelta(days=60))

    with time_machine.travel(BID_ENDS + dt.timedelta(days=1), tick=False):
        assert TransferClaim.objects.current().filter(pk=claim.pk).exists()


# Squad pages show only rumours that are still news


def test_a_lapsed_rumour_leaves_the_squad_view():
    club = ClubFactory()
    player = PlayerFactory(current_club=club, primary_position="CB")
    bid(player=player, from_club=club)

    with time_machine.travel(BID_ENDS - dt.timedelta(days=1), tick=False):
        before = squad_depth(club)
    with time_machine.travel(BID_ENDS, tick=False):
        after = squad_depth(club)

    [row_before] = [row for row in before.rows if row.position == "CB"]
    [row_after] = [row for row in after.rows if row.position == "CB"]
    assert [link.player for link in row_before.rumours_out] == [player]
    assert row_after.rumours_out == []


def test_the_demos_rumours_have_lapsed_by_december(client):
    import_newsroom(load_newsroom_file(DEMO_FILE), base_dir=DEMO_FILE.parent)

    with time_machine.travel(dt.datetime(2026, 12, 6, tzinfo=dt.UTC), tick=False):
        html = client.get("/clubs/tottenham-hotspur/squad/").content.decode()

    assert "Radu Dragusin: linked with" not in strip_tags(html)


# Stories and timelines keep them, marked


def test_the_story_page_marks_a_lapsed_claim(client):
    claim = bid()

    with time_machine.travel(BID_ENDS + dt.timedelta(days=1), tick=False):
        html = client.get(claim.article.get_absolute_url()).content.decode()

    assert '<li class="claim claim--lapsed" id="claim-' in html
    assert 'class="outcome outcome--lapsed">Lapsed</strong>' in html
    text = " ".join(strip_tags(html).split())
    assert "Outcome: Lapsed (no follow-up by 23 March 2026)" in text


def test_the_player_timeline_marks_a_lapsed_claim(client):
    claim = bid()

    with time_machine.travel(BID_ENDS + dt.timedelta(days=1), tick=False):
        html = client.get(claim.player.get_absolute_url()).content.decode()

    text = " ".join(strip_tags(html).split())
    assert "Outcome: Lapsed (no follow-up by 23 March 2026)" in text


def test_an_open_claim_within_its_window_reads_open(client):
    claim = bid()

    with time_machine.travel(REPORTED, tick=False):
        html = client.get(claim.article.get_absolute_url()).content.decode()

    assert "Outcome: Open" in " ".join(strip_tags(html).split())


# Editors own the windows


def test_an_editor_sets_a_window_in_days(admin_client):
    window = LapseWindow.objects.get(claim_type="bid")
    url = admin_url(LapseWindow, "change", window.pk)
    data = form_data(admin_client.get(url), "lapsewindow_form")
    assert data["days"] == "21"
    data["days"] = "30"

    assert_saved(admin_client.post(url, data))

    window.refresh_from_db()
    assert window.window == dt.timedelta(days=30)


def test_a_window_of_no_days_is_refused_with_a_message(admin_client):
    window = LapseWindow.objects.get(claim_type="bid")
    url = admin_url(LapseWindow, "change", window.pk)
    data = form_data(admin_client.get(url), "lapsewindow_form")
    data["days"] = "0"

    response = admin_client.post(url, data)

    assert "Ensure this value is greater than or equal to 1." in (
        response.content.decode()
    )
    window.refresh_from_db()
    assert window.window == BID_WINDOW
