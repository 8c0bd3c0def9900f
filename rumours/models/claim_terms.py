"""The terms a claim is stated in.

Its stages (with the plain words each says and their order in a transfer's
life), deal types, currencies and how an amount is written, outcomes, and
how precisely a story dates what happened.
"""

from django.db import models


class ClaimType(models.TextChoices):
    INTEREST = "interest", "Interest"
    ENQUIRY = "enquiry", "Enquiry"
    BID = "bid", "Bid"
    BID_REJECTED = "bid_rejected", "Bid rejected"
    NEGOTIATION = "negotiation", "Negotiation"
    PERSONAL_TERMS_AGREED = "personal_terms_agreed", "Personal terms agreed"
    FEE_AGREED = "fee_agreed", "Fee agreed"
    MEDICAL = "medical", "Medical"
    COMPLETED = "completed", "Completed"
    DENIED = "denied", "Denied"
    BLOCKED = "blocked", "Blocked"
    WANTS_TO_LEAVE = "wants_to_leave", "Wants to leave"
    CONTRACT_EXTENSION = "contract_extension", "Contract extension"


CLAIM_TYPE_ORDER = {code: index for index, code in enumerate(ClaimType.values)}

# What each stage says in plain words: {player}, {to} (the suitor) and
# {from} (the selling club) are filled in, as links, by the claim_sentence tag.
SENTENCES = {
    ClaimType.INTEREST: "{to} are interested in {player}",
    ClaimType.ENQUIRY: "{to} have made an enquiry for {player}",
    ClaimType.BID: "{to} have made a bid for {player}",
    ClaimType.BID_REJECTED: "{to} have had a bid for {player} rejected",
    ClaimType.NEGOTIATION: "{to} are negotiating for {player}",
    ClaimType.PERSONAL_TERMS_AGREED: "{player} has agreed personal terms with {to}",
    ClaimType.FEE_AGREED: "{to} have agreed a fee for {player}",
    ClaimType.MEDICAL: "{player} is having a medical with {to}",
    ClaimType.COMPLETED: "{player} has completed a move to {to}",
    ClaimType.DENIED: "A move for {player} to {to} has been denied",
    ClaimType.BLOCKED: "{from} are blocking a move for {player}",
    ClaimType.WANTS_TO_LEAVE: "{player} wants to leave {from}",
    ClaimType.CONTRACT_EXTENSION: "{player} is extending his contract with {from}",
}


class DealType(models.TextChoices):
    PERMANENT = "permanent", "Permanent"
    LOAN = "loan", "Loan"
    LOAN_WITH_OPTION = "loan_with_option", "Loan with option to buy"
    LOAN_WITH_OBLIGATION = "loan_with_obligation", "Loan with obligation to buy"


class Currency(models.TextChoices):
    EUR = "EUR", "€ euro"
    GBP = "GBP", "£ pound sterling"
    USD = "USD", "$ US dollar"


class EventPrecision(models.TextChoices):
    """How exactly a story dates what happened: “in the winter” is a window."""

    DAY = "day", "On the day"
    MONTH = "month", "In the month"
    SUMMER = "summer", "In the summer window"
    WINTER = "winter", "In the winter (January) window"
    YEAR = "year", "In the year"


class Outcome(models.TextChoices):
    OPEN = "open", "Open"
    CONFIRMED = "confirmed", "Confirmed"
    DENIED = "denied", "Denied"
    LAPSED = "lapsed", "Lapsed"


def format_money(symbol, amount):
    """Return “€25m”, “€2.5m” or “€800k” for a decimal amount."""
    if amount >= 1_000_000:
        millions = amount / 1_000_000
        return f"{symbol}{millions.normalize():f}m"
    if amount >= 1_000:
        return f"{symbol}{(amount / 1_000).normalize():f}k"
    return f"{symbol}{amount.normalize():f}"
