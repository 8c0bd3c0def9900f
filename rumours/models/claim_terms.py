"""The terms a claim is stated in.

Its stages (with the plain words each says and their order in a transfer's
life), deal types, currencies and how an amount is written, outcomes, and
how precisely a story dates what happened.
"""

from typing import NamedTuple

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
    ASKING_PRICE = "asking_price", "Asking price or valuation"
    RELEASE_CLAUSE = "release_clause", "Release clause"
    PLAYER_REJECTS = "player_rejects", "Player turns the move down"
    WILLING_TO_SELL = "willing_to_sell", "Club willing to sell"
    TRANSFER_LISTED = "transfer_listed", "Transfer-listed or surplus"
    CONTRACT_TALKS = "contract_talks", "Contract talks"
    CONTRACT_OFFER = "contract_offer", "Contract offer"
    REFUSES_TO_RENEW = "refuses_to_renew", "Refuses to renew"
    NOT_CONFIRMED = "not_confirmed", "Not confirmed"


class KindTerms(NamedTuple):
    """What one kind of claim says, and what makes it true.

    ``sentence`` has {player}, {to} (the suitor) and {from} (the selling
    club) for the claim_sentence tag to fill in. ``true_when`` is what an
    editor checks before calling the claim true: the claim at its stage,
    not whether the player moved in the end, and ``false_when`` what a
    claim proved false turned out to be. A kind with ``scored`` False
    asserts nothing a track record can count.
    """

    sentence: str
    true_when: str
    false_when: str
    scored: bool = True


# The stages of one move, in the order a transfer lives them; every other
# kind stands outside the ladder (a stance, a contract matter, a response).
STAGE_LADDER = (
    ClaimType.INTEREST,
    ClaimType.ENQUIRY,
    ClaimType.BID,
    ClaimType.BID_REJECTED,
    ClaimType.NEGOTIATION,
    ClaimType.PERSONAL_TERMS_AGREED,
    ClaimType.FEE_AGREED,
    ClaimType.MEDICAL,
    ClaimType.COMPLETED,
)

KIND_TERMS = {
    ClaimType.INTEREST: KindTerms(
        "{to} are interested in {player}",
        "the club did want the player",
        "the club did not want him",
    ),
    ClaimType.ENQUIRY: KindTerms(
        "{to} have made an enquiry for {player}",
        "the club did ask about him",
        "the club did not ask about him",
    ),
    ClaimType.BID: KindTerms(
        "{to} have made a bid for {player}",
        "the club did make the offer",
        "no such offer was made",
    ),
    ClaimType.BID_REJECTED: KindTerms(
        "{to} have had a bid for {player} rejected",
        "an offer was made and turned down",
        "no offer was turned down",
    ),
    ClaimType.NEGOTIATION: KindTerms(
        "{to} are negotiating for {player}",
        "the clubs were in talks",
        "the clubs were not in talks",
    ),
    ClaimType.PERSONAL_TERMS_AGREED: KindTerms(
        "{player} has agreed personal terms with {to}",
        "player and club agreed terms",
        "no terms were agreed",
    ),
    ClaimType.FEE_AGREED: KindTerms(
        "{to} have agreed a fee for {player}",
        "the clubs agreed the fee",
        "no fee was agreed",
    ),
    ClaimType.MEDICAL: KindTerms(
        "{player} is having a medical with {to}",
        "the medical took place",
        "no medical took place",
    ),
    ClaimType.COMPLETED: KindTerms(
        "{player} has completed a move to {to}",
        "the move was announced",
        "the move collapsed",
    ),
    ClaimType.DENIED: KindTerms(
        "A move for {player} to {to} has been denied",
        "the claim it denies proved false",
        "the claim it denies proved true",
    ),
    ClaimType.BLOCKED: KindTerms(
        "{from} are blocking a move for {player}",
        "the club refused to let him go",
        "the club did not stand in the way",
    ),
    ClaimType.WANTS_TO_LEAVE: KindTerms(
        "{player} wants to leave {from}",
        "the player did ask to go",
        "the player did not ask to go",
    ),
    ClaimType.CONTRACT_EXTENSION: KindTerms(
        "{player} is extending his contract with {from}",
        "the extension was signed",
        "no extension was signed",
    ),
    ClaimType.ASKING_PRICE: KindTerms(
        "{from} have set an asking price for {player}",
        "the club asked for that price",
        "the club asked no such price",
    ),
    ClaimType.RELEASE_CLAUSE: KindTerms(
        "{player} has a release clause in his contract with {from}",
        "the contract holds that clause",
        "the contract holds no such clause",
    ),
    ClaimType.PLAYER_REJECTS: KindTerms(
        "{player} has turned down a move to {to}",
        "the player said no",
        "the player did not say no",
    ),
    ClaimType.WILLING_TO_SELL: KindTerms(
        "{from} are willing to let {player} go",
        "the club was ready to sell",
        "the club was not ready to sell",
    ),
    ClaimType.TRANSFER_LISTED: KindTerms(
        "{from} have made {player} available for transfer",
        "the club listed him or called him surplus",
        "the club did not list him",
    ),
    ClaimType.CONTRACT_TALKS: KindTerms(
        "{player} is in talks over a new contract with {from}",
        "player and club were in talks",
        "player and club were not in talks",
    ),
    ClaimType.CONTRACT_OFFER: KindTerms(
        "{from} have offered {player} a new contract",
        "the club made the offer",
        "the club made no offer",
    ),
    ClaimType.REFUSES_TO_RENEW: KindTerms(
        "{player} is refusing to sign a new contract with {from}",
        "the player turned the renewal down",
        "the player did not turn it down",
    ),
    ClaimType.NOT_CONFIRMED: KindTerms(
        "A move for {player} to {to} has not been confirmed",
        "never scored: it asserts nothing",
        "never scored: it asserts nothing",
        scored=False,
    ),
}

# The kinds a named player's own club states about his future there: the
# squad page counts them as that player marked surplus.
SURPLUS_KINDS = (ClaimType.WILLING_TO_SELL, ClaimType.TRANSFER_LISTED)

# The kinds that say a player may change club (#16): the stages of a move,
# and a player's or his club's readiness to part. The what-if squad view and
# the market board play these; a denial, a block, a refusal or a contract
# matter says he stays, and a release clause is only a term of his contract.
LEAVING_KINDS = (
    ClaimType.WANTS_TO_LEAVE,
    *SURPLUS_KINDS,
    ClaimType.ASKING_PRICE,
    ClaimType.REFUSES_TO_RENEW,
)
MOVE_KINDS = (*STAGE_LADDER, *LEAVING_KINDS)

# The kinds that answer an earlier claim and may point at it.
ANSWER_KINDS = (ClaimType.DENIED, ClaimType.NOT_CONFIRMED)

SENTENCES = {kind: terms.sentence for kind, terms in KIND_TERMS.items()}

# Ladder stages first, in order; the kinds outside it after, in choice order.
CLAIM_TYPE_ORDER = {
    code: index
    for index, code in enumerate(
        [*STAGE_LADDER, *(c for c in ClaimType.values if c not in STAGE_LADDER)]
    )
}


class SideKind(models.TextChoices):
    """How a story gives one side of a claim."""

    CLUB = "club", "A club it names"
    DESCRIBED = "described", "A club it describes but does not name"
    UNKNOWN = "unknown", "Not named"
    FREE_AGENT = "free_agent", "No club: a free agent"


class DealType(models.TextChoices):
    PERMANENT = "permanent", "Permanent"
    LOAN = "loan", "Loan"
    LOAN_WITH_OPTION = "loan_with_option", "Loan with option to buy"
    LOAN_WITH_OBLIGATION = "loan_with_obligation", "Loan with obligation to buy"
    SWAP = "swap", "Swap"
    PLAYER_PLUS_CASH = "player_plus_cash", "Player plus cash"


# The deal types in which another player goes the other way: their claims
# may be linked to the claim for that player.
EXCHANGE_DEALS = (DealType.SWAP, DealType.PLAYER_PLUS_CASH)


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
