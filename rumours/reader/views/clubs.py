"""The club page and its needs-versus-surplus squad page."""

from django.http import Http404
from django.utils import timezone
from django.views.generic import DetailView

from ...models import Article, Club, TransferClaim
from ...models.move_likelihoods import move_outlooks
from ...models.squad import squad_depth
from ...models.squad_queries import club_with_staff
from ...models.what_if import play

CLUB_STORIES = 12
CLUB_CLAIMS = 50


class ClubDetailView(DetailView):
    """A club's latest stories, and its latest rumours in and out."""

    template_name = "rumours/club_detail.html"
    context_object_name = "club"

    def get_queryset(self):
        return Club.objects.select_related("competition").with_staff()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        club = self.object
        stories = Article.objects.published().about_clubs([club.pk]).for_cards()
        claims = (
            TransferClaim.objects.public()
            .for_timeline()
            .order_by("-reported_at", "-id")
        )
        context.update(
            articles=list(stories[:CLUB_STORIES]),
            claims_in=list(claims.filter(to_club=club)[:CLUB_CLAIMS]),
            claims_out=list(claims.filter(from_club=club)[:CLUB_CLAIMS]),
        )
        return context


class ClubSquadView(DetailView):
    """Where the club stands, position by position, and if its rumours come true.

    ``?whatif=1&move=out:<player slug>&move=in:<player slug>`` plays only
    the moves named (the what-if form sends that); without ``whatif`` every
    rumoured move plays. A move that is no longer rumoured here is named
    back to the reader and left out, never an error: links and bookmarks
    outlive rumours.
    """

    template_name = "rumours/club_squad.html"
    context_object_name = "club"

    def get_object(self, queryset=None):
        club = club_with_staff(self.kwargs["slug"])
        if club is None:
            raise Http404("No such club.")
        return club

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        depth = squad_depth(self.object)
        moves = depth.moves
        move_outlooks(depth, now=timezone.now())
        chosen, stale = chosen_moves(self.request.GET, moves)
        played = play(depth, chosen)
        context.update(
            depth=depth,
            moves=moves,
            rated=any(move.outlook for move in moves),
            played_keys={move.key for move in played},
            stale_moves=stale,
        )
        return context


def chosen_moves(query, moves):
    """Return (the move keys the reader chose, or None for all; unknown keys)."""
    if "whatif" not in query:
        return None, []
    known = {move.key for move in moves}
    asked = query.getlist("move")
    return {key for key in asked if key in known}, [k for k in asked if k not in known]
