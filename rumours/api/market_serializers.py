"""The market board in the API (#16): the page's rows, as data."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound

from ..filters import MESSAGE_EMPTY
from ..models import Competition, Position, SquadNote, TransferClaim
from .fields import absolute
from .serializers import ClubSummarySerializer, PlayerSummarySerializer


class MarketQuerySerializer(serializers.Serializer):
    competition = serializers.CharField(
        required=False,
        help_text="Slug of a competition: its clubs, and the rumours touching "
        "them. Leave out for every competition.",
        error_messages={"blank": MESSAGE_EMPTY},
    )

    def validate_competition(self, slug):
        competition = Competition.objects.filter(slug=slug).first()
        if competition is None:
            # Well formed, naming nothing: no such board (as a detail URL).
            raise NotFound(f"No competition has the slug {slug!r} (competition).")
        return competition


class MarketStandingSerializer(serializers.Serializer):
    """A club's current note at the position, measured against its players."""

    club = ClubSummarySerializer()
    position = serializers.ChoiceField(
        source="notes.current.position",
        choices=Position.choices,
        help_text="The note's own code: a specific position or a broad one.",
    )
    kind = serializers.ChoiceField(
        source="notes.current.kind", choices=SquadNote.Kind.choices
    )
    count = serializers.IntegerField(source="notes.current.count", allow_null=True)
    balance = serializers.IntegerField(
        allow_null=True,
        help_text="Need below 0, surplus above; null when the note gives no number.",
    )
    balance_label = serializers.CharField(help_text="“Need 1”, “Surplus 2”, …")
    standing = serializers.CharField(help_text="“3 of 5” against a target, …")


class MarketOfferSerializer(serializers.Serializer):
    """A named player his club would let go, or who wants to go."""

    player = PlayerSummarySerializer()
    club = ClubSummarySerializer()
    reasons = serializers.ListField(
        child=serializers.CharField(),
        help_text="The kinds of claim that say so, in words (“Wants to leave”).",
    )
    blocked = serializers.BooleanField(help_text="His club is blocking a move.")


@extend_schema_field(OpenApiTypes.URI)
class ClaimWebUrlField(serializers.Field):
    """The claim's place on its story's page."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, claim):
        path = f"/stories/{claim.article_slug}/#claim-{claim.pk}"
        return absolute(self.context.get("request"), path)


class MarketClaimSerializer(serializers.ModelSerializer):
    url = ClaimWebUrlField()

    class Meta:
        model = TransferClaim
        fields = ["id", "claim_type", "reported_at", "url"]


class MarketConnectionSerializer(serializers.Serializer):
    """The open rumours of one player from one club to another."""

    player = PlayerSummarySerializer()
    from_club = ClubSummarySerializer(allow_null=True)
    to_club = ClubSummarySerializer()
    meets_need = serializers.BooleanField(help_text="The buyer is short there.")
    meets_surplus = serializers.BooleanField(
        help_text="The seller has too many there, or the player is on the market."
    )
    joins = serializers.BooleanField(help_text="Both: need meets surplus.")
    claims = MarketClaimSerializer(many=True, help_text="Newest first.")


class ListingSerializer(serializers.Serializer):
    """The first items of a longer list (``items``) and how many more."""

    more = serializers.IntegerField(help_text="How many more the board leaves out.")


class StandingListingSerializer(ListingSerializer):
    items = MarketStandingSerializer(many=True)


class OfferListingSerializer(ListingSerializer):
    items = MarketOfferSerializer(many=True)


class ConnectionListingSerializer(ListingSerializer):
    items = MarketConnectionSerializer(many=True)


class MarketRowSerializer(serializers.Serializer):
    position = serializers.ChoiceField(
        choices=Position.choices,
        help_text="A specific position, or a group's code for its “any” row.",
    )
    label = serializers.CharField()
    needs = StandingListingSerializer(help_text="Clubs short there, most first.")
    surplus = StandingListingSerializer(help_text="Clubs with too many, most first.")
    offers = OfferListingSerializer(help_text="Players on the market, by name.")
    connections = ConnectionListingSerializer(
        help_text="Open rumours: those meeting need and surplus first, then newest."
    )


class MarketGroupSerializer(serializers.Serializer):
    position = serializers.ChoiceField(choices=Position.choices)
    label = serializers.CharField()
    rows = MarketRowSerializer(many=True)


class MarketSerializer(serializers.Serializer):
    competition = serializers.SlugField(
        source="competition.slug", allow_null=True, default=None
    )
    groups = MarketGroupSerializer(many=True)
