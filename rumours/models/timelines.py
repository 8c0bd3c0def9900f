"""A player's rumour timeline, grouped by the club each claim names as suitor."""

from dataclasses import dataclass, field


@dataclass
class Suitor:
    """One suitor's claims about a player.

    ``club`` for a named club; else ``described``, the story's words for one
    it did not name; neither: no destination named.
    """

    club: object
    described: str = ""
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
    A described suitor (“an MLS side”) is a group of its own words.
    """
    suitors = {}
    for claim in claims:
        key = claim.to_club_id or claim.to_described.casefold()
        suitor = suitors.setdefault(
            key, Suitor(club=claim.to_club, described=claim.to_described)
        )
        suitor.claims.append(claim)
    for suitor in suitors.values():
        suitor.claims.sort(key=lambda c: (c.claim_type_rank, c.reported_at, c.pk))
    return sorted(
        suitors.values(),
        key=lambda s: (
            s.club is None and not s.described,
            -s.latest.reported_at.timestamp(),
            s.club.short_name if s.club else s.described,
        ),
    )
