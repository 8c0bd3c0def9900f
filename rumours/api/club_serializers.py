"""A club in the API: its names, league and staff with dates (#13)."""

from rest_framework import serializers

from ..models import Club, ClubRole
from .fields import WebUrlField
from .picture_serializers import CrestSerializer
from .serializers import CompetitionSerializer, SourceSummarySerializer


class ClubRoleSerializer(serializers.ModelSerializer):
    person = SourceSummarySerializer(
        allow_null=True, help_text="The person as a source (a club official), or null."
    )

    class Meta:
        model = ClubRole
        fields = ["role", "name", "person", "started_on", "ended_on"]


class ClubSerializer(serializers.ModelSerializer):
    competition = CompetitionSerializer(allow_null=True)
    aliases = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    head_coach = serializers.CharField(
        read_only=True,
        help_text='Today\'s head coach from ``roles``; "" when none is known.',
    )
    roles = ClubRoleSerializer(
        many=True,
        help_text="Who holds or held each role, with dates (null when unknown).",
    )
    url = WebUrlField()
    crest = CrestSerializer(
        source="*", allow_null=True, help_text="The club's crest, or null."
    )

    class Meta:
        model = Club
        fields = [
            "id",
            "name",
            "short_name",
            "slug",
            "aliases",
            "competition",
            "country",
            "head_coach",
            "roles",
            "url",
            "crest",
        ]
