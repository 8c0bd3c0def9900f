"""The squad view in the API: the page's needs-versus-surplus rows (#3)."""

from rest_framework import serializers

from ..models import Player, Position, TransferClaim
from .fields import BlankAsNullChoiceField
from .serializers import (
    ClubSummarySerializer,
    FeeSerializer,
    PlayerSummarySerializer,
    primary_position_field,
)


class SquadPlayerSerializer(serializers.ModelSerializer):
    primary_position = primary_position_field()

    class Meta:
        model = Player
        fields = ["id", "name", "slug", "primary_position", "fitness"]


class SquadClaimSerializer(serializers.ModelSerializer):
    deal_type = BlankAsNullChoiceField(choices=TransferClaim.DealType.choices)
    fee = FeeSerializer(source="*", allow_null=True)

    class Meta:
        model = TransferClaim
        fields = ["id", "claim_type", "deal_type", "fee", "reported_at"]


class SquadLinkSerializer(serializers.Serializer):
    """One player's open public rumours in one direction."""

    player = PlayerSummarySerializer()
    clubs = ClubSummarySerializer(
        many=True,
        help_text="The other clubs: suitors of a player going out, "
        "the selling club of one coming in.",
    )
    wants_to_leave = serializers.BooleanField()
    blocked = serializers.BooleanField()
    claims = SquadClaimSerializer(many=True)


class SquadTargetSerializer(serializers.Serializer):
    count = serializers.IntegerField(source="target_count")
    note = serializers.CharField()


class SquadRowSerializer(serializers.Serializer):
    position = serializers.ChoiceField(choices=Position.choices)
    label = serializers.CharField()
    specialists = SquadPlayerSerializer(many=True)
    cover = SquadPlayerSerializer(many=True)
    target = SquadTargetSerializer(allow_null=True)
    balance = serializers.IntegerField(
        allow_null=True,
        help_text="Available specialists minus the target; null without a target.",
    )
    rumours_in = SquadLinkSerializer(many=True)
    rumours_out = SquadLinkSerializer(many=True)


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


class SquadSerializer(serializers.Serializer):
    club = ClubSummarySerializer()
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
