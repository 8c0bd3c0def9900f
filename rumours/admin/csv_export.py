"""CSV exports for editors, safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is a formula to Excel and LibreOffice (``=HYPERLINK(...)`` can leak
data when clicked), so such cells are written with a leading apostrophe, as
OWASP recommends for CSV injection.
"""

import csv
import io

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

CLAIM_COLUMNS = [
    "article",
    "player",
    "from_club",
    "from_described",
    "free_agent",
    "to_club",
    "to_described",
    "claim_type",
    "deal_type",
    "fee_amount",
    "fee_upper_amount",
    "fee_add_ons",
    "fee_currency",
    "source",
    "source_tier",
    "quote",
    "reported_at",
    "event_date",
    "event_precision",
    "replaces",
    "outcome",
    "resolved_at",
]


def spreadsheet_safe(value):
    """Return ``value`` as text a spreadsheet shows and never evaluates."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def claim_row(claim):
    """Return the CSV cells of one claim (its parties must be loaded)."""
    return [
        claim.article.slug,
        claim.player.name,
        claim.from_club.name if claim.from_club else "",
        claim.from_described,
        "yes" if claim.free_agent else "",
        claim.to_club.name if claim.to_club else "",
        claim.to_described,
        claim.claim_type,
        claim.deal_type,
        claim.fee_amount,
        claim.fee_upper_amount,
        claim.fee_add_ons,
        claim.fee_currency,
        claim.source.name if claim.source else "",
        claim.source.reliability_tier if claim.source else "",
        claim.quote,
        claim.reported_at.isoformat(),
        claim.event_date.isoformat() if claim.event_date else "",
        claim.event_precision,
        claim.replaces.name if claim.replaces else "",
        claim.outcome,
        claim.resolved_at.isoformat() if claim.resolved_at else "",
    ]


def export_claims_csv(claims):
    """Return CSV text for ``claims``, a queryset; one query whatever its size."""
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(CLAIM_COLUMNS)
    for claim in claims.with_parties().select_related("article"):
        writer.writerow([spreadsheet_safe(cell) for cell in claim_row(claim)])
    return output.getvalue()
