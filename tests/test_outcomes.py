"""Outcomes with evidence (#15): a resolved claim says what was found, why, and where.

The verdict is about the claim at its stage (“True: the club did ask about
him” although the player stayed), with the editor's note and the follow-up
that settled it: our later story once it is published, else the outside
report. Story pages lead their state of play with what happened; the feeds
and the newsroom file carry the same (the API: tests/api/test_api_outcomes.py).
"""

import datetime as dt
import re
from html import unescape

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from rumours.models import Article, TransferClaim
from rumours.services.claims import settlement_of
from rumours.services.interchange import (
    NewsroomImportError,
    export_newsroom,
    import_newsroom,
)

from .factories import ArticleFactory, ClubFactory, PlayerFactory, TransferClaimFactory
from .support.editorial import editor, logged_in, reporter, run_action

pytestmark = pytest.mark.django_db

RESOLVED = dt.datetime(2026, 2, 3, 18, tzinfo=dt.UTC)


def page_text(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    return re.sub(r"\s+", " ", unescape(strip_tags(html)))


def settled(claim_type="enquiry", outcome="confirmed", **kwargs):
    return TransferClaimFactory(
        claim_type=claim_type, outcome=outcome, resolved_at=RESOLVED, **kwargs
    )


def follow_up(**kwargs):
    return ArticleFactory(headline="Milan's director confirms the approach", **kwargs)


# ------------------------------------------------------------ the verdict


@pytest.mark.parametrize(
    ("claim_type", "outcome", "verdict"),
    [
        ("enquiry", "confirmed", "True: the club did ask about him"),
        ("enquiry", "denied", "False: the club did not ask about him"),
        ("completed", "confirmed", "True: the move was announced"),
        ("completed", "denied", "False: the move collapsed"),
        ("bid", "lapsed", "Lapsed: it was never settled either way"),
        ("not_confirmed", "confirmed", "Confirmed: not a claim that can prove true"),
        ("enquiry", "open", ""),
    ],
)
def test_the_verdict_is_about_the_claim_at_its_stage(claim_type, outcome, verdict):
    claim = TransferClaimFactory.build(claim_type=claim_type, outcome=outcome)

    assert claim.verdict == verdict


def test_every_kind_says_what_proving_false_means():
    from rumours.models.claim_terms import KIND_TERMS

    assert all(terms.false_when for terms in KIND_TERMS.values())


# ------------------------------------------------------------ story pages


def test_a_settled_claim_shows_its_verdict_note_and_follow_up(client):
    story = follow_up()
    claim = settled(
        resolution_note="The director said so on Italian television.",
        evidence_article=story,
    )

    text = page_text(client, claim.article)

    assert (
        "True: the club did ask about him. The director said so on Italian "
        "television. Milan's director confirms the approach"
    ) in text
    assert "Outcome: Confirmed on 3 February 2026" in text


def test_the_state_of_play_opens_with_what_happened_and_links_the_follow_up(client):
    story = follow_up()
    claim = settled(evidence_article=story)
    TransferClaimFactory(article=claim.article)  # still open: not in the banner

    html = client.get(claim.article.get_absolute_url()).content.decode()

    banner = html.split('id="outcome-banner-title"')[1].split("</section>")[0]
    assert banner.count("<li>") == 1
    assert f'href="#claim-{claim.pk}"' in banner
    assert f'href="{story.get_absolute_url()}"' in banner
    assert html.index("outcome-banner") < html.index('class="claims"')


def test_a_phone_reader_learns_at_the_top_that_claims_were_settled(client):
    claim = settled()

    text = page_text(client, claim.article)

    assert "Update: 1 of these claims has been settled. What happened" in text


def test_a_story_with_only_open_claims_has_no_banner(client):
    claim = TransferClaimFactory()

    html = client.get(claim.article.get_absolute_url()).content.decode()

    assert "outcome-banner" not in html
    assert "What happened" not in html


@pytest.mark.parametrize(
    "unpublished",
    [
        {"status": Article.Status.DRAFT},
        {"published_at": timezone.now() + dt.timedelta(days=1)},
    ],
    ids=["draft", "scheduled"],
)
def test_an_unpublished_follow_up_is_never_named_the_outside_report_is(
    client, unpublished
):
    story = follow_up(**unpublished)
    claim = settled(
        evidence_article=story, evidence_url="https://press.example/milan-statement"
    )

    html = client.get(claim.article.get_absolute_url()).content.decode()

    assert "confirms the approach" not in html
    assert story.get_absolute_url() not in html
    assert 'href="https://press.example/milan-statement" rel="nofollow noopener"' in (
        html
    )


def test_every_claim_line_says_when_it_was_reported(client):
    claim = TransferClaimFactory(reported_at=dt.datetime(2026, 1, 8, 9, tzinfo=dt.UTC))

    text = page_text(client, claim.article)

    assert "Reported 8 January 2026" in text


# ------------------------------------------------------------ the newsroom file


def newsroom_file(resolution, outcome="confirmed"):
    claim = {
        "player": "Ezio Marra",
        "from_club": "Castel Verde",
        "to_club": "Porto Lindo",
        "claim_type": "enquiry",
        "quote": "Porto Lindo asked about Marra.",
        "reported_at": "2026-01-10T10:00:00Z",
        "outcome": outcome,
        "resolved_at": None if outcome == "open" else "2026-02-03T18:00:00Z",
        "resolution": resolution,
    }
    return {
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
                "headline": "Porto Lindo ask about Marra",
                "slug": "marra-enquiry",
                "body": "Porto Lindo asked about Marra.",
                "claims": [claim],
            },
            {
                "headline": "Porto Lindo confirm their approach for Marra",
                "slug": "marra-confirmed",
                "body": "The club confirmed it.",
                "claims": [],
            },
        ],
    }


def test_the_resolution_imports_and_exports_as_written():
    resolution = {
        "note": "The club confirmed it.",
        "evidence_article": "marra-confirmed",
        "evidence_url": "https://press.example/marra",
    }
    import_newsroom(newsroom_file(resolution))

    stories = {story["slug"]: story for story in export_newsroom()["articles"]}

    [claim] = stories["marra-enquiry"]["claims"]
    assert claim["resolution"] == resolution
    stored = TransferClaim.objects.get()
    assert stored.evidence_article.slug == "marra-confirmed"


@pytest.mark.parametrize(
    ("resolution", "outcome", "message"),
    [
        (
            {"note": "Confirmed."},
            "open",
            "claims[0].resolution: must be null while the outcome is open",
        ),
        (
            {"evidence_article": "no-such-story"},
            "confirmed",
            "claims[0].resolution.evidence_article: no article",
        ),
        (
            {"evidence_article": "marra-enquiry"},
            "confirmed",
            "A claim's own story cannot settle it",
        ),
        (
            {"evidence_url": "not an address"},
            "confirmed",
            "claims[0].resolution.evidence_url: Enter a valid URL.",
        ),
    ],
    ids=["open", "unknown story", "own story", "bad address"],
)
def test_a_bad_resolution_is_refused_by_path_and_nothing_is_stored(
    resolution, outcome, message
):
    with pytest.raises(NewsroomImportError) as error:
        import_newsroom(newsroom_file(resolution, outcome))

    assert message in str(error.value)
    assert not TransferClaim.objects.exists()


# ------------------------------------------------------------ what a move settles


@pytest.fixture
def saga():
    """Dragan Voss's move to Porto Lindo, its earlier stages, and a rival suitor."""
    porto = ClubFactory(short_name="Porto Lindo")
    player = PlayerFactory(name="Dragan Voss")
    seller = player.current_club
    route = {"player": player, "from_club": seller, "to_club": porto}
    return {
        "enquiry": TransferClaimFactory(claim_type="enquiry", **route),
        "rejected": TransferClaimFactory(claim_type="bid_rejected", **route),
        "fee": TransferClaimFactory(claim_type="fee_agreed", **route),
        "rival": TransferClaimFactory(
            claim_type="bid", player=player, from_club=seller
        ),
        "draft": TransferClaimFactory(
            claim_type="interest", article=ArticleFactory(draft=True), **route
        ),
        "move": TransferClaimFactory(
            claim_type="completed",
            article=ArticleFactory(headline="Voss joins Porto Lindo"),
            **route,
        ),
    }


def test_a_completed_move_proposes_what_it_settles(saga):
    found = settlement_of(saga["move"])

    assert found.confirm == [saga["enquiry"], saga["fee"]]
    assert found.lapse == [saga["rival"]]
    assert found.note == "Settled by Dragan Voss's completed move to Porto Lindo."


def test_confirming_the_move_names_the_proposals_and_resolves_nothing_more(
    client, saga
):
    logged_in(client, editor())

    response = run_action(client, TransferClaim, "mark_confirmed", [saga["move"]])

    # The move is confirmed; the page offering to move the player says the rest.
    page = unescape(response.content.decode())
    settle_url = f"/admin/rumours/transferclaim/{saga['move'].pk}/settle/"
    assert "Dragan Voss's move settles 3 other open claim(s)" in page
    assert f'href="{settle_url}"' in page
    assert TransferClaim.objects.filter(outcome="open").count() == 5


def test_the_editor_keeps_some_proposals_and_they_are_resolved_with_evidence(
    client, saga
):
    logged_in(client, editor())
    run_action(client, TransferClaim, "mark_confirmed", [saga["move"]])
    settle_url = f"/admin/rumours/transferclaim/{saga['move'].pk}/settle/"
    page = client.get(settle_url).content.decode()

    response = client.post(
        settle_url, {"confirm": [saga["enquiry"].pk], "lapse": [saga["rival"].pk]}
    )

    assert response.status_code == 302
    assert "Earlier stages of this move" in page
    assert "Moves to other clubs" in page
    enquiry, fee, rival = (
        TransferClaim.objects.get(pk=saga[name].pk)
        for name in ("enquiry", "fee", "rival")
    )
    assert (enquiry.outcome, rival.outcome, fee.outcome) == (
        "confirmed",
        "lapsed",
        "open",
    )
    assert enquiry.evidence_article == saga["move"].article
    assert enquiry.resolution_note.startswith("Settled by Dragan Voss's")
    assert enquiry.history.first().history_user.groups.get().name == "Editor"


def test_a_reporter_cannot_settle_claims(client, saga):
    TransferClaim.objects.filter(pk=saga["move"].pk).update(
        outcome="confirmed", resolved_at=RESOLVED
    )
    logged_in(client, reporter())

    response = client.post(
        f"/admin/rumours/transferclaim/{saga['move'].pk}/settle/",
        {"confirm": [saga["enquiry"].pk]},
    )

    assert response.status_code == 403
    assert TransferClaim.objects.get(pk=saga["enquiry"].pk).outcome == "open"


def test_an_open_move_has_no_settlement_page(client, saga):
    logged_in(client, editor())

    response = client.get(f"/admin/rumours/transferclaim/{saga['move'].pk}/settle/")

    assert response.status_code == 404


# ------------------------------------------------------------ feeds


def test_the_feeds_say_what_happened_to_a_storys_claims(client):
    claim = settled(outcome="denied", player=PlayerFactory(name="Dragan Voss"))

    atom = unescape(client.get("/feeds/latest.atom").content.decode())
    json_feed = client.get("/feeds/latest.json").json()

    expected = (
        "What happened: Dragan Voss, enquiry: False: the club did not ask about "
        "him (3 February 2026)."
    )
    assert expected in atom
    [item] = json_feed["items"]
    assert item["id"].endswith(claim.article.get_absolute_url())
    assert expected in unescape(item["content_html"])
