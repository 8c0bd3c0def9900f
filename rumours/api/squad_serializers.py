"""The squad view in the API: the page's needs-versus-surplus rows (#3)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Player, Position, SquadNote, TransferClaim
from .amount_serializers import AmountSerializer, FeeSerializer
from .club_serializers import ClubRoleSerializer
from .fields import BlankAsNullChoiceField, absolute
from .serializers import (
    ClubSummarySerializer,
    PlayerSummarySerializer,
    SourceSummarySerializer,
    primary_position_field,
)


class SquadPlayerSerializer(serializers.ModelSerializer):
    primary_position = primary_position_field()

    class Meta:
        model = Player
        fields = ["id", "name", "slug", "primary_position", "fitness"]


class SquadClaimSerializer(serializers.ModelSerializer):
    deal_type = BlankAsNullChoiceField(choices=TransferClaim.DealType.choices)
    fee = FeeSerializer(source="headline_fee", allow_null=True)
    amounts = AmountSerializer(many=True)

    class Meta:
        model = TransferClaim
        fields = ["id", "claim_type", "deal_type", "fee", "amounts", "reported_at"]


class SquadLinkSerializer(serializers.Serializer):
    """One player's open public rumours in one direction."""

    player = PlayerSummarySerializer()
    clubs = ClubSummarySerializer(
        many=True,
        help_text="The other clubs: suitors of a player going out, "
        "the selling club of one coming in.",
    )
    described = serializers.ListField(
        child=serializers.CharField(),
        help_text="Other sides the stories described without naming them "
        "(“a host of Bundesliga clubs”).",
    )
    wants_to_leave = serializers.BooleanField()
    blocked = serializers.BooleanField()
    surplus = serializers.BooleanField(
        help_text="His own club is willing to sell him or has made him "
        "available: a player-level surplus."
    )
    claims = SquadClaimSerializer(many=True)


class SquadTargetSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    note = serializers.CharField()


@extend_schema_field(OpenApiTypes.URI)
class PublicStoryUrlField(serializers.Field):
    """The story a note comes from, only once it is published; else null."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "public_article_url")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return absolute(self.context.get("request"), value) if value else None


class SquadNoteSerializer(serializers.ModelSerializer):
    count = serializers.IntegerField(
        allow_null=True, help_text="Null when the story gives no number."
    )
    noted_on = serializers.DateField(allow_null=True)
    article_url = PublicStoryUrlField(allow_null=True)
    source = SourceSummarySerializer(allow_null=True)

    class Meta:
        model = SquadNote
        fields = ["kind", "count", "note", "noted_on", "article_url", "source"]


class NoteHistorySerializer(serializers.Serializer):
    """The notes at one position: the current one and those it superseded."""

    position = serializers.ChoiceField(choices=Position.choices)
    label = serializers.CharField()
    current = SquadNoteSerializer(allow_null=True)
    earlier = SquadNoteSerializer(many=True, help_text="Newest first.")


class MoveLikelihoodSerializer(serializers.Serializer):
    """How likely the move is (#15), and the parts behind the number in words."""

    value = serializers.FloatField(help_text="0 to 1; docs at /methodology/.")
    parts = serializers.ListField(
        child=serializers.CharField(),
        help_text="“enquiry stage”, “one source”, “AC Milan need a centre-back”.",
    )
    words = serializers.CharField(help_text="The parts joined with “ · ”.")
    club = ClubSummarySerializer(
        source="likeliest",
        help_text="The link it is about: a departure's likeliest suitor, or "
        "this club for an arrival.",
    )

    def to_representation(self, move):
        return {
            "value": round(move.outlook.value, 4),
            "parts": move.outlook.parts,
            "words": move.outlook.words,
            "club": self.fields["club"].to_representation(move.likeliest),
        }


class SquadMoveSerializer(serializers.Serializer):
    """A rumoured move the what-if plays: a player leaving or arriving (#16)."""

    key = serializers.CharField(help_text="“out:radu-dragusin”, “in:<player slug>”.")
    direction = serializers.ChoiceField(choices=["in", "out"])
    player = PlayerSummarySerializer()
    change = serializers.IntegerField(
        help_text="What it does to his position's count: 1, -1, or 0 when he "
        "is injured or suspended."
    )
    likelihood = serializers.SerializerMethodField(
        help_text="Null when no named club and current claim make a number: "
        "a wish to leave alone, or only lapsed rumours."
    )

    @extend_schema_field(MoveLikelihoodSerializer(allow_null=True))
    def get_likelihood(self, move):
        if move.outlook is None:
            return None
        return MoveLikelihoodSerializer(move, context=self.context).data


class WhatIfStepSerializer(serializers.Serializer):
    move = serializers.CharField(source="move.key", help_text="The move's key.")
    phrase = serializers.CharField(
        source="move.phrase", help_text="“if Radu Dragusin leaves”."
    )
    standing = serializers.CharField(
        help_text="Where the position stands after this move and those before."
    )


class WhatIfSerializer(serializers.Serializer):
    """Where a position stands now, and after each rumoured move in turn."""

    now = serializers.CharField(help_text="“4 of 4”, “Need 1”, “3 available”.")
    after = serializers.CharField()
    steps = WhatIfStepSerializer(many=True, help_text="Departures first.")


class SquadRowSerializer(serializers.Serializer):
    position = serializers.ChoiceField(choices=Position.choices)
    label = serializers.CharField()
    specialists = SquadPlayerSerializer(many=True)
    cover = SquadPlayerSerializer(many=True)
    target = SquadTargetSerializer(
        allow_null=True, help_text="The current note when it is a target, else null."
    )
    notes = NoteHistorySerializer()
    balance = serializers.IntegerField(
        allow_null=True,
        help_text="Available specialists minus a target, or the number a need "
        "(negative) or surplus gives; null without a counted note.",
    )
    rumours_in = SquadLinkSerializer(many=True)
    rumours_out = SquadLinkSerializer(many=True)
    what_if = WhatIfSerializer(source="outlook")


class SquadGroupSerializer(serializers.Serializer):
    """A position group: everyone whose primary position falls in it."""

    position = serializers.ChoiceField(choices=Position.choices)
    label = serializers.CharField()
    player_count = serializers.IntegerField(
        help_text="Players in the group, available or not."
    )
    available_count = serializers.IntegerField()
    broad = SquadPlayerSerializer(
        many=True,
        help_text="Players stored only under a broad code of the group "
        "(DF, WD, …): counted here, nobody's specialists.",
    )
    rumours_in = SquadLinkSerializer(many=True)
    rumours_out = SquadLinkSerializer(many=True)
    notes = NoteHistorySerializer(help_text="Notes about the whole group.")
    balance = serializers.IntegerField(
        allow_null=True, help_text="As a row's, counting the group's players."
    )
    broad_notes = NoteHistorySerializer(
        many=True, help_text="Notes at the group's other broad codes (WD, …)."
    )
    what_if = WhatIfSerializer(source="outlook")


class SquadSerializer(serializers.Serializer):
    club = ClubSummarySerializer()
    staff = ClubRoleSerializer(
        source="club.staff", many=True, help_text="The roles held today, one a kind."
    )
    rows = SquadRowSerializer(
        many=True, help_text="One row per specific position, in team-sheet order."
    )
    groups = SquadGroupSerializer(many=True)
    position_not_given = SquadPlayerSerializer(
        source="unplaced", many=True, help_text="Players with no position stored."
    )
    position_not_given_rumours_in = SquadLinkSerializer(
        source="unplaced_rumours_in", many=True
    )
    position_not_given_rumours_out = SquadLinkSerializer(
        source="unplaced_rumours_out", many=True
    )
    moves = SquadMoveSerializer(
        many=True,
        help_text="Every rumoured move, departures first: each row's and "
        "group's what_if plays them all.",
    )
