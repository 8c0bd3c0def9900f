"""The deal type a sentence names: loan, loan with option or obligation, swap..."""

import re

from ..models.claim_terms import DealType

DEAL_TYPES = [
    (DealType.LOAN_WITH_OBLIGATION, r"obligation to buy|obligation|obbligo di riscatto"
     r"|mandatory (?:purchase|buy)|compulsory purchase"),
    (DealType.LOAN_WITH_OPTION, r"option to (?:buy|make (?:the move|it|the deal) "
     r"permanent)|loan with (?:an |the )?option|(?:buy|purchase)(?:ing)? option|"
     r"diritto di riscatto|opcion de compra"),
    (DealType.LOAN, r"loan|on loan|prestito|cesion|temporary (?:move|deal|basis)"),
    (DealType.PLAYER_PLUS_CASH, r"player[- ]plus[- ]cash|part[- ]exchange|plus cash"),
    (DealType.SWAP, r"swap|straight exchange|exchange deal|in exchange for"),
    (DealType.PERMANENT, r"permanent|outright|free transfer|on a free|as a free"),
]  # fmt: skip
# "a loan with no option to buy" is a plain loan.
NEGATED = re.compile(r"\b(?:no|not|without|nor)\s+(?:an?\s+|the\s+|any\s+)?$")
LOANS = {DealType.LOAN, DealType.LOAN_WITH_OPTION, DealType.LOAN_WITH_OBLIGATION}


def deal_type_of(folded_sentence):
    """Return the first ``DealType`` whose words the sentence holds, or None.

    The most specific first: a loan with an obligation to buy is not a plain
    loan. A free transfer is a permanent move (the interchange has no "free").
    Words negated just before them do not count ("with no option to buy").
    """
    return next(
        (
            deal
            for deal, words in DEAL_TYPES
            if any(
                not NEGATED.search(folded_sentence[: match.start()])
                for match in re.finditer(rf"\b(?:{words})\b", folded_sentence)
            )
        ),
        None,
    )
