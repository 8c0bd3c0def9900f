"""The money a claim reports: fees, prices, clauses, add-ons and wages (#13).

A story may quote several amounts for one claim (“a loan fee of €2m, with an
option to buy at €25m”), hedge them (“around”, “up to”), give add-ons of no
stated size, or quote a second currency (“€40m (about £34m)”). Each is a
``ClaimAmount`` row, in the story's order; the claim has no fee fields of
its own.
"""

from decimal import Decimal
from typing import NamedTuple

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from .claim_terms import Currency, format_money

SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$"}


class AmountKind(models.TextChoices):
    TRANSFER_FEE = "transfer_fee", "Transfer fee"
    LOAN_FEE = "loan_fee", "Loan fee"
    OPTION_PRICE = "option_price", "Option-to-buy price"
    OBLIGATION_PRICE = "obligation_price", "Obligation-to-buy price"
    ASKING_PRICE = "asking_price", "Asking price or valuation"
    RELEASE_CLAUSE = "release_clause", "Release clause"
    ADD_ONS = "add_ons", "Add-ons"
    WAGES = "wages", "Wages"


class Qualifier(models.TextChoices):
    EXACT = "exact", "Exact (as stated)"
    AROUND = "around", "Around"
    ALMOST = "almost", "Almost"
    UP_TO = "up_to", "Up to"
    REPORTED = "reported", "Reported (“thought to be”)"


class WagePeriod(models.TextChoices):
    WEEK = "week", "A week"
    YEAR = "year", "A year"


# A claim's headline fee, the one API v1's ``fee`` object carries.
FEE_KINDS = (AmountKind.TRANSFER_FEE, AmountKind.LOAN_FEE)
QUALIFIER_WORDS = {
    Qualifier.EXACT: "",
    Qualifier.AROUND: "around ",
    Qualifier.ALMOST: "almost ",
    Qualifier.UP_TO: "up to ",
    Qualifier.REPORTED: "reportedly ",
}
# How each kind reads in a sentence; {money} is the amount as reported.
PHRASES = {
    AmountKind.TRANSFER_FEE: "a fee of {money}",
    AmountKind.LOAN_FEE: "a loan fee of {money}",
    AmountKind.OPTION_PRICE: "an option to buy at {money}",
    AmountKind.OBLIGATION_PRICE: "an obligation to buy at {money}",
    AmountKind.ASKING_PRICE: "an asking price of {money}",
    AmountKind.RELEASE_CLAUSE: "a release clause of {money}",
    AmountKind.ADD_ONS: "add-ons of {money}",
    AmountKind.WAGES: "wages of {money} a {period}",
}
# What an editor or a file says about an amount, in reading order.
AMOUNT_FIELDS = (
    "kind",
    "qualifier",
    "amount",
    "upper_amount",
    "currency",
    "converted_amount",
    "converted_currency",
    "period",
)
MONEY_MESSAGE = (
    "Give an amount with its currency; only add-ons may have no amount "
    "(add-ons of unknown size), and then no currency, range or conversion."
)
CONVERTED_MESSAGE = (
    "Give the second currency's amount and currency together, or neither, "
    "and only with an amount."
)


class ClaimAmount(models.Model):
    Kind = AmountKind
    Qualifier = Qualifier
    Period = WagePeriod

    claim = models.ForeignKey(
        "rumours.TransferClaim", on_delete=models.CASCADE, related_name="amounts"
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the story."
    )
    kind = models.CharField(
        max_length=16, choices=AmountKind.choices, default=AmountKind.TRANSFER_FEE
    )
    qualifier = models.CharField(
        max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    amount = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="As reported. Empty only for add-ons of unknown size.",
    )
    upper_amount = models.DecimalField(
        "upper bound",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="For a range: “between €50m and €55m”.",
    )
    currency = models.CharField(max_length=3, choices=Currency.choices, blank=True)
    converted_amount = models.DecimalField(
        "in a second currency",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The second currency the story quotes: “€40m (£34m)”.",
    )
    converted_currency = models.CharField(
        "second currency", max_length=3, choices=Currency.choices, blank=True
    )
    period = models.CharField(
        max_length=4,
        choices=WagePeriod.choices,
        blank=True,
        help_text="For wages only: a week or a year.",
    )

    history = HistoricalRecords()  # Who changed what, revertible (#5).

    class Meta:
        ordering = ["position", "id"]
        # #19: the admin's list of every amount, in this order, a page at a time.
        indexes = [
            models.Index(fields=["position", "id"], name="rumours_amount_order_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AmountKind.values),
                name="rumours_amount_kind_valid",
                violation_error_message="Choose a known kind of amount.",
            ),
            models.CheckConstraint(
                condition=Q(qualifier__in=Qualifier.values),
                name="rumours_amount_qualifier_valid",
                violation_error_message="Choose a known qualifier.",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=False, currency__in=Currency.values)
                | Q(
                    amount__isnull=True,
                    kind=AmountKind.ADD_ONS,
                    currency="",
                    upper_amount__isnull=True,
                    converted_amount__isnull=True,
                ),
                name="rumours_amount_has_money",
                violation_error_message=MONEY_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="rumours_amount_not_negative",
                violation_error_message="An amount cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(upper_amount__isnull=True)
                | Q(amount__isnull=False, upper_amount__gte=F("amount")),
                name="rumours_amount_range_ordered",
                violation_error_message=(
                    "The upper bound needs an amount and cannot be below it."
                ),
            ),
            models.CheckConstraint(
                condition=Q(converted_amount__isnull=True, converted_currency="")
                | Q(
                    amount__isnull=False,
                    converted_amount__isnull=False,
                    converted_amount__gte=0,
                    converted_currency__in=Currency.values,
                ),
                name="rumours_amount_converted_paired",
                violation_error_message=CONVERTED_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(kind=AmountKind.WAGES, period__in=WagePeriod.values)
                | (~Q(kind=AmountKind.WAGES) & Q(period="")),
                name="rumours_amount_wages_period",
                violation_error_message=(
                    "Wages need a period (a week or a year); other amounts have none."
                ),
            ),
        ]

    def __str__(self):
        return self.display

    @property
    def unknown_size(self):
        """Return True for add-ons the story mentions without a figure."""
        return self.amount is None

    @property
    def money(self):
        """Return the figure as reported: “around €50m–€55m (about £45m)”, or ""."""
        if self.amount is None:
            return ""
        symbol = SYMBOLS[self.currency]
        text = format_money(symbol, self.amount)
        if self.upper_amount is not None and self.upper_amount != self.amount:
            text += "–" + format_money(symbol, self.upper_amount)
        if self.converted_amount is not None:
            converted = format_money(
                SYMBOLS[self.converted_currency], self.converted_amount
            )
            text += f" (about {converted})"
        return QUALIFIER_WORDS[self.qualifier] + text

    @property
    def display(self):
        """Return the amount in words: “a €60m release clause”, “add-ons”."""
        if self.amount is None:
            return "add-ons"
        if self.kind == AmountKind.RELEASE_CLAUSE and self.qualifier == Qualifier.EXACT:
            return f"a {self.money} release clause"  # “a €60m release clause”
        period = self.period and WagePeriod(self.period).label.removeprefix("A ")
        return PHRASES[self.kind].format(money=self.money, period=period.lower())


def describe_amounts(amounts):
    """Return a claim's amounts in one phrase, in the story's order.

    “a fee of around €40m (about £34m) plus add-ons”; “a loan fee of €2m,
    with an option to buy at €25m”. Add-ons follow the amount before them;
    "" for none.
    """
    parts = []
    for row in amounts:
        if row.kind == AmountKind.ADD_ONS and parts:
            parts[-1] += (
                f" plus {row.money} in add-ons" if row.money else " plus add-ons"
            )
        elif (
            row.kind in (AmountKind.OPTION_PRICE, AmountKind.OBLIGATION_PRICE) and parts
        ):
            parts.append(f"with {row.display}")
        else:
            parts.append(row.display)
    return ", ".join(parts)


class HeadlineFee(NamedTuple):
    """A claim's first transfer or loan fee, with the add-ons that follow it."""

    amount: Decimal
    currency: str
    upper_amount: Decimal | None
    add_ons: Decimal | None


def headline_fee_row(amounts):
    """Return the first transfer or loan fee of ``amounts`` (a list), or None."""
    return next((row for row in amounts if row.kind in FEE_KINDS), None)


def headline_fee(amounts):
    """Return the first transfer or loan fee as a ``HeadlineFee``, or None.

    What API v1's ``fee`` object carried before a claim had several amounts;
    ``add_ons`` is the figure of the add-ons row right after the fee, if any.
    """
    rows = list(amounts)
    fee = headline_fee_row(rows)
    if fee is None:
        return None
    index = rows.index(fee)
    after = rows[index + 1] if index + 1 < len(rows) else None
    add_ons = after.amount if after and after.kind == AmountKind.ADD_ONS else None
    return HeadlineFee(fee.amount, fee.currency, fee.upper_amount, add_ons)
