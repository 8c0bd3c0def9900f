"""The API gives each side of a claim as the story did, and links between claims."""

import pytest

from ..factories import CompetitionFactory, TransferClaimFactory

pytestmark = pytest.mark.django_db


def test_a_described_suitor_comes_with_its_words_and_competition(api):
    bundesliga = CompetitionFactory(slug="bundesliga")
    claim = TransferClaimFactory(
        to_club=None,
        to_described="a host of Bundesliga clubs",
        to_competition=bundesliga,
        to_country="Germany",
    )

    body = api.get(f"/api/v1/claims/{claim.pk}/").json()

    assert (body["to_club"], body["to_party"]) == (
        None,
        {
            "kind": "described",
            "description": "a host of Bundesliga clubs",
            "competition": "bundesliga",
            "country": "Germany",
        },
    )


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        ({}, "club"),
        ({"from_club": None}, "unknown"),
        ({"from_club": None, "free_agent": True}, "free_agent"),
    ],
)
def test_the_selling_side_says_how_the_story_gave_it(api, values, kind):
    claim = TransferClaimFactory(**values)

    body = api.get(f"/api/v1/claims/{claim.pk}/").json()

    assert body["from_party"]["kind"] == kind


def test_a_denial_names_the_claim_it_answers(api):
    report = TransferClaimFactory()
    denial = TransferClaimFactory(
        player=report.player, claim_type="denied", answers=report
    )

    body = api.get(f"/api/v1/claims/{denial.pk}/").json()

    assert body["answers"] == report.pk


def test_claims_filter_to_the_denials_of_one_claim(api):
    report = TransferClaimFactory()
    denial = TransferClaimFactory(
        player=report.player, claim_type="denied", answers=report
    )
    TransferClaimFactory(claim_type="denied")

    body = api.get(f"/api/v1/claims/?answers={report.pk}").json()

    assert [claim["id"] for claim in body["results"]] == [denial.pk]


def test_the_competition_filter_finds_a_described_side_in_it(api):
    bundesliga = CompetitionFactory(slug="bundesliga")
    described = TransferClaimFactory(
        to_club=None, to_described="a Bundesliga side", to_competition=bundesliga
    )
    TransferClaimFactory()

    body = api.get("/api/v1/claims/?competition=bundesliga").json()

    assert [claim["id"] for claim in body["results"]] == [described.pk]
