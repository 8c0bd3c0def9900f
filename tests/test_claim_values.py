"""What a claim says in sets: its subjects, and the QuerySets that count and
filter claims. Its amounts are in ``test_claim_amounts``."""

import pytest

from rumours.models import TransferClaim

from .factories import ClubFactory, PlayerFactory, TransferClaimFactory


@pytest.mark.django_db
def test_open_returns_only_unresolved_claims():
    unresolved = TransferClaimFactory()
    TransferClaimFactory(confirmed=True)

    assert list(TransferClaim.objects.open()) == [unresolved]


@pytest.mark.django_db
def test_claims_are_counted_by_claim_type():
    TransferClaimFactory.create_batch(2)
    TransferClaimFactory(claim_type=TransferClaim.Type.BID)

    assert TransferClaim.objects.count_by_claim_type() == {
        TransferClaim.Type.ENQUIRY: 2,
        TransferClaim.Type.BID: 1,
    }


@pytest.mark.django_db
def test_subjects_leave_out_the_side_a_claim_does_not_name():
    seller = ClubFactory()
    player = PlayerFactory(current_club=seller)
    claim = TransferClaimFactory(
        player=player, to_club=None, claim_type=TransferClaim.Type.WANTS_TO_LEAVE
    )

    assert claim.subject_ids() == {"clubs": [seller.pk], "players": [player.pk]}


@pytest.mark.django_db
def test_subjects_name_the_replaced_player_after_the_player():
    claim = TransferClaimFactory(replaces=PlayerFactory())

    assert claim.subject_ids() == {
        "clubs": [claim.from_club_id, claim.to_club_id],
        "players": [claim.player_id, claim.replaces_id],
    }
