"""Routes of the partner API, mounted at /api/v1/ (#4)."""

from django.http import JsonResponse
from django.urls import path, re_path
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

# SimpleRouter: no browsable root view, which would answer without a key.
router = SimpleRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("players", views.PlayerViewSet, basename="player")
router.register("clubs", views.ClubViewSet, basename="club")
router.register("sources", views.SourceViewSet, basename="source")
router.register("competitions", views.CompetitionViewSet, basename="competition")


class GettingStartedView(TemplateView):
    """A page for partner developers: key, first call, paging, syncing, caching."""

    template_name = "api/getting_started.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["base"] = self.request.build_absolute_uri("/").rstrip("/")
        return context


MESSAGE_NO_ENDPOINT = (
    "There is no such endpoint. The list of endpoints is at /api/v1/docs/, "
    "and how to start at /api/v1/start/."
)


def no_such_endpoint(request, path):
    """Answer a mistyped API path with JSON, as the API does, not an HTML page."""
    return JsonResponse({"detail": MESSAGE_NO_ENDPOINT}, status=404)


urlpatterns = [
    *router.urls,
    path("changes/", views.ChangesView.as_view(), name="changes"),
    path("market/", views.MarketView.as_view(), name="market"),
    path("calibration/", views.CalibrationView.as_view(), name="calibration"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script as a file: no inline script for CSP,
    # and Swagger UI comes from drf-spectacular-sidecar, not a CDN.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema"),
        name="docs",
    ),
    path("start/", GettingStartedView.as_view(), name="getting-started"),
    re_path(r"^(?P<path>.*)$", no_such_endpoint),
]
