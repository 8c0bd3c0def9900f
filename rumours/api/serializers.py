"""What the partner API says about each object, field by field (#4).

Every serializer lists its fields; ``tests/support/api_fields.py`` commits the
same lists and ``tests/api/test_api_fields.py`` fails on any key that is not there
(R10), so nothing internal (status, notes, e-mails, key ids) ships by
accident. Serializers read only what the views' querysets loaded.

Shapes: amounts are decimal strings; a fee is
``{"amount", "currency", "upper_amount", "add_ons"}`` or null; times are
ISO 8601 with a time zone; an empty choice (no deal type) is null.
"""

from rest_framework import serializers

from ..images.renditions import picture_for
from ..models import (
    Article,
    Attribution,
    Club,
    Competition,
    Correction,
    Player,
    Position,
    Source,
    TransferClaim,
)
from .fields import BlankAsNullChoiceField, WebUrlField, absolute


class CompetitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Competition
        fields = ["id", "name", "slug", "country"]


class ClubSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Club
        fields = ["id", "name", "short_name", "slug"]


class SourceSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "name", "slug", "kind", "reliability_tier"]


def primary_position_field():
    """Return the primary position field: a code, or null when none is given."""
    return BlankAsNullChoiceField(
        choices=Position.choices,
        help_text="A specific code (CB) or a broad one (DF, “Defender”), "
        "as the stories give it; null when no position is given.",
    )


class PlayerSummarySerializer(serializers.ModelSerializer):
    primary_position = primary_position_field()

    class Meta:
        model = Player
        fields = ["id", "name", "slug", "primary_position"]


class PlayerSerializer(serializers.ModelSerializer):
    primary_position = primary_position_field()
    secondary_positions = serializers.ListField(
        child=serializers.ChoiceField(choices=Position.choices)
    )
    current_club = ClubSummarySerializer(allow_null=True)
    previous_club = ClubSummarySerializer(allow_null=True)
    agent = SourceSummarySerializer(
        allow_null=True, help_text="The agent who represents him, or null."
    )
    url = WebUrlField()

    class Meta:
        model = Player
        fields = [
            "id",
            "name",
            "slug",
            "date_of_birth",
            "nationality",
            "primary_position",
            "secondary_positions",
            "current_club",
            "previous_club",
            "fitness",
            "fitness_note",
            "agent",
            "url",
        ]


class CreditSerializer(serializers.Serializer):
    """One link of a claim's attribution chain."""

    role = serializers.ChoiceField(
        choices=[("originator", "Originator"), *Attribution.Role.choices],
        help_text="originator: broke the claim; relay: passed it on; "
        "speaker: quoted in person.",
    )
    source = SourceSummarySerializer()


class SourceSerializer(serializers.ModelSerializer):
    outlet = SourceSummarySerializer(allow_null=True)
    url = WebUrlField()

    class Meta:
        model = Source
        fields = [
            "id",
            "name",
            "slug",
            "kind",
            "outlet",
            "country",
            "language",
            "reliability_tier",
            "url",
        ]


class FeeSerializer(serializers.Serializer):
    """A reported fee; the claim's ``fee`` is null when the story gives none."""

    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, source="fee_amount"
    )
    currency = serializers.ChoiceField(
        choices=TransferClaim.Currency.choices, source="fee_currency"
    )
    upper_amount = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        source="fee_upper_amount",
        allow_null=True,
        help_text="The top of a reported range, or null.",
    )
    add_ons = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        source="fee_add_ons",
        allow_null=True,
        help_text="Reported add-ons on top of the amount, or null.",
    )

    def to_representation(self, instance):
        if instance.fee_amount is None:
            return None
        return super().to_representation(instance)


class EventSerializer(serializers.Serializer):
    """When it happened, as the story dates it; null when it does not."""

    date = serializers.DateField(
        source="event_date",
        help_text="A day within the month, window or year the story names.",
    )
    precision = serializers.ChoiceField(
        choices=TransferClaim.EventPrecision.choices,
        source="event_precision",
        help_text="How precisely the story dates it: day, month, summer or "
        "winter window, or year.",
    )
    display = serializers.CharField(
        source="event_display", help_text="“summer window 2025”, as the site shows it."
    )

    def to_representation(self, instance):
        if instance.event_date is None:
            return None
        return super().to_representation(instance)


class ArticleSummarySerializer(serializers.ModelSerializer):
    url = WebUrlField()

    class Meta:
        model = Article
        fields = ["id", "slug", "headline", "published_at", "url"]


class ArticleClaimSerializer(serializers.ModelSerializer):
    """A claim as embedded in its story."""

    player = PlayerSummarySerializer()
    from_club = ClubSummarySerializer(allow_null=True)
    to_club = ClubSummarySerializer(allow_null=True)
    deal_type = BlankAsNullChoiceField(choices=TransferClaim.DealType.choices)
    fee = FeeSerializer(source="*", allow_null=True)
    source = SourceSummarySerializer(allow_null=True)
    attributed = serializers.BooleanField(
        source="is_attributed",
        read_only=True,
        help_text=(
            "False when the story names no one: show the claim as "
            "“reportedly”, never as the desk's own reporting (that is a "
            "source of kind “desk”)."
        ),
    )
    attributions = CreditSerializer(
        source="attribution_chain",
        many=True,
        help_text="Who the claim is credited to, in the story's order: the "
        "originator (also given as `source`) first, then relays and speakers.",
    )
    event = EventSerializer(source="*", allow_null=True)
    lapses_at = serializers.DateTimeField(
        allow_null=True,
        read_only=True,
        help_text="When this open claim stops being news if nothing follows it "
        "(its stage's lapse window); once past, show it as lapsed. Null when "
        "resolved, or for a stage that never lapses. Lapsing writes nothing, "
        "so it does not appear in `changes/`: compare with the clock.",
    )
    replaces = PlayerSummarySerializer(allow_null=True)

    class Meta:
        model = TransferClaim
        fields = [
            "id",
            "player",
            "from_club",
            "to_club",
            "claim_type",
            "deal_type",
            "fee",
            "source",
            "attributed",
            "attributions",
            "quote",
            "reported_at",
            "event",
            "replaces",
            "outcome",
            "lapses_at",
            "resolved_at",
            "updated_at",
        ]


class ClaimSerializer(ArticleClaimSerializer):
    """A claim with the story it comes from."""

    article = ArticleSummarySerializer()

    class Meta(ArticleClaimSerializer.Meta):
        fields = [*ArticleClaimSerializer.Meta.fields, "article"]


class RenditionSerializer(serializers.Serializer):
    width = serializers.IntegerField()
    url = serializers.URLField()


class RenditionsSerializer(serializers.Serializer):
    webp = RenditionSerializer(many=True)
    jpeg = RenditionSerializer(many=True)


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
            "renditions": {
                kind: [
                    {"width": width, "url": absolute(request, url)}
                    for width, url in urls.items()
                ]
                for kind, urls in (("webp", picture.webp), ("jpeg", picture.jpeg))
            },
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
