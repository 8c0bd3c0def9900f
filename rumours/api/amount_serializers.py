"""The money a claim reports, in the API: its amounts and the v1 ``fee`` (#13)."""

from rest_framework import serializers

from ..models import ClaimAmount
from ..models.claim_terms import Currency
from .fields import BlankAsNullChoiceField

DECIMAL = {"max_digits": 14, "decimal_places": 2}


class ConvertedSerializer(serializers.Serializer):
    """An amount in the second currency a story quotes (“€40m (£34m)”)."""

    amount = serializers.DecimalField(**DECIMAL, source="converted_amount")
    currency = serializers.ChoiceField(
        choices=Currency.choices, source="converted_currency"
    )

    def to_representation(self, instance):
        if instance.converted_amount is None:
            return None
        return super().to_representation(instance)


class AmountSerializer(serializers.ModelSerializer):
    """One amount a story quotes for a claim, in the story's order."""

    amount = serializers.DecimalField(
        **DECIMAL, allow_null=True, help_text="Null only for add-ons of unknown size."
    )
    upper_amount = serializers.DecimalField(
        **DECIMAL, allow_null=True, help_text="The top of a reported range, or null."
    )
    currency = BlankAsNullChoiceField(
        choices=Currency.choices,
        help_text="EUR, GBP or USD; null for add-ons of unknown size.",
    )
    unknown_size = serializers.BooleanField(
        help_text="True for add-ons the story mentions without a figure."
    )
    converted = ConvertedSerializer(
        source="*",
        allow_null=True,
        help_text="The same amount in the second currency the story quotes, "
        "as reported, or null.",
    )
    period = BlankAsNullChoiceField(
        choices=ClaimAmount.Period.choices,
        help_text="For wages: week or year; null otherwise.",
    )
    display = serializers.CharField(
        help_text="The amount in words, as the site shows it: “a €60m release clause”."
    )

    class Meta:
        model = ClaimAmount
        fields = [
            "kind",
            "amount",
            "upper_amount",
            "currency",
            "qualifier",
            "unknown_size",
            "converted",
            "period",
            "display",
        ]


class FeeSerializer(serializers.Serializer):
    """API v1's fee: the claim's first transfer or loan fee, kept for partners.

    Derived from ``amounts`` (which says everything the story quoted); null
    when the claim has no transfer or loan fee.
    """

    amount = serializers.DecimalField(**DECIMAL)
    currency = serializers.ChoiceField(choices=Currency.choices)
    upper_amount = serializers.DecimalField(
        **DECIMAL, allow_null=True, help_text="The top of a reported range, or null."
    )
    add_ons = serializers.DecimalField(
        **DECIMAL,
        allow_null=True,
        help_text="The add-ons quoted right after the fee, or null (also when "
        "their size is unknown: see `amounts`).",
    )
