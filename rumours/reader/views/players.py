"""The player page: profile and rumour timeline."""

from django.utils import timezone
from django.views.generic import DetailView

from ...models import Article, Player, TransferClaim
from ...models.likelihood import suitor_outlooks
from ...models.source_records import attach_records
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
        claims = list(
            TransferClaim.objects.public().filter(player=player).for_timeline()
        )
        stories = Article.objects.published().about_players([player.pk]).for_cards()
        attach_records(claims)
        suitors = timeline_by_suitor(claims)
        suitor_outlooks(player, suitors, claims, now=timezone.now())
        context.update(
            suitors=suitors,
            articles=list(stories[:PLAYER_STORIES]),
        )
        return context
