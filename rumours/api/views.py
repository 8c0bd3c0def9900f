"""The partner API's endpoints: read-only, keyed, published content only (#4).

Every queryset is built in ``get_queryset()`` through ``published()`` or
``public()``, so "now" is read per request and a scheduled story appears when
it is due. The story detail and the claims' unfiltered first page run from
SQL compiled once a process (``PreparedQuery``), with "now" bound on each
request just the same. Each endpoint runs a fixed number of queries whatever
the page holds (``tests/api/test_api_queries.py``).
"""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_view
from rest_framework import exceptions, generics, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .. import filters
from ..models import (
    Article,
    Club,
    ClubAlias,
    Competition,
    Player,
    Source,
    TransferClaim,
)
from ..models.article_queries import published_api_story
from ..models.calibration import QUARTERS_SHOWN, desk_calibration
from ..models.claim_relations import attach_api_relations
from ..models.market import market_board
from ..models.move_likelihoods import move_outlooks
from ..models.prepared import Param
from ..models.squad import squad_depth
from ..models.what_if import play
from . import changes, club_serializers, serializers
from .article_serializers import ArticleSerializer
from .auth import MESSAGE_MISSING, ApiKeyAuthentication, HasPartnerKey
from .caching import ConditionalResponseMixin, answered_from_cache
from .calibration_serializers import CalibrationSerializer
from .filtering import PartnerFilterBackend
from .market_serializers import MarketQuerySerializer, MarketSerializer
from .operations import documented
from .ordering import StrictOrderingFilter
from .pagination import PartnerCursorPagination, PreparedFirstPages
from .rendering import PlainJSONRenderer
from .squad_serializers import SquadSerializer
from .throttling import PartnerKeyThrottle, rate_limit_headers


class PartnerAccessMixin:
    """A partner key in the header, throttled per key; validators on 200s."""

    # The key only: no session authentication, so no Vary: Cookie and no
    # CSRF, and an editor's login does not open the API.
    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasPartnerKey]
    throttle_classes = [PartnerKeyThrottle]

    # The serializer listing a view's own query parameters, if it has any.
    query_serializer = None

    def accepted_parameters(self):
        """Return the query parameters this view reads: its filters, ordering,
        pagination and ``query_serializer``."""
        names = set()
        if self.query_serializer is not None:
            names |= set(self.query_serializer().fields)
        if getattr(self, "detail", False):
            return names
        for backend in self.filter_backends:
            filterset_class = getattr(self, "filterset_class", None)
            if issubclass(backend, DjangoFilterBackend) and filterset_class:
                names |= set(filterset_class.base_filters)
            elif issubclass(backend, StrictOrderingFilter):
                names.add(backend.ordering_param)
        if self.pagination_class is not None:
            paginator = self.pagination_class
            names |= {paginator.cursor_query_param, paginator.page_size_query_param}
        return names

    def initial(self, request, *args, **kwargs):
        """Refuse a parameter the view does not read (after the key's checks).

        Ignored, a misspelt filter (``/clubs/?club=x``) answered every row.
        """
        super().initial(request, *args, **kwargs)
        accepted = self.accepted_parameters()
        unknown = sorted(set(request.query_params) - accepted)
        if unknown:
            listed = ", ".join(sorted(accepted)) or "none"
            raise exceptions.ValidationError(
                {
                    name: [f"Unknown parameter. This endpoint accepts: {listed}."]
                    for name in unknown
                }
            )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        for header, value in rate_limit_headers(request).items():
            response[header] = value
        return response

    def permission_denied(self, request, message=None, code=None):
        # DRF's default says "Authentication credentials were not provided."
        if request.successful_authenticator is None:
            raise exceptions.NotAuthenticated(MESSAGE_MISSING)
        super().permission_denied(request, message, code)


class PartnerViewSet(
    PartnerAccessMixin, ConditionalResponseMixin, viewsets.ReadOnlyModelViewSet
):
    """Filtered and cursor-paginated lists and details; GET and HEAD only."""

    filter_backends = [PartnerFilterBackend, StrictOrderingFilter]
    pagination_class = PartnerCursorPagination
    lookup_field = "slug"

    @answered_from_cache
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @answered_from_cache
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


@extend_schema_view(
    list=documented("articles-list"),
    retrieve=documented("articles-detail"),
)
class ArticleViewSet(PartnerViewSet):
    serializer_class = ArticleSerializer
    renderer_classes = [PlainJSONRenderer]
    filterset_class = filters.ArticleFilter
    ordering = ("-published_at", "-id")
    ordering_fields = ["published_at", "updated_at"]
    timestamps_cover_content = True

    def get_queryset(self):
        return Article.objects.published().for_api()

    def get_object(self):
        # What ``get_object()`` finds through ``get_queryset()``, from SQL
        # compiled once a process (#19); a detail takes no filter.
        story = published_api_story(self.kwargs[self.lookup_field])
        if story is None:
            # The words of ``get_object_or_404()``, which DRF's 404 repeats.
            raise Http404(f"No {Article._meta.object_name} matches the given query.")
        self.check_object_permissions(self.request, story)
        return story


@extend_schema_view(
    list=documented("claims-list"),
    retrieve=documented("claims-detail"),
)
class ClaimViewSet(PartnerViewSet):
    serializer_class = serializers.ClaimSerializer
    renderer_classes = [PlainJSONRenderer]
    filterset_class = filters.ClaimFilter
    ordering = ("-reported_at", "-id")
    ordering_fields = ["reported_at", "updated_at"]
    lookup_field = "pk"
    lookup_value_regex = "[0-9]+"
    timestamps_cover_content = True

    def get_queryset(self):
        return TransferClaim.objects.public().for_api()

    @answered_from_cache
    def list(self, request, *args, **kwargs):
        # The commonest list (no filter, no ordering, no cursor) from SQL
        # compiled once a process, without building the queryset it stands
        # for (#19); the parameters were checked in ``initial()``, the page
        # size is checked by the paginator.
        first_page_only = request.query_params.keys() <= {
            PartnerCursorPagination.page_size_query_param
        }
        if not first_page_only:
            return mixins.ListModelMixin.list(self, request, *args, **kwargs)
        page = self.paginate_queryset(CLAIMS_FIRST_PAGES.rows(now=timezone.now()))
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)


def _public_claims_for_api():
    """Return ``ClaimViewSet``'s queryset with "now" a ``Param``.

    Without its prefetches: ``attach_api_relations`` loads them from SQL
    compiled once too.
    """
    now = Param("now", Article._meta.get_field("published_at"))
    return TransferClaim.objects.public(now=now).for_api().prefetch_related(None)


CLAIMS_FIRST_PAGES = PreparedFirstPages(
    _public_claims_for_api, ClaimViewSet.ordering, attach=attach_api_relations
)


@extend_schema_view(
    list=documented("players-list"),
    retrieve=documented("players-detail"),
)
class PlayerViewSet(PartnerViewSet):
    serializer_class = serializers.PlayerSerializer
    filterset_class = filters.PlayerFilter
    ordering = ("name", "id")
    ordering_fields = ["name"]

    def get_queryset(self):
        return Player.objects.select_related("current_club", "previous_club", "agent")


@extend_schema_view(
    list=documented("clubs-list"),
    retrieve=documented("clubs-detail"),
)
class ClubViewSet(PartnerViewSet):
    serializer_class = club_serializers.ClubSerializer
    filterset_class = filters.ClubFilter
    ordering = ("name", "id")
    ordering_fields = ["name"]

    def get_queryset(self):
        return (
            Club.objects.select_related("competition")
            .with_staff()
            .prefetch_related(
                Prefetch("aliases", queryset=ClubAlias.objects.order_by("name", "id"))
            )
        )

    @documented("clubs-squad", responses=SquadSerializer, filters=False)
    @action(detail=True, filter_backends=[], pagination_class=None)
    @answered_from_cache
    def squad(self, request, slug=None):
        club = get_object_or_404(Club.objects.with_staff(), slug=slug)
        depth = squad_depth(club, with_amounts=True)
        move_outlooks(depth, now=timezone.now())
        play(depth)
        serializer = SquadSerializer(depth, context=self.get_serializer_context())
        return Response(serializer.data)


@extend_schema_view(
    list=documented("sources-list"),
    retrieve=documented("sources-detail"),
)
class SourceViewSet(PartnerViewSet):
    serializer_class = serializers.SourceSerializer
    filterset_class = filters.SourceFilter
    ordering = ("name", "id")
    ordering_fields = ["name", "reliability_tier"]
    ordering_columns = {"reliability_tier": "tier_rank"}

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.SourceDetailSerializer
        return serializers.SourceSerializer

    def get_queryset(self):
        return (
            Source.objects.select_related("outlet").with_tier_rank().with_track_record()
        )


@extend_schema_view(
    list=documented("competitions-list"),
    retrieve=documented("competitions-detail"),
)
class CompetitionViewSet(PartnerViewSet):
    serializer_class = serializers.CompetitionSerializer
    ordering = ("name", "id")
    ordering_fields = ["name"]

    def get_queryset(self):
        return Competition.objects.all()


class ChangesView(
    PartnerAccessMixin, ConditionalResponseMixin, generics.GenericAPIView
):
    """Stories and claims published, updated or taken down, oldest first."""

    serializer_class = changes.ChangesPageSerializer
    query_serializer = changes.ChangesQuerySerializer
    pagination_class = None
    filter_backends = []
    timestamps_cover_content = True

    @documented(
        "changes",
        parameters=[changes.ChangesQuerySerializer],
        responses=changes.ChangesPageSerializer,
    )
    @answered_from_cache
    def get(self, request):
        entries, size = changes.collect_changes(request, Article.objects.published())
        link, up_to_date = changes.next_link(request, entries, size)
        serializer = changes.ChangeSerializer(
            entries[:size], many=True, context=self.get_serializer_context()
        )
        return Response(
            {"next": link, "up_to_date": up_to_date, "results": serializer.data}
        )


class MarketView(PartnerAccessMixin, ConditionalResponseMixin, generics.GenericAPIView):
    """The market board: who is short, who is long, and the rumours between (#16)."""

    serializer_class = MarketSerializer
    query_serializer = MarketQuerySerializer
    pagination_class = None
    filter_backends = []

    @documented(
        "market", parameters=[MarketQuerySerializer], responses=MarketSerializer
    )
    @answered_from_cache
    def get(self, request):
        # A plain dict: as form input, DRF would read "competition=" as absent.
        query = MarketQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        competition = query.validated_data.get("competition")
        board = {"competition": competition, "groups": market_board(competition)}
        return Response(
            MarketSerializer(board, context=self.get_serializer_context()).data
        )


class CalibrationView(
    PartnerAccessMixin, ConditionalResponseMixin, generics.GenericAPIView
):
    """How the desk's likelihoods fared on resolved links (#15)."""

    serializer_class = CalibrationSerializer
    pagination_class = None
    filter_backends = []

    @documented("calibration", responses=CalibrationSerializer)
    @answered_from_cache
    def get(self, request):
        overall, quarters = desk_calibration()
        data = {
            "overall": overall,
            "quarters": quarters[:QUARTERS_SHOWN],
            "method": request.build_absolute_uri(reverse("rumours:methodology")),
        }
        return Response(
            CalibrationSerializer(data, context=self.get_serializer_context()).data
        )
