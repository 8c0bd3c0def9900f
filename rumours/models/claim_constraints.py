"""The rules every stored claim keeps, checked by the database itself.

``TransferClaim.Meta.constraints``; each names its fix for the editor.
"""

from django.db import models
from django.db.models import F, Q

from .claim_terms import ClaimType, DealType, EventPrecision, Outcome

CLAIM_CONSTRAINTS = [
    models.CheckConstraint(
        condition=Q(claim_type__in=ClaimType.values),
        name="rumours_claim_type_valid",
        violation_error_message="Choose a known stage.",
    ),
    models.CheckConstraint(
        condition=Q(deal_type="") | Q(deal_type__in=DealType.values),
        name="rumours_claim_deal_type_valid",
        violation_error_message="Choose a known deal type.",
    ),
    models.CheckConstraint(
        condition=Q(outcome__in=Outcome.values),
        name="rumours_claim_outcome_valid",
        violation_error_message="Choose a known outcome.",
    ),
    models.CheckConstraint(
        condition=Q(event_date__isnull=True, event_precision="")
        | Q(
            event_date__isnull=False,
            event_precision__in=EventPrecision.values,
        ),
        name="rumours_claim_event_dated",
        violation_error_message="Give when it happened and how precisely "
        "together, or neither.",
    ),
    models.CheckConstraint(
        condition=Q(from_club__isnull=True) | Q(from_described=""),
        name="rumours_claim_from_named_or_described",
        violation_error_message="Name the selling club or describe it, not both.",
    ),
    models.CheckConstraint(
        condition=Q(to_club__isnull=True) | Q(to_described=""),
        name="rumours_claim_to_named_or_described",
        violation_error_message="Name the suitor or describe it, not both.",
    ),
    models.CheckConstraint(
        condition=Q(free_agent=False) | Q(from_club__isnull=True, from_described=""),
        name="rumours_claim_free_agent_has_no_club",
        violation_error_message="A free agent leaves no club: clear the "
        "selling club, or untick free agent.",
    ),
    models.CheckConstraint(
        condition=~Q(from_described="")
        | Q(from_competition__isnull=True, from_country=""),
        name="rumours_claim_from_details_described",
        violation_error_message="A competition or country describes the "
        "selling side: describe it too.",
    ),
    models.CheckConstraint(
        condition=~Q(to_described="") | Q(to_competition__isnull=True, to_country=""),
        name="rumours_claim_to_details_described",
        violation_error_message="A competition or country describes the "
        "suitor: describe it too.",
    ),
    models.CheckConstraint(
        condition=Q(answers__isnull=True) | ~Q(answers=F("id")),
        name="rumours_claim_answers_another",
        violation_error_message="A claim cannot answer itself.",
    ),
    models.CheckConstraint(
        condition=Q(swap_with__isnull=True) | ~Q(swap_with=F("id")),
        name="rumours_claim_swaps_with_another",
        violation_error_message="A claim cannot be its own other side.",
    ),
    models.CheckConstraint(
        condition=Q(from_club__isnull=True)
        | Q(to_club__isnull=True)
        | ~Q(from_club=F("to_club")),
        name="rumours_claim_clubs_differ",
        violation_error_message="The from club and the to club must differ.",
    ),
    models.CheckConstraint(
        condition=Q(replaces__isnull=True) | ~Q(replaces=F("player")),
        name="rumours_claim_replaces_other_player",
        violation_error_message="A player cannot replace himself.",
    ),
    models.CheckConstraint(
        condition=Q(outcome="open", resolved_at__isnull=True)
        | (~Q(outcome="open") & Q(resolved_at__isnull=False)),
        name="rumours_claim_resolved_when_closed",
        violation_error_message=(
            "An open claim has no resolution time; "
            "a confirmed, denied or lapsed one needs it."
        ),
    ),
    models.CheckConstraint(
        condition=~Q(outcome="open")
        | Q(resolution_note="", evidence_article__isnull=True, evidence_url=""),
        name="rumours_claim_evidence_when_resolved",
        violation_error_message="Only a resolved claim has a resolution note "
        "or evidence: resolve it, or clear them.",
    ),
    models.CheckConstraint(
        condition=Q(evidence_article__isnull=True) | ~Q(evidence_article=F("article")),
        name="rumours_claim_evidence_elsewhere",
        violation_error_message="A claim's own story cannot settle it: link "
        "the later story that did.",
    ),
    models.CheckConstraint(
        condition=Q(evidence_url="")
        | Q(evidence_url__startswith="https://")
        | Q(evidence_url__startswith="http://"),
        name="rumours_claim_evidence_url_web",
        violation_error_message="The report's address must start with "
        "https:// or http://.",
    ),
]
