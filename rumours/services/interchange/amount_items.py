"""Read a claim's amounts: ``amounts`` (#13), or an older file's ``fee``.

An older file (version 1, or version 2 before amounts) gives one ``fee``
object; it is upgraded on the way in, as migration 0040 upgraded the stored
fees: a loan deal's fee becomes a loan fee, its add-ons their own amount.
"""

from rumours.models import ClaimAmount, TransferClaim

from .fields import AMOUNT_FIELDS, FEE_FIELDS
from .reading import INVALID, Fields

Kind = ClaimAmount.Kind
LOAN_DEALS = (
    TransferClaim.DealType.LOAN,
    TransferClaim.DealType.LOAN_WITH_OPTION,
    TransferClaim.DealType.LOAN_WITH_OBLIGATION,
)
CURRENCIES = TransferClaim.Currency.values


def amount_row(kind, amount, currency, **values):
    """Return one amount's model values, the unset ones at their defaults."""
    return {
        "kind": kind,
        "qualifier": values.get("qualifier", ClaimAmount.Qualifier.EXACT),
        "amount": amount,
        "upper_amount": values.get("upper_amount"),
        "currency": currency or "",
        "converted_amount": values.get("converted_amount"),
        "converted_currency": values.get("converted_currency") or "",
        "period": values.get("period") or "",
    }


def read_amounts(fields, deal_type, problems):
    """Return the claim's amounts as model values, in order; INVALID if any is bad."""
    fee = fields.nested("fee", FEE_FIELDS, noun="fee")
    items = fields.items("amounts")
    if fee is not None and items:
        fields.fail(
            "fee",
            "given with amounts; an older file's fee is one of the amounts, "
            "so give amounts alone",
        )
        return INVALID
    if fee is not None:
        return read_fee(fee, deal_type)
    if items is INVALID:
        return INVALID
    rows = [
        read_amount(Fields(value, path, AMOUNT_FIELDS, problems, noun="amount"))
        for path, value in items
    ]
    return INVALID if INVALID in rows else rows


def read_fee(fee, deal_type):
    """Upgrade an older file's ``fee`` object to amounts."""
    if fee is INVALID or not fee.ok:
        return INVALID
    amount = fee.amount("amount", required=True)
    upper = upper_amount(fee, amount)
    currency = fee.choice("currency", CURRENCIES, required=True)
    add_ons = fee.amount("add_ons")
    if INVALID in (amount, upper, currency, add_ons):
        return INVALID
    kind = Kind.LOAN_FEE if deal_type in LOAN_DEALS else Kind.TRANSFER_FEE
    rows = [amount_row(kind, amount, currency, upper_amount=upper)]
    if add_ons is not None:
        rows.append(amount_row(Kind.ADD_ONS, add_ons, currency))
    return rows


def upper_amount(fields, amount):
    upper = fields.amount("upper_amount")
    if amount in (None, INVALID) or upper in (None, INVALID) or upper >= amount:
        return upper
    return fields.fail(
        "upper_amount",
        f"'{upper}' is below the amount '{amount}'; "
        "the top of a range cannot be below its bottom",
    )


def read_amount(fields):
    """Return one item of ``amounts`` as model values, or INVALID."""
    if not fields.ok:
        return INVALID
    kind = fields.choice("kind", Kind.values, required=True)
    amount = fields.amount("amount")
    if amount is None and kind not in (Kind.ADD_ONS, INVALID):
        amount = fields.fail(
            "amount",
            "needed; only add-ons may be of unknown size (amount null)",
        )
    values = {
        "qualifier": fields.choice(
            "qualifier",
            ClaimAmount.Qualifier.values,
            default=ClaimAmount.Qualifier.EXACT,
        ),
        "upper_amount": upper_amount(fields, amount),
        "converted_amount": fields.amount("converted_amount"),
        "converted_currency": fields.choice(
            "converted_currency", CURRENCIES, nullable=True
        ),
        "period": fields.choice("period", ClaimAmount.Period.values, nullable=True),
    }
    currency = fields.choice("currency", CURRENCIES, nullable=True)
    if amount is None:
        check_unknown_size(fields, currency, values)
    elif currency is None:
        currency = fields.fail("currency", "needed with an amount: EUR, GBP or USD")
    if (values["converted_amount"] is None) != (values["converted_currency"] is None):
        values["converted_currency"] = fields.fail(
            "converted_currency",
            "give converted_amount and converted_currency together, or neither",
        )
    if kind == Kind.WAGES and values["period"] is None:
        values["period"] = fields.fail("period", "needed for wages: week or year")
    elif kind not in (Kind.WAGES, INVALID) and values["period"] is not None:
        values["period"] = fields.fail("period", "only wages have a period")
    row = amount_row(kind, amount, currency, **values)
    return INVALID if INVALID in row.values() else row


def check_unknown_size(fields, currency, values):
    """Note every money field given with add-ons of unknown size (no amount)."""
    given = {"currency": currency, **values}
    for name in ("currency", "upper_amount", "converted_amount"):
        if given[name] not in (None, INVALID):
            fields.fail(
                name,
                "given without an amount; add-ons of unknown size have no "
                "figure, so give the amount or leave this null",
            )
