"""What the partner API says about each object, field by field (#4).

Every serializer lists its fields; ``tests/support/api_fields.py`` commits the
same lists and ``tests/api/test_api_fields.py`` fails on any key that is not there
(R10), so nothing internal (status, notes, e-mails, key ids) ships by
accident. Serializers read only what the views' querysets loaded.

Shapes: amounts are decimal strings; a claim's ``amounts`` are listed in
``amount_serializers``, and its v1 ``fee`` (derived from them) is
``{"amount", "currency", "upper_amount", "add_ons"}`` or null; times are
ISO 8601 with a time zone; an empty choice (no deal type) is null.
"""

from rest_framework import serializers

from ..models import (
    Article,
    Attribution,
    Club,
    Competition,
    Player,
    Position,
    Source,
    TransferClaim,
)
from .amount_serializers import AmountSerializer, FeeSerializer
from .claim_representations import article_summary, claim_representation, party
from .fields import BlankAsNullChoiceField, WebUrlField
from .picture_serializers import PlayerPictureSerializer
from .record_serializers import SourceRecordsSerializer, TrackRecordSerializer
from .resolution_serializers import ResolutionSerializer


class CompetitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Competition
        fields = ["id", "name", "slug", "country"]


class ClubSummarySerializer(serializers.ModelSerializer):
    url = WebUrlField()

    class Meta:
        model = Club
        fields = ["id", "name", "short_name", "slug", "url"]


class SourceSummarySerializer(serializers.ModelSerializer):
    url = WebUrlField()

    class Meta:
        model = Source
        fields = ["id", "name", "slug", "kind", "reliability_tier", "url"]


def primary_position_field():
    """Return the primary position field: a code, or null when none is given."""
    return BlankAsNullChoiceField(
        choices=Position.choices,
        help_text="A specific code (CB) or a broad one (DF, “Defender”), "
        "as the stories give it; null when no position is given.",
    )


class PlayerSummarySerializer(serializers.ModelSerializer):
    primary_position = primary_position_field()
    url = WebUrlField()

    class Meta:
        model = Player
        fields = ["id", "name", "slug", "primary_position", "url"]


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
    picture = PlayerPictureSerializer(
        source="*", allow_null=True, help_text="His picture, or null."
    )

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
            "picture",
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
    track_record = TrackRecordSerializer(source="*")

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
            "track_record",
        ]


class SourceDetailSerializer(SourceSerializer):
    """One source, with its record by kind, club and competition (#15)."""

    records = SourceRecordsSerializer(source="*")

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "records"]


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


class PartySerializer(serializers.Serializer):
    """One side of a claim as the story gave it; a named club is in ``*_club``."""

    kind = serializers.ChoiceField(
        choices=TransferClaim.SideKind.choices,
        help_text="club: named (see from_club/to_club); described: the story "
        "describes it without naming it; unknown: the story does not say; "
        "free_agent (selling side only): he has no club.",
    )
    description = serializers.CharField(
        allow_null=True, help_text="The story's words for a described side."
    )
    competition = serializers.SlugField(
        allow_null=True, help_text="Slug of a described side's competition."
    )
    country = serializers.CharField(
        allow_null=True, help_text="A described side's country."
    )

    def __init__(self, side="from", **kwargs):
        self.side = side  # "from" or "to"
        kwargs.setdefault("source", "*")
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, claim):
        return party(claim, self.side)


class ArticleSummarySerializer(serializers.ModelSerializer):
    url = WebUrlField()

    class Meta:
        model = Article
        fields = ["id", "slug", "headline", "published_at", "url"]


class ArticleClaimSerializer(serializers.ModelSerializer):
    """A claim as embedded in its story."""

    player = PlayerSummarySerializer()
    from_club = ClubSummarySerializer(allow_null=True)
    from_party = PartySerializer("from")
    to_club = ClubSummarySerializer(allow_null=True)
    to_party = PartySerializer("to")
    deal_type = BlankAsNullChoiceField(choices=TransferClaim.DealType.choices)
    fee = FeeSerializer(
        source="headline_fee",
        allow_null=True,
        help_text="Kept for API v1 partners: the first transfer or loan fee of "
        "`amounts`, or null. Read `amounts` for everything the story quoted.",
    )
    amounts = AmountSerializer(many=True)
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
    claim_type_label = serializers.CharField(
        source="get_claim_type_display",
        read_only=True,
        help_text="The kind in words: “Personal terms agreed”.",
    )
    sentence = serializers.CharField(
        source="sentence_text",
        read_only=True,
        help_text="The claim in plain words, as the site says it: “Napoli are "
        "negotiating for Carlos Baleba”.",
    )
    attribution_text = serializers.CharField(
        read_only=True,
        help_text="Who it is credited to, as the site says it: “according to "
        "Kicker (tier 2), via Sky Sport Deutschland (tier 1)”, “reportedly”.",
    )
    amounts_display = serializers.CharField(
        source="fee_display",
        read_only=True,
        help_text="Every amount in words, with its qualifiers, as a phrase to "
        "place in a sentence: “a fee of around €40m (about £34m) plus add-ons”; "
        "empty when the story quotes no money.",
    )
    outcome_label = serializers.CharField(
        source="shown_outcome_label",
        read_only=True,
        help_text="The outcome readers see, in words (“Lapsed” once an open "
        "claim is past its window).",
    )
    resolution = ResolutionSerializer(
        help_text="Null while open; once resolved, the verdict, the editor's "
        "note and where to read what settled it (#15)."
    )
    url = WebUrlField(help_text="The claim on its story's page (an anchor).")
    answers = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text="For a denial or non-confirmation: the id of the claim it "
        "answers (which may be in another story), or null.",
    )
    swap_with = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text="For a swap or player-plus-cash deal: the id of the claim for "
        "the player going the other way, in the same story, or null.",
    )

    class Meta:
        model = TransferClaim
        fields = [
            "id",
            "url",
            "sentence",
            "claim_type_label",
            "attribution_text",
            "amounts_display",
            "outcome_label",
            "player",
            "from_club",
            "from_party",
            "to_club",
            "to_party",
            "claim_type",
            "deal_type",
            "fee",
            "amounts",
            "source",
            "attributed",
            "attributions",
            "quote",
            "reported_at",
            "event",
            "replaces",
            "answers",
            "swap_with",
            "outcome",
            "lapses_at",
            "resolved_at",
            "resolution",
            "updated_at",
        ]

    def to_representation(self, claim):
        # The fields above describe the shape; it is written in one pass
        # (``claim_representations``): DRF's field machinery was most of a
        # list's time (#19).
        return claim_representation(claim, self.context.get("request"))


class ClaimSerializer(ArticleClaimSerializer):
    """A claim with the story it comes from."""

    article = ArticleSummarySerializer()

    class Meta(ArticleClaimSerializer.Meta):
        fields = [*ArticleClaimSerializer.Meta.fields, "article"]

    def to_representation(self, claim):
        data = super().to_representation(claim)
        data["article"] = article_summary(claim.article, self.context.get("request"))
        return data
