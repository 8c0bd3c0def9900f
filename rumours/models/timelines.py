"""A player's rumour timeline, grouped by the club each claim names as suitor."""

from dataclasses import dataclass, field


@dataclass
class Suitor:
    """One club's claims about a player (``club`` None: no destination named)."""

    club: object
    claims: list = field(default_factory=list)

    @property
    def latest(self):
        return self.claims[-1]


def timeline_by_suitor(claims):
    """Return ``claims`` grouped by their destination club, stages in order.

    Within a suitor, claims run in the order of a transfer's stages
    (interest, enquiry, bid, ... completed), then by report time. Suitors
    follow in the order of their latest news, most recent first; claims
    naming no destination (wants to leave, blocked) form one group, last.
    """
    suitors = {}
    for claim in claims:
        suitors.setdefault(claim.to_club_id, Suitor(club=claim.to_club))
        suitors[claim.to_club_id].claims.append(claim)
    for suitor in suitors.values():
        suitor.claims.sort(key=lambda c: (c.claim_type_rank, c.reported_at, c.pk))
    return sorted(
        suitors.values(),
        key=lambda s: (
            s.club is None,
            -s.latest.reported_at.timestamp(),
            s.club.short_name if s.club else "",
        ),
    )
