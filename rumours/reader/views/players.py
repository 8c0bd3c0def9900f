"""The player page: profile and rumour timeline."""

from dataclasses import dataclass, field

from django.views.generic import DetailView

from ...models import Article, Player, TransferClaim

PLAYER_STORIES = 10


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


class PlayerDetailView(DetailView):
    """A player's profile and every public claim about him: public without any."""

    template_name = "rumours/player_detail.html"
    context_object_name = "player"

    def get_queryset(self):
        return Player.objects.select_related("current_club", "previous_club")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        player = self.object
        claims = TransferClaim.objects.public().filter(player=player).for_timeline()
        stories = Article.objects.published().about_players([player.pk]).for_cards()
        context.update(
            suitors=timeline_by_suitor(claims),
            articles=list(stories[:PLAYER_STORIES]),
        )
        return context
