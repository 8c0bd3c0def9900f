"""The story as partners read it: text, picture renditions, provenance, claims."""

from rest_framework import serializers

from ..models import Article, Correction
from .article_representations import (
    article_representation,
    hero_image,
    original_report,
)
from .fields import WebUrlField
from .picture_serializers import RenditionsSerializer
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
        return hero_image(article, self.context.get("request"))


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
        return original_report(instance, self.context.get("request"))


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

    def to_representation(self, article):
        # The fields above describe the shape; it is written in one pass
        # (``article_representations``), as a claim's is (#19).
        return article_representation(article, self.context.get("request"))
