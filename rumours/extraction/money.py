"""The money grammar: amounts as stories write them, as ``ClaimAmount`` fields.

“£30m”, “€40-45m”, “30 million euros”, “EUR 30m”, “$15 million”, “between
€50m and €55m”, “€40m (£34m)”, “around €22m”, “£40m plus add-ons”, “£35m
rising to £42m” (a fee and up to £7m of add-ons), “a €2m loan fee with an
€18m option”, “€60m release clause”, “£150,000 a week”. Each amount's kind
comes from the words next to it; a claim about an asking price or a release
clause makes its plain amounts that kind (``engine``).
"""

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from ..models.amounts import AmountKind, Qualifier, WagePeriod
from ..models.claim_terms import Currency

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
UNIT = r"(?:mln|mn|m|millions?|milioni|millones|bn|billion|k|thousand)\b"
CURRENCY_WORD = (
    r"(?:di\s+euro|de\s+euros|euros?|pounds?(?:\s+sterling)?|dollars?|eur|gbp|usd)\b"
)
AMOUNT = re.compile(
    rf"(?P<between>between\s+)?"
    rf"(?:(?P<symbol>[€£$]|(?:eur|gbp|usd)\s?)(?P<a>{NUMBER})\s?(?P<unit_a>{UNIT})?"
    rf"|(?P<a_bare>{NUMBER})\s?(?P<unit_bare>{UNIT})?(?=\s?(?:-|to|and)?\s?[\d€£$]"
    rf"[^a-z]*(?:{UNIT})?\s?{CURRENCY_WORD}|\s?(?:{UNIT})?\s?{CURRENCY_WORD}))"
    rf"(?:\s?(?P<joint>-|to|/|and)\s?(?:[€£$])?(?P<b>{NUMBER})\s?(?P<unit_b>{UNIT})?)?"
    rf"(?:\s?(?P<word>{CURRENCY_WORD}))?"
)
CONVERTED = re.compile(r"\s?\((?:about|around|roughly|approximately|c\.?)?\s?$")
SCALE = {"k": 3, "thousand": 3, "bn": 9, "billion": 9}
CURRENCIES = {"€": "EUR", "£": "GBP", "$": "USD", "eur": "EUR", "gbp": "GBP"}
CURRENCIES |= {"usd": "USD", "euro": "EUR", "pound": "GBP", "dollar": "USD"}
CURRENCIES |= {"di euro": "EUR", "de euros": "EUR"}

QUALIFIERS = [
    (Qualifier.UP_TO, r"(?:up to|as much as|as high as|a maximum of|no more than)"),
    (Qualifier.ALMOST, r"(?:almost|nearly|just under|just shy of|close to|just below)"),
    (
        Qualifier.AROUND,
        r"(?:around|about|approximately|roughly|circa|in the region of|"
        r"some|in the order of|in the region of|somewhere near)",
    ),
    (
        Qualifier.REPORTED,
        r"(?:thought to be|believed to be|said to be|understood to be|reported|"
        r"reportedly|rumoured)",
    ),
]
# Words right after an amount that say what it is.
KIND_AFTER = [
    (
        AmountKind.ADD_ONS,
        r"(?:in |of |worth of )?(?:add-ons|add ons|bonus(?:es)?|variables)",
    ),
    (AmountKind.LOAN_FEE, r"loan(?:\s+fee)?\b"),
    (AmountKind.OPTION_PRICE, r"(?:buy(?:ing)?[- ]|purchase )?option"),
    (
        AmountKind.OBLIGATION_PRICE,
        r"(?:mandatory |compulsory )?(?:obligation|purchase)",
    ),
    (AmountKind.RELEASE_CLAUSE, r"(?:release|buy-?out|exit|termination) clause"),
    (AmountKind.ASKING_PRICE, r"(?:valuation|price[- ]tag|asking price)"),
]
# Words before it (the nearest wins).
KIND_BEFORE = [
    (AmountKind.LOAN_FEE, r"loan fee(?: of)?|for a loan of"),
    (AmountKind.OPTION_PRICE, r"option(?: to buy| to sign him| to make it permanent)?"),
    (AmountKind.OBLIGATION_PRICE, r"obligation(?: to buy)?"),
    (AmountKind.RELEASE_CLAUSE, r"(?:release|buy-?out|exit) clause|clausola"),
    (
        AmountKind.ASKING_PRICE,
        r"valued? (?:him )?at|valuation(?: of)?|asking price|price[- ]tag|asking for|"
        r"ask|want(?:s|ing)?|demand(?:s|ing)?|hold(?:ing)? out for|priced at|"
        r"less than|at least|not (?:sell|part with him) for",
    ),
    (AmountKind.ADD_ONS, r"(?:plus|and|with|\+) (?:a further |another |up to )?"),
    (AmountKind.TRANSFER_FEE, r"fee|bid|offer|deal|worth|rising to"),
]
WEEKLY = r"(?:a|per|each|every|/)\s?(?:week|wk)\b|p/?w\b|-a-week|weekly"
YEARLY = (
    r"(?:a|per|each)\s(?:year|season|annum)\b|annually|net (?:a|per) (?:year|season)"
)
RANGE_AFTER = r"(?:range|region|ballpark|bracket)\b"
ADD_ON_WORDS = r"(?:add-ons|add ons|bonus(?:es)?|variables)"
# A figure without its currency after one with it: "... 20 million euros plus
# 5 in variables", "Lazio's offer stops at 18 million".
BARE = re.compile(
    rf"(?<![\w€£$.,-])(?P<number>{NUMBER})(?:\s?(?P<unit>(?:mln|mn|m|millions?|"
    rf"milioni|millones|bn|billion)\b)|(?=\s+(?:in\s+|of\s+)?{ADD_ON_WORDS}))"
)
UNSIZED_ADD_ONS = re.compile(
    r"(?:plus|with|and|\+)\s+(?:potential\s+|further\s+|some\s+)?"
    r"(?:add-ons|add ons|bonuses|variables)(?!\s+(?:of|worth)\s+[€£$\d])"
)


@dataclass(frozen=True)
class Amount:
    """One amount as the interchange format's amount object, and where it is."""

    kind: str
    amount: Decimal | None
    currency: str | None
    qualifier: str = Qualifier.EXACT
    upper_amount: Decimal | None = None
    converted_amount: Decimal | None = None
    converted_currency: str | None = None
    period: str | None = None
    start: int = 0
    end: int = 0

    def as_dict(self):
        def money(value):
            return None if value is None else f"{value:.2f}"

        return {
            "kind": str(self.kind),
            "amount": money(self.amount),
            "upper_amount": money(self.upper_amount),
            "currency": self.currency and str(self.currency),
            "qualifier": str(self.qualifier),
            "converted_amount": money(self.converted_amount),
            "converted_currency": self.converted_currency
            and str(self.converted_currency),
            "period": self.period and str(self.period),
        }


def find_amounts(folded, start=0, end=None):
    """Return the ``Amount``s in ``folded[start:end]``, in the story's order."""
    end = len(folded) if end is None else end
    amounts = []
    for match in AMOUNT.finditer(folded, start, end):
        amount = _amount(folded, match, start, amounts)
        if amount is None:
            continue
        if amounts and CONVERTED.search(folded[amounts[-1].end : match.start()]):
            amounts[-1] = replace(
                amounts[-1],
                converted_amount=amount.amount,
                converted_currency=amount.currency,
                end=match.end(),
            )
            continue
        amounts.append(amount)
    amounts.extend(_bare_amounts(folded, start, end, amounts))
    amounts.extend(_unsized_add_ons(folded, start, end, amounts))
    return sorted(amounts, key=lambda amount: amount.start)


def _amount(folded, match, floor, earlier):
    currency = _currency(match)
    if currency is None:
        return None
    lower_text = match.group("a") or match.group("a_bare")
    joint, upper_text = match.group("joint"), match.group("b")
    if joint == "and" and not match.group("between"):
        upper_text = None
    unit_b = match.group("unit_b") if upper_text else None
    unit_a = match.group("unit_a") or match.group("unit_bare") or unit_b
    lower = _value(lower_text, unit_a)
    upper = _value(upper_text, unit_b or unit_a) if upper_text else None
    end = match.end() if upper_text or not joint else match.start("joint")
    before = folded[max(floor, match.start() - 40) : match.start()]
    after = folded[end : end + 40].lstrip()
    kind = _kind(before, after)
    amount = Amount(
        kind,
        lower,
        currency,
        _qualifier(before, after),
        upper if upper and upper > lower else None,
        start=match.start(),
        end=end,
    )
    if re.search(r"rising to\s?$", before) and earlier and lower > earlier[-1].amount:
        return replace(
            amount,
            kind=AmountKind.ADD_ONS,
            amount=lower - earlier[-1].amount,
            qualifier=Qualifier.UP_TO,
        )
    period = _period(after)
    if period:
        amount = replace(amount, kind=AmountKind.WAGES, period=period)
    return amount


def _currency(match):
    for group in ("symbol", "word"):
        text = match.group(group)
        if text:
            word = re.sub(r"\s+", " ", text.strip()).rstrip("s")
            word = {"pounds sterling": "pound", "pound sterling": "pound"}.get(
                text.strip(), word
            )
            if word in CURRENCIES:
                return Currency(CURRENCIES[word])
    return None


def _value(number, unit):
    if "," in number and not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", number):
        number = number.replace(",", ".")  # "2,5 milioni": a decimal comma
    value = Decimal(number.replace(",", ""))
    return (value * 10 ** SCALE.get(unit or "", 6 if unit else 0)).quantize(
        Decimal("0.01")
    )


def _qualifier(before, after=""):
    for qualifier, words in QUALIFIERS:
        if re.search(rf"\b{words}\s(?:a\s|an\s|of\s)?(?:fee of\s)?$", before):
            return qualifier
    # "a fee in the $20 million range"
    if re.search(r"\bin the\s?$", before) and re.match(RANGE_AFTER, after):
        return Qualifier.AROUND
    return Qualifier.EXACT


def _kind(before, after):
    for kind, words in KIND_AFTER:
        if re.match(words, after):
            return kind
    best, nearest = AmountKind.TRANSFER_FEE, -1
    # The nearest word that names a kind ("fee", "bid": a transfer fee).
    for kind, words in KIND_BEFORE:
        for found in re.finditer(rf"\b(?:{words})\b", before):
            if found.end() > nearest:
                best, nearest = kind, found.end()
    if best == AmountKind.ADD_ONS and not re.match(r"(?:in |of )?add", after):
        return AmountKind.TRANSFER_FEE
    return best


def _period(after):
    if re.match(rf"(?:in wages |in salary |net )?(?:{WEEKLY})", after):
        return WagePeriod.WEEK
    if re.match(rf"(?:in wages |in salary |net )?(?:{YEARLY})", after):
        return WagePeriod.YEAR
    return None


def _bare_amounts(folded, start, end, amounts):
    """Yield the figures without a currency that take one from the copy before.

    The currency is that of the amount before it in the same paragraph; a
    figure with no unit at all ("plus 5 in variables") also takes that
    amount's millions.
    """
    for match in BARE.finditer(folded, start, end):
        if any(a.start <= match.start() < a.end for a in amounts):
            continue
        earlier = [a for a in amounts if a.end <= match.start() and a.currency]
        if not earlier:
            line = folded.rfind("\n", 0, start) + 1
            earlier = [
                a
                for a in find_amounts(folded, line, start)
                if a.currency and a.amount is not None
            ]
        if not earlier or earlier[-1].amount is None:
            continue
        previous, unit = earlier[-1], match.group("unit")
        value = _value(match.group("number"), unit)
        if unit is None and previous.amount >= 10**6 and value < 1000:
            value *= 10**6
        before = folded[max(start, match.start() - 40) : match.start()]
        after = folded[match.end() : match.end() + 40].lstrip()
        yield Amount(
            _kind(before, after),
            value,
            previous.currency,
            _qualifier(before, after),
            start=match.start(),
            end=match.end(),
        )


def _unsized_add_ons(folded, start, end, amounts):
    for match in UNSIZED_ADD_ONS.finditer(folded, start, end):
        if any(
            a.kind == AmountKind.ADD_ONS and a.end >= match.start() for a in amounts
        ):
            continue
        yield Amount(
            AmountKind.ADD_ONS, None, None, start=match.start(), end=match.end()
        )
