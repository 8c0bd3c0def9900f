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
    "amounts",
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
        *headline_fee_cells(claim.headline_fee),
        claim.fee_display,
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


def headline_fee_cells(fee):
    """Return the first transfer or loan fee's four cells, empty for none."""
    if fee is None:
        return ["", "", "", ""]
    return [fee.amount, fee.upper_amount, fee.add_ons, fee.currency]


def export_claims_csv(claims):
    """Return CSV text for ``claims``, a queryset; two queries whatever its size.

    ``fee_*`` hold the first transfer or loan fee, as the columns always
    did; ``amounts`` says every amount in words.
    """
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(CLAIM_COLUMNS)
    for claim in claims.with_parties().with_amounts().select_related("article"):
        writer.writerow([spreadsheet_safe(cell) for cell in claim_row(claim)])
    return output.getvalue()
