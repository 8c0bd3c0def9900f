"""The kinds of claim real copy needs: their terms, lapse windows and links (#13)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rumours.models import LapseWindow, TransferClaim
from rumours.models.claim_terms import (
    CLAIM_TYPE_ORDER,
    KIND_TERMS,
    STAGE_LADDER,
)
from rumours.models.timelines import timeline_by_suitor

from .factories import ArticleFactory, ClubFactory, PlayerFactory, TransferClaimFactory

Type = TransferClaim.Type


def test_every_kind_has_its_terms():
    assert set(KIND_TERMS) == set(Type)


def test_only_a_non_confirmation_is_left_out_of_track_records():
    assert [kind for kind, terms in KIND_TERMS.items() if not terms.scored] == [
        Type.NOT_CONFIRMED
    ]


def test_the_ladder_ranks_before_every_kind_outside_it():
    outside = [kind for kind in Type if kind not in STAGE_LADDER]

    assert max(CLAIM_TYPE_ORDER[kind] for kind in STAGE_LADDER) < min(
        CLAIM_TYPE_ORDER[kind] for kind in outside
    )


def test_the_ladder_runs_from_interest_to_completion():
    ranks = [CLAIM_TYPE_ORDER[kind] for kind in STAGE_LADDER]

    assert ranks == sorted(ranks)
    assert (STAGE_LADDER[0], STAGE_LADDER[-1]) == (Type.INTEREST, Type.COMPLETED)


@pytest.mark.django_db
def test_every_kind_but_a_completed_move_and_a_release_clause_lapses():
    windows = set(LapseWindow.objects.values_list("claim_type", flat=True))

    assert set(Type) - windows == {Type.COMPLETED, Type.RELEASE_CLAUSE}


@pytest.mark.django_db
def test_a_timeline_puts_a_player_refusal_after_the_stages_it_follows():
    milan = ClubFactory(short_name="Milan")
    player = PlayerFactory()
    refusal = TransferClaimFactory(
        player=player, to_club=milan, claim_type=Type.PLAYER_REJECTS
    )
    bid = TransferClaimFactory(player=player, to_club=milan, claim_type=Type.BID)

    [suitor] = timeline_by_suitor([refusal, bid])

    assert suitor.claims == [bid, refusal]


@pytest.mark.django_db
def test_a_denial_may_answer_a_claim():
    report = TransferClaimFactory()
    denial = TransferClaimFactory.build(
        article=ArticleFactory(),
        player=report.player,
        from_club=report.from_club,
        to_club=report.to_club,
        claim_type=Type.DENIED,
        answers=report,
    )

    denial.full_clean()


@pytest.mark.django_db
def test_only_a_denial_or_non_confirmation_answers_a_claim():
    report = TransferClaimFactory()
    bid = TransferClaimFactory.build(
        article=ArticleFactory(),
        player=report.player,
        from_club=report.from_club,
        claim_type=Type.BID,
        answers=report,
    )

    with pytest.raises(ValidationError) as error:
        bid.full_clean()

    assert error.value.message_dict["answers"] == [
        "Only a denial or a non-confirmation answers another claim."
    ]


@pytest.mark.django_db
def test_a_swap_links_a_claim_of_the_same_story():
    first = TransferClaimFactory(deal_type=TransferClaim.DealType.SWAP)
    other = TransferClaimFactory.build(
        article=first.article,
        player=PlayerFactory(current_club=first.to_club),
        from_club=first.to_club,
        to_club=first.from_club,
        deal_type=TransferClaim.DealType.SWAP,
        swap_with=first,
    )

    other.full_clean()


@pytest.mark.django_db
def test_a_swap_cannot_link_a_claim_of_another_story():
    first = TransferClaimFactory(deal_type=TransferClaim.DealType.SWAP)
    other = TransferClaimFactory.build(
        article=ArticleFactory(),
        deal_type=TransferClaim.DealType.SWAP,
        swap_with=first,
    )
    other.player = PlayerFactory()

    with pytest.raises(ValidationError) as error:
        other.full_clean()

    assert error.value.message_dict["swap_with"] == ["Link a claim of the same story."]


@pytest.mark.django_db
def test_only_an_exchange_deal_has_another_side():
    first = TransferClaimFactory()
    other = TransferClaimFactory.build(
        article=first.article,
        player=PlayerFactory(),
        deal_type=TransferClaim.DealType.PERMANENT,
        swap_with=first,
    )

    with pytest.raises(ValidationError) as error:
        other.full_clean()

    assert error.value.message_dict["swap_with"] == [
        "Only a swap or a player-plus-cash deal has another side."
    ]


@pytest.mark.django_db
def test_an_editor_sees_what_would_make_the_claim_true(admin_client):
    claim = TransferClaimFactory(claim_type=Type.ENQUIRY)

    response = admin_client.get(
        reverse("admin:rumours_transferclaim_change", args=[claim.pk])
    )

    assert "the club did ask about him" in response.content.decode()
