"""The club page and its needs-versus-surplus squad page."""

from django.views.generic import DetailView

from ...models import Article, Club, TransferClaim
from ...models.squad import squad_depth

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
    """Where the club stands, position by position: need or surplus."""

    template_name = "rumours/club_squad.html"
    context_object_name = "club"

    def get_queryset(self):
        return Club.objects.select_related("competition").with_staff()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["depth"] = squad_depth(self.object)
        return context
