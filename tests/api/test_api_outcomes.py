"""A resolved claim's verdict, note and evidence, as partners read it (#15)."""

import datetime as dt

import pytest

from rumours.models import Article

from ..factories import ArticleFactory, TransferClaimFactory

pytestmark = pytest.mark.django_db

RESOLVED = dt.datetime(2026, 2, 3, 18, tzinfo=dt.UTC)


def settled(outcome="confirmed", **kwargs):
    return TransferClaimFactory(
        claim_type="enquiry", outcome=outcome, resolved_at=RESOLVED, **kwargs
    )


def follow_up(**kwargs):
    return ArticleFactory(headline="Milan's director confirms the approach", **kwargs)


def api_claim(api, claim):
    response = api.get(f"/api/v1/claims/{claim.pk}/")
    assert response.status_code == 200
    return response.json()


def test_the_api_gives_an_open_claim_no_resolution(api):
    claim = TransferClaimFactory()

    assert api_claim(api, claim)["resolution"] is None


def test_the_api_gives_the_verdict_note_and_follow_up(api):
    story = follow_up()
    claim = settled(resolution_note="Said on television.", evidence_article=story)

    assert api_claim(api, claim)["resolution"] == {
        "verdict": "True: the club did ask about him",
        "note": "Said on television.",
        "evidence_url": f"http://testserver{story.get_absolute_url()}",
        "evidence_article": story.pk,
        "evidence_article_slug": story.slug,
    }


def test_the_api_never_names_an_unpublished_follow_up(api):
    story = follow_up(status=Article.Status.DRAFT)
    claim = settled(outcome="denied", evidence_article=story)

    resolution = api_claim(api, claim)["resolution"]

    assert resolution["verdict"] == "False: the club did not ask about him"
    assert (resolution["evidence_article"], resolution["evidence_url"]) == (None, None)
    assert story.slug not in str(resolution)
