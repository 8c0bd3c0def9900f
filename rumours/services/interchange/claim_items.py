"""Read a claim of an article item, with its amounts, event date and attributions."""

from rumours.models import Attribution, TransferClaim

from .amount_items import read_amounts
from .entries import Entry
from .fields import (
    ANSWERS_FIELDS,
    ATTRIBUTION_FIELDS,
    DESCRIBED_FIELDS,
    EVENT_FIELDS,
    RESOLUTION_FIELDS,
)
from .reading import INVALID, Fields

# The most claims one story can list, for the bounds of an index into them.
MAX_CLAIMS = 10_000


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
        for side in ("from", "to"):
            self.read_described(fields, side, values, refs)
        self.read_resolution(fields, outcome, values, refs)
        # Before the key existed, a claim naming no selling club was a free
        # agent's: a file that leaves it out keeps that meaning.
        values["free_agent"] = fields.boolean(
            "free_agent",
            default=refs["from_club"] is None and not values["from_described"],
        )
        extra = {
            "attributions": self.read_attributions(fields),
            "amounts": read_amounts(fields, deal_type, self.problems),
            "occurrence": fields.integer(
                "occurrence", minimum=1, maximum=99, default=1
            ),
            "answers": self.read_answers(fields),
            "swap_with": fields.integer(
                "swap_with", minimum=0, maximum=MAX_CLAIMS, nullable=True
            ),
        }
        # A link the file gives is set once every claim has its id
        # (``write_claim_links``); one it leaves out goes now.
        for name in ("answers", "swap_with"):
            if extra[name] is None:
                values[name] = None
        return Entry(fields.path, None, values, refs, extra)

    def read_described(self, fields, side, values, refs):
        """Read ``{side}_described``: the story's words for a club it did not name."""
        name = f"{side}_described"
        described = fields.nested(name, DESCRIBED_FIELDS, noun="description")
        refs[f"{side}_competition"] = None
        if described is None:
            values.update({name: "", f"{side}_country": ""})
        elif described is INVALID or not described.ok:
            values.update({name: INVALID, f"{side}_country": INVALID})
        else:
            values[name] = described.text(
                "text", model=TransferClaim, field=name, required=True
            )
            values[f"{side}_country"] = described.text(
                "country", model=TransferClaim, field=f"{side}_country"
            )
            refs[f"{side}_competition"] = described.ref("competition", "competitions")

    def read_resolution(self, fields, outcome, values, refs):
        """Read what settled a resolved claim (#15): a note, our story, a report."""
        resolution = fields.nested("resolution", RESOLUTION_FIELDS, noun="resolution")
        refs["evidence_article"] = None
        if resolution is None:
            values.update(resolution_note="", evidence_url="")
            return
        if outcome == TransferClaim.Outcome.OPEN:
            fields.fail("resolution", "must be null while the outcome is open")
        if resolution is INVALID or not resolution.ok:
            values.update(resolution_note=INVALID, evidence_url=INVALID)
            return
        values["resolution_note"] = resolution.text(
            "note", model=TransferClaim, field="resolution_note"
        )
        values["evidence_url"] = resolution.text(
            "evidence_url", model=TransferClaim, field="evidence_url"
        )
        refs["evidence_article"] = resolution.ref("evidence_article", "articles")

    def read_answers(self, fields):
        """Return ``(article ref, index)`` of the claim a denial answers, or None."""
        answers = fields.nested("answers", ANSWERS_FIELDS, noun="answered claim")
        if answers is None or answers is INVALID or not answers.ok:
            return answers
        return (
            answers.ref("article", "articles", required=True),
            answers.integer("claim", minimum=0, maximum=MAX_CLAIMS, required=True),
        )

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
