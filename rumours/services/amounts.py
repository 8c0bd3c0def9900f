"""The quick entry of a claim's fee, for the common case of one (#13)."""

from django.db import transaction
from django.db.models import Max

from ..models import ClaimAmount, TransferClaim
from ..models.amounts import headline_fee_row

LOAN_DEALS = (
    TransferClaim.DealType.LOAN,
    TransferClaim.DealType.LOAN_WITH_OPTION,
    TransferClaim.DealType.LOAN_WITH_OBLIGATION,
)


@transaction.atomic
def set_headline_fee(*, claim, amount, currency, qualifier=ClaimAmount.Qualifier.EXACT):
    """Make ``claim``'s first transfer or loan fee ``amount`` in ``currency``.

    The row is updated, or made after the claim's other amounts (a loan fee
    for a loan deal), or, when ``amount`` is None, deleted; the claim's other
    amounts stay as they are. Validated with ``full_clean()``.
    """
    rows = list(claim.amounts.order_by("position", "pk"))
    fee = headline_fee_row(rows)
    if amount is None:
        if fee is not None:
            fee.delete()
        return None
    if fee is None:
        kind = (
            ClaimAmount.Kind.LOAN_FEE
            if claim.deal_type in LOAN_DEALS
            else ClaimAmount.Kind.TRANSFER_FEE
        )
        last = claim.amounts.aggregate(last=Max("position"))["last"]
        fee = ClaimAmount(
            claim=claim, kind=kind, position=0 if last is None else last + 1
        )
    fee.amount, fee.currency, fee.qualifier = amount, currency, qualifier
    fee.full_clean()
    fee.save()
    return fee
