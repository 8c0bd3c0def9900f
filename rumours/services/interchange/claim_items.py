"""Read a claim of an article item, with its fee, event date and attributions."""

from rumours.models import Attribution, TransferClaim

from .entries import Entry
from .fields import ATTRIBUTION_FIELDS, EVENT_FIELDS, FEE_FIELDS
from .reading import INVALID, Fields

NO_FEE = {
    "fee_amount": None,
    "fee_upper_amount": None,
    "fee_add_ons": None,
    "fee_currency": "",
}


class ClaimReader:
    """Read claims one at a time, noting every problem in ``problems``."""

    def __init__(self, problems):
        self.problems = problems

    def read_claim(self, fields):
        outcome = fields.choice(
            "outcome", TransferClaim.Outcome.values, default=TransferClaim.Outcome.OPEN
        )
        resolved_at = fields.time("resolved_at")
        if outcome == TransferClaim.Outcome.OPEN and resolved_at not in (None, INVALID):
            fields.fail("resolved_at", "must be null while the outcome is open")
        elif (
            outcome not in (TransferClaim.Outcome.OPEN, INVALID) and resolved_at is None
        ):
            fields.fail(
                "resolved_at",
                f"needed when the outcome is {outcome}; give the time it was resolved",
            )
        deal_type = fields.choice(
            "deal_type", TransferClaim.DealType.values, nullable=True
        )
        values = {
            "claim_type": fields.choice(
                "claim_type", TransferClaim.Type.values, required=True
            ),
            "deal_type": "" if deal_type is None else deal_type,
            **self.read_fee(fields),
            **self.read_event(fields),
            "quote": fields.text("quote", model=TransferClaim, required=True),
            "reported_at": fields.time("reported_at", required=True),
            "outcome": outcome,
            "resolved_at": resolved_at,
        }
        refs = {
            "player": fields.ref("player", "players", required=True),
            "from_club": fields.ref("from_club", "clubs"),
            "to_club": fields.ref("to_club", "clubs"),
            "source": fields.ref("source", "sources"),
            "replaces": fields.ref("replaces", "players"),
        }
        extra = {"attributions": self.read_attributions(fields)}
        return Entry(fields.path, None, values, refs, extra)

    def read_attributions(self, fields):
        """Return the claim's relays and speakers as ``[(role, source ref)]``."""
        items = fields.items("attributions")
        credits = []
        for path, value in [] if items is INVALID else items:
            credit = Fields(
                value, path, ATTRIBUTION_FIELDS, self.problems, noun="attribution"
            )
            if not credit.ok:
                continue
            role = credit.choice("role", Attribution.Role.values, required=True)
            source = credit.ref("source", "sources", required=True)
            credits.append((role, source))
        return credits

    def read_event(self, fields):
        event = fields.nested("event", EVENT_FIELDS, noun="event")
        if event is None:
            return {"event_date": None, "event_precision": ""}
        if event is INVALID or not event.ok:
            return {"event_date": INVALID, "event_precision": INVALID}
        return {
            "event_date": event.date("date", required=True),
            "event_precision": event.choice(
                "precision", TransferClaim.EventPrecision.values, required=True
            ),
        }

    def read_fee(self, fields):
        fee = fields.nested("fee", FEE_FIELDS, noun="fee")
        if fee is None:
            return dict(NO_FEE)
        if fee is INVALID or not fee.ok:
            return dict.fromkeys(NO_FEE, INVALID)
        amount = fee.amount("amount", required=True)
        upper = fee.amount("upper_amount")
        known = amount not in (None, INVALID) and upper not in (None, INVALID)
        if known and upper < amount:
            upper = fee.fail(
                "upper_amount",
                f"'{upper}' is below the amount '{amount}'; "
                "the top of a range cannot be below its bottom",
            )
        return {
            "fee_amount": amount,
            "fee_upper_amount": upper,
            "fee_add_ons": fee.amount("add_ons"),
            "fee_currency": fee.choice(
                "currency", TransferClaim.Currency.values, required=True
            ),
        }
