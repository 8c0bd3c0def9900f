"""The squad view in the API: the page's needs-versus-surplus rows (#3)."""

from rest_framework import serializers

from ..models import Player, Position, TransferClaim
from .amount_serializers import AmountSerializer, FeeSerializer
from .fields import BlankAsNullChoiceField
from .serializers import ClubSummarySerializer, PlayerSummarySerializer


class SquadPlayerSerializer(serializers.ModelSerializer):
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


class SquadSerializer(serializers.Serializer):
    club = ClubSummarySerializer()
    rows = SquadRowSerializer(many=True)
