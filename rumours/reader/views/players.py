"""The player page: profile and rumour timeline."""

from django.views.generic import DetailView

from ...models import Article, Player, TransferClaim
from ...models.timelines import timeline_by_suitor

PLAYER_STORIES = 10


class PlayerDetailView(DetailView):
    """A player's profile and every public claim about him: public without any."""

    template_name = "rumours/player_detail.html"
    context_object_name = "player"

    def get_queryset(self):
        return Player.objects.select_related("current_club", "previous_club", "agent")

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
