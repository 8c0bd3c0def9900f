"""The story as partners read it: text, picture renditions, provenance, claims."""

from rest_framework import serializers

from ..images.renditions import picture_for
from ..models import Article, Correction
from .fields import WebUrlField
from .picture_serializers import RenditionsSerializer, renditions_of
from .serializers import (
    ArticleClaimSerializer,
    ClubSummarySerializer,
    PlayerSummarySerializer,
    SourceSummarySerializer,
)


class HeroImageSerializer(serializers.Serializer):
    """The story's picture: original size, credit, and its renditions."""

    width = serializers.IntegerField()
    height = serializers.IntegerField()
    alt = serializers.CharField()
    caption = serializers.CharField()
    credit = serializers.CharField()
    renditions = RenditionsSerializer()

    def to_representation(self, article):
        picture = picture_for(
            article.hero_image, article.hero_width, article.hero_height
        )
        if picture is None:
            return None
        request = self.context.get("request")
        return {
            "width": picture.width,
            "height": picture.height,
            "alt": article.hero_alt,
            "caption": article.hero_caption,
            "credit": article.hero_credit,
            "renditions": renditions_of(picture, request),
        }


class CorrectionSerializer(serializers.ModelSerializer):
    """A dated correction appended to a published story (#5)."""

    class Meta:
        model = Correction
        fields = ["created_at", "note"]


class OriginalReportSerializer(serializers.Serializer):
    """The report an aggregated story is based on; null for the desk's own story."""

    source = SourceSummarySerializer(
        source="original_source",
        help_text="The outlet or journalist that published it.",
    )
    url = serializers.URLField(
        source="original_url", allow_null=True, help_text="Its address, or null."
    )
    published_at = serializers.DateTimeField(
        source="original_published_at",
        allow_null=True,
        help_text="When it was published, or null.",
    )

    def to_representation(self, instance):
        if not instance.is_aggregated:
            return None
        data = super().to_representation(instance)
        data["url"] = data["url"] or None
        return data


class ArticleSerializer(serializers.ModelSerializer):
    byline = serializers.CharField(
        help_text="Who wrote the desk's version: the author's name, or the desk's."
    )
    original = OriginalReportSerializer(source="*", allow_null=True)
    hero_image = HeroImageSerializer(source="*", allow_null=True)
    clubs = ClubSummarySerializer(many=True)
    players = PlayerSummarySerializer(many=True)
    claims = ArticleClaimSerializer(
        source="public_claims",
        many=True,
        help_text="The claims the story reports, oldest first.",
    )
    corrections = CorrectionSerializer(
        source="correction_list",
        many=True,
        help_text="Corrections appended since publication, oldest first.",
    )
    url = WebUrlField()

    class Meta:
        model = Article
        fields = [
            "id",
            "slug",
            "headline",
            "standfirst",
            "body_html",
            "byline",
            "original",
            "published_at",
            "updated_at",
            "url",
            "hero_image",
            "clubs",
            "players",
            "claims",
            "corrections",
        ]
