"""Amounts as text an editor reads and types, in the money grammar (#14).

``amounts_text`` writes a claim's amounts as readers see them (“a fee of
around €40m–€45m plus add-ons”); ``read_amounts`` reads such text back, or
anything else the stories' grammar knows (“£30m”, “30 million euros”, “£40m
plus add-ons”), so a fee box and a proposal accept the same words.
"""

from ..models import ClaimAmount
from ..models.amounts import describe_amounts
from .money import Amount, find_amounts
from .text import fold


def amounts_text(amounts):
    """Return ``amounts`` (``Amount``s) in words the money grammar reads back."""
    return describe_amounts([as_row(amount) for amount in amounts])


def read_amounts(text):
    """Return the ``Amount``s in ``text``, in its order; [] for none."""
    return find_amounts(fold(text or ""))


def as_row(amount, **fields):
    """Return an unsaved ``ClaimAmount`` holding ``amount``'s fields."""
    return ClaimAmount(
        kind=amount.kind,
        amount=amount.amount,
        upper_amount=amount.upper_amount,
        currency=amount.currency or "",
        qualifier=amount.qualifier,
        converted_amount=amount.converted_amount,
        converted_currency=amount.converted_currency or "",
        period=amount.period or "",
        **fields,
    )


__all__ = ["Amount", "amounts_text", "as_row", "read_amounts"]
