"""How a claim reads: its sentence, its sides as the story gave them, its route.

``ClaimWording`` is a mixin of ``TransferClaim``; none of it queries, so a
page reads it from what its loader fetched.
"""

from typing import NamedTuple

from django.utils import dateformat

from .claim_phrases import credit_text, say_attribution, say_claim
from .claim_terms import (
    CLAIM_TYPE_ORDER,
    KIND_TERMS,
    SENTENCES,
    EventPrecision,
    SideKind,
)


class Side(NamedTuple):
    """One side of a claim as the story put it.

    ``kind`` is "club" (``club`` set), "described" (``text``: the story's
    words), "free_agent" (selling side only) or "unknown": the story did not
    say. A described side's competition and country stay on the claim: they
    serve filters, not sentences, and reading them here would cost a query.
    """

    kind: str
    club: object = None
    text: str = ""


class ClaimWording:
    """The words of a claim, read from its loaded fields."""

    @property
    def sentence_text(self):
        """Return the sentence as plain text (needs the player and clubs loaded)."""
        return say_claim(self, _plain_name, str.format)

    @property
    def attribution_text(self):
        """Return the attribution as plain text (needs ``with_attributions()``)."""
        return say_attribution(self, credit_text, str.format)

    @property
    def shown_outcome_label(self):
        """Return the outcome readers see, in words: “Lapsed” once past its window."""
        if self.has_lapsed:
            return self.Outcome.LAPSED.label
        return self.get_outcome_display()

    @property
    def sentence(self):
        """Return the stage in plain words with {player}, {to}, {from} to fill in."""
        return SENTENCES[self.claim_type]

    @property
    def true_when(self):
        """Return what must have happened for this claim to count as true."""
        return KIND_TERMS[self.claim_type].true_when

    @property
    def verdict(self):
        """Return what the resolution found, in words, or "" while open (#15).

        About the claim at its stage, not the move: “True: the club did ask
        about him” for a confirmed enquiry although the player stayed; a
        completed move proved false “collapsed”. An open claim past its
        window “lapsed: never settled”.
        """
        terms = KIND_TERMS[self.claim_type]
        outcome = self.shown_outcome
        if outcome == self.Outcome.LAPSED:
            return "Lapsed: it was never settled either way"
        if not terms.scored and outcome != self.Outcome.OPEN:
            return f"{self.get_outcome_display()}: not a claim that can prove true"
        return {
            self.Outcome.CONFIRMED: f"True: {terms.true_when}",
            self.Outcome.DENIED: f"False: {terms.false_when}",
        }.get(outcome, "")

    @property
    def claim_type_rank(self):
        """Return the stage's place in a transfer's life (interest first)."""
        return CLAIM_TYPE_ORDER.get(self.claim_type, len(CLAIM_TYPE_ORDER))

    @property
    def from_side(self):
        """Return the selling side as a ``Side`` (needs the club loaded)."""
        if self.free_agent:
            return Side(SideKind.FREE_AGENT)
        return self._side(self.from_club, self.from_described)

    @property
    def to_side(self):
        """Return the suitor as a ``Side`` (needs the club loaded)."""
        return self._side(self.to_club, self.to_described)

    @staticmethod
    def _side(club, text):
        if club is not None:
            return Side(SideKind.CLUB, club=club)
        return Side(SideKind.DESCRIBED, text=text) if text else Side(SideKind.UNKNOWN)

    @property
    def route_adds_to_sentence(self):
        """Return True unless the sentence already names every side the claim does.

        “Roma are interested in Dragusin” leaves out the selling club, so the
        route follows it; “Dragusin wants to leave Tottenham” does not.
        """
        return "{from}" not in self.sentence or self.to_side.kind != SideKind.UNKNOWN

    @property
    def route(self):
        """Return “Tottenham → AC Milan” (needs the clubs loaded).

        A side the story described reads as described; a stage that has a
        suitor ({to} in its sentence) but none named reads “unnamed club”,
        the others “no destination”; an unnamed selling club is “club not
        named”, which is not the same fact as “free agent”.
        """
        origin = {
            SideKind.FREE_AGENT: "free agent",
            SideKind.UNKNOWN: "club not named",
        }.get(self.from_side.kind) or _side_name(self.from_side)
        destination = _side_name(self.to_side) or (
            "unnamed club" if "{to}" in self.sentence else "no destination"
        )
        return f"{origin} → {destination}"

    @property
    def event_display(self):
        """Return when it happened as precisely as the story said, or ""."""
        day = self.event_date
        if day is None:
            return ""
        return {
            EventPrecision.DAY: dateformat.format(day, "j F Y"),
            EventPrecision.MONTH: dateformat.format(day, "F Y"),
            EventPrecision.SUMMER: f"summer window {day.year}",
            EventPrecision.WINTER: f"winter window {day.year}",
            EventPrecision.YEAR: str(day.year),
        }[self.event_precision]


def _side_name(side):
    """Return a named or described side's short name, or ""."""
    if side.kind == SideKind.CLUB:
        return side.club.short_name
    return side.text


def _plain_name(obj):
    return getattr(obj, "short_name", None) or obj.name
