"""The search page: one box across published stories, players and clubs."""

from django.views.generic import TemplateView

from ...search import search_site

MAX_QUERY_LENGTH = 200
# A first page of results, as the home page shows ten stories: the best
# matches, then the newest. Players and clubs are listed as many.
RESULTS_SHOWN = 10


class SearchView(TemplateView):
    """Results of ``rumours.search.search_site``: published rows only."""

    template_name = "rumours/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
        context.update(
            query=query,
            results=search_site(query, limit=RESULTS_SHOWN) if query else None,
        )
        return context
