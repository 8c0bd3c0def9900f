"""Read a claim of an article item, with its amounts, event date and attributions."""

from rumours.models import Attribution, TransferClaim

from .amount_items import read_amounts
from .entries import Entry
from .fields import ATTRIBUTION_FIELDS, EVENT_FIELDS
from .reading import INVALID, Fields


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
        extra = {
            "attributions": self.read_attributions(fields),
            "amounts": read_amounts(fields, deal_type, self.problems),
            "occurrence": fields.integer(
                "occurrence", minimum=1, maximum=99, default=1
            ),
        }
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


def check_occurrences(claims, problems):
    """Note an occurrence whose earlier ones are missing: 2 needs a 1."""
    for (*parties, occurrence), claim in claims.items():
        earlier = (*parties, occurrence - 1)
        if occurrence > 1 and earlier not in claims:
            problems.add(
                f"{claim.path}.occurrence",
                f"{occurrence}, but the story has no occurrence {occurrence - 1} "
                "of the same player, clubs and claim type; number them from 1",
            )
