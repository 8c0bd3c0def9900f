"""The market board (#16): needs, surpluses and the rumours that join them."""

from django.views.generic import TemplateView

from ...filters import ClubFilter
from ...models import Club, Competition
from ...models.market import market_board
from .browse import filtered


class MarketBoardView(TemplateView):
    """Every position: who is short, who has too many, who is on the move.

    ``?competition=<slug>`` keeps the clubs of one competition and the
    rumours touching them; a slug naming nothing is a 404, as on the index
    pages.
    """

    template_name = "rumours/market.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = filtered(
            ClubFilter, self.request, ["competition"], Club.objects.none()
        )
        competition = filters.form.cleaned_data.get("competition")
        groups = market_board(competition)
        context.update(
            groups=groups,
            is_empty=all(group.is_empty for group in groups),
            competition=competition,
            competitions=list(Competition.objects.only("name", "slug")),
        )
        return context
