"""What a claim says in numbers and sets: its fee as readers see it, its subjects,
and the QuerySets that count and filter claims."""

from decimal import Decimal

import pytest

from rumours.models import TransferClaim

from .factories import ClubFactory, PlayerFactory, TransferClaimFactory

EUR, GBP, USD = (
    TransferClaim.Currency.EUR,
    TransferClaim.Currency.GBP,
    TransferClaim.Currency.USD,
)


def fee(amount, currency=EUR, upper=None, add_ons=None):
    claim = TransferClaim(
        fee_amount=None if amount is None else Decimal(amount),
        fee_currency=currency,
        fee_upper_amount=None if upper is None else Decimal(upper),
        fee_add_ons=None if add_ons is None else Decimal(add_ons),
    )
    return claim.fee_display


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        ("25000000", EUR, "€25m"),
        ("2500000", GBP, "£2.5m"),
        ("1000000", USD, "$1m"),
        ("999999", EUR, "€999.999k"),
        ("800000", GBP, "£800k"),
        ("1000", USD, "$1k"),
        ("999", EUR, "€999"),
        ("1500", EUR, "€1.5k"),
    ],
)
def test_a_fee_is_shown_in_millions_thousands_or_units(amount, currency, shown):
    assert fee(amount, currency) == shown


def test_a_range_shows_both_ends():
    assert fee("50000000", upper="55000000") == "€50m–€55m"


def test_a_range_with_equal_ends_shows_one_amount():
    assert fee("50000000", upper="50000000") == "€50m"


def test_add_ons_follow_the_fee():
    assert (
        fee("50000000", upper="55000000", add_ons="5000000")
        == "€50m–€55m plus €5m add-ons"
    )


def test_no_fee_shows_nothing():
    assert fee(None) == ""


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
