"""Fee boxes that read money as the stories write it (#14).

“£30m”, “€40-45m”, “30 million euros”, “£40m plus add-ons”, “around €22m”:
the same grammar as the extraction's (``rumours.extraction.money``). A bare
number has no currency and a transfer fee under 100,000 is almost always a
slip for millions, so both are refused with the amount they probably meant.
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.text import format_lazy

from ..extraction.money_text import Amount, as_row, read_amounts
from ..models import ClaimAmount
from ..models.amounts import (
    AMOUNT_FIELDS,
    SYMBOLS,
    AmountKind,
    Qualifier,
    describe_amounts,
)
from ..models.claim_terms import format_money
from .rendering import AdminModelForm

SMALLEST_FEE = Decimal(100_000)
MONEY_HELP = (
    "As the story writes it: “£30m”, “€40-45m”, “30 million euros”, “£40m plus "
    "add-ons”, “around €22m”, “a €2m loan fee with an €18m option”."
)
NO_CURRENCY = "“{text}” has no currency: did you mean {suggestion}?"
UNREADABLE = (
    "No amount found in “{text}”: write it as the story does, e.g. “£30m”, "
    "“€40-45m” or “30 million euros”."
)
MORE_THAN_ONE_FIGURE = (
    "“{text}” holds more than one figure ({parsed}): this box keeps a single "
    "fee, so give ranges, add-ons and second amounts on the claim's own page, "
    "where every part is kept."
)
SMALL_FEE = "A transfer fee of {typed} is unusually small: did you mean {suggestion}?"
BARE_NUMBER = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*(m|k)?\s*")
# Read while typing by static/js/money-preview.js, from the view below; a
# single-fee box asks with ?single=1 so that it hears what its submit says.
PREVIEW_URL = reverse_lazy("admin:rumours_article_money")
SINGLE_PREVIEW_URL = format_lazy("{}?single=1", PREVIEW_URL)
IN_THE_CURRENCY_BESIDE = "Parsed as: {number} in the currency chosen beside it"


def money_input(*, url=PREVIEW_URL, **attrs):
    """Return a text box the money preview script reads as the editor types."""
    return forms.TextInput(attrs={"data-money-preview": url, **attrs})


def money_preview(text, *, single=False):
    """Return ``{"parsed": ...}`` or ``{"error": ...}`` for the text of a fee box.

    With ``single``, the box keeps one fee (``FeeField(single=True)``): the
    answer is what submitting it would say, a refusal of a range included.
    """
    try:
        if single:
            return {"parsed": _single_fee_parsed(FeeField(single=True).clean(text))}
        rows = MoneyField().clean(text)
    except ValidationError as problem:
        return {"error": " ".join(problem.messages)}
    return {"parsed": parsed_as(rows)}


def _single_fee_parsed(amount):
    if amount is None:
        return ""
    if amount.currency is None:
        return IN_THE_CURRENCY_BESIDE.format(number=f"{amount.amount:,}")
    if amount.kind == AmountKind.TRANSFER_FEE:
        check_fee(amount.amount, amount.currency)
    return parsed_as([as_row(amount)])


def millions(symbol, amount):
    """Return ``amount`` read as millions: “£30m” for 30."""
    return format_money(symbol, amount * 1_000_000)


def check_amounts(text, amounts, *, default_symbol="£"):
    """Raise ValidationError for text that reads as no amount, or a tiny fee."""
    if not amounts:
        bare = BARE_NUMBER.fullmatch(text)
        if bare:
            number = Decimal(bare.group(1).replace(",", "."))
            suggestion = f"{default_symbol}{bare.group(1)}{bare.group(2) or 'm'}"
            if not bare.group(2) and number >= SMALLEST_FEE:
                suggestion = format_money(default_symbol, number)
            raise ValidationError(NO_CURRENCY.format(text=text, suggestion=suggestion))
        raise ValidationError(UNREADABLE.format(text=text))
    for amount in amounts:
        if amount.kind == AmountKind.TRANSFER_FEE and amount.amount is not None:
            check_fee(amount.amount, amount.currency)


class MoneyField(forms.CharField):
    """Money as text; cleans to unsaved ``ClaimAmount`` rows in the story's order."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", MONEY_HELP)
        kwargs.setdefault("widget", money_input(size=40))
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return []
        amounts = read_amounts(text)
        check_amounts(text, amounts)
        return [as_row(amount) for amount in amounts]


def parsed_as(rows):
    """Return “Parsed as: a fee of £30m plus add-ons”, or "" for no rows."""
    return f"Parsed as: {describe_amounts(rows)}" if rows else ""


BARE_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def has_more(amount):
    """Return True if ``amount`` holds more than a figure: a range, a conversion."""
    return amount.upper_amount is not None or amount.converted_amount is not None


class FeeField(forms.CharField):
    """One fee: money-grammar text, or a plain number in the currency beside it.

    Cleans to an ``Amount`` (its currency None for a plain number), or None.
    With ``single``, text holding more than one figure (a range, add-ons, a
    second amount) is refused rather than stored in part: the box keeps one.
    """

    def __init__(self, *, single=False, **kwargs):
        self.single = single
        kwargs.setdefault("required", False)
        url = SINGLE_PREVIEW_URL if single else PREVIEW_URL
        kwargs.setdefault("widget", money_input(url=url, size=12))
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        amounts = read_amounts(text)
        if self.single and (len(amounts) > 1 or any(map(has_more, amounts))):
            parsed = describe_amounts([as_row(amount) for amount in amounts])
            raise ValidationError(MORE_THAN_ONE_FIGURE.format(text=text, parsed=parsed))
        sized = [amount for amount in amounts if amount.amount is not None]
        if sized:
            return sized[0]
        if BARE_AMOUNT.fullmatch(text):
            number = Decimal(text.replace(",", ""))
            return Amount(AmountKind.TRANSFER_FEE, number, None)
        raise ValidationError(UNREADABLE.format(text=text))


def check_fee(amount, currency):
    """Raise ValidationError for a transfer fee under 100,000 in ``currency``."""
    if amount < SMALLEST_FEE:
        symbol = SYMBOLS[currency]
        raise ValidationError(
            SMALL_FEE.format(
                typed=format_money(symbol, amount),
                suggestion=millions(symbol, amount),
            )
        )


class ClaimAmountForm(AdminModelForm):
    """An amount row whose figure may be typed as the story writes it (#14).

    “€40-45m” fills the amount, its upper bound and the currency; a plain
    number takes the currency chosen beside it.
    """

    amount = FeeField(
        help_text="“£30m”, “€40-45m”, “around €22m”, or a number in the currency "
        "chosen beside it. Empty only for add-ons of unknown size."
    )

    class Meta:
        model = ClaimAmount
        fields = [*AMOUNT_FIELDS, "position"]

    class Media:
        js = ["js/money-preview.js"]

    def clean(self):
        cleaned = super().clean()
        typed = cleaned.get("amount")
        if not isinstance(typed, Amount):
            return cleaned
        cleaned["amount"] = typed.amount
        if typed.currency:
            cleaned["currency"] = str(typed.currency)
        if typed.upper_amount is not None and cleaned.get("upper_amount") is None:
            cleaned["upper_amount"] = typed.upper_amount
        if typed.qualifier != Qualifier.EXACT:
            cleaned["qualifier"] = str(typed.qualifier)
        currency = cleaned.get("currency")
        if currency and cleaned.get("kind") == AmountKind.TRANSFER_FEE:
            try:
                check_fee(typed.amount, currency)
            except ValidationError as small:
                self.add_error("amount", small)
        return cleaned
