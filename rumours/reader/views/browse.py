"""The index pages readers browse by: clubs, players, sources, competitions (#16).

Each list is one query (two with its filter's choices), whatever the
newsroom's size; filters are the partner API's (``rumours.filters``), and a
value naming nothing is a 404, as on the home page.
"""

from itertools import groupby

from django.db.models import Count, F
from django.http import Http404, QueryDict
from django.views.generic import ListView

from ...filters import ClubFilter, PlayerFilter
from ...models import Club, Competition, Player, Position, Source
from .pagination import UncountedPaginator

PLAYERS_PER_PAGE = 50
MAX_QUERY_LENGTH = 100


def chosen_filters(request, names):
    """Return the non-empty values of ``names`` in the query: the filters chosen."""
    chosen = QueryDict(mutable=True)
    for name in names:
        if request.GET.get(name):
            chosen[name] = request.GET[name]
    return chosen


def filtered(filterset_class, request, names, queryset):
    """Return the valid ``filterset_class`` of the query's ``names``, or raise 404."""
    filters = filterset_class(chosen_filters(request, names), queryset=queryset)
    if not filters.is_valid():
        raise Http404("No such club, competition or position.")
    return filters


def by_competition(clubs):
    """Group ``clubs`` (ordered by competition) as [(competition or None, [clubs])]."""
    return [
        (competition, list(group))
        for competition, group in groupby(clubs, key=lambda club: club.competition)
    ]


class ClubIndexView(ListView):
    """Every club, by competition, each with its page and its squad view."""

    template_name = "rumours/club_list.html"
    context_object_name = "clubs"

    def get_queryset(self):
        clubs = Club.objects.select_related("competition").order_by(
            F("competition__name").asc(nulls_last=True), "name", "id"
        )
        self.filters = filtered(ClubFilter, self.request, ["competition"], clubs)
        return self.filters.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            groups=by_competition(context["clubs"]),
            competition=self.filters.form.cleaned_data.get("competition"),
            competitions=list(Competition.objects.only("name", "slug")),
        )
        return context


class PlayerIndexView(ListView):
    """Players by name, fifty a page: find one by name, position, club."""

    template_name = "rumours/player_list.html"
    context_object_name = "players"
    paginate_by = PLAYERS_PER_PAGE
    paginator_class = UncountedPaginator
    offered_filters = ("competition", "club", "position")

    def get_queryset(self):
        self.query = self.request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
        players = (
            Player.objects.named(self.query.split())
            .select_related("current_club")
            .order_by("name", "id")
        )
        self.filters = filtered(
            PlayerFilter, self.request, self.offered_filters, players
        )
        return self.filters.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen = self.filters.form.cleaned_data
        competition, club = chosen.get("competition"), chosen.get("club")
        scope = competition or (club and club.competition)
        context.update(
            query=self.query,
            competition=competition,
            club=club,
            position=(chosen.get("position") or [""])[0],
            positions=Position.choices,
            competitions=list(Competition.objects.only("name", "slug")),
            # One competition's clubs, as on the home page: never every club.
            club_choices=(
                list(Club.objects.filter(competition=scope).only("name", "slug"))
                if scope
                else [club]
                if club
                else []
            ),
            filter_query=chosen_filters(
                self.request, ("q", *self.offered_filters)
            ).urlencode(),
        )
        return context


class SourceIndexView(ListView):
    """Every source, most reliable tier first; the unrated last."""

    template_name = "rumours/source_list.html"
    context_object_name = "sources"

    def get_queryset(self):
        return Source.objects.select_related("outlet").order_by(
            F("reliability_tier").asc(nulls_last=True), "name", "id"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tiers"] = [
            (tier, list(group))
            for tier, group in groupby(
                context["sources"], key=lambda source: source.reliability_tier
            )
        ]
        return context


class CompetitionIndexView(ListView):
    """Every competition, with how many clubs we follow in it."""

    template_name = "rumours/competition_list.html"
    context_object_name = "competitions"

    def get_queryset(self):
        return Competition.objects.annotate(club_count=Count("clubs")).order_by(
            "name", "id"
        )
