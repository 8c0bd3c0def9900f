"""The desk's calibration in the API (#15): how its likelihoods fared."""

from rest_framework import serializers


class CalibrationBinSerializer(serializers.Serializer):
    low = serializers.FloatField(help_text="The band's lower likelihood, 0 to 1.")
    high = serializers.FloatField(help_text="Its upper likelihood.")
    links = serializers.IntegerField(help_text="Resolved links put in the band.")
    happened = serializers.IntegerField(help_text="How many of them happened.")
    share = serializers.FloatField(
        allow_null=True, help_text="happened / links; null without links."
    )
    mean_said = serializers.FloatField(
        allow_null=True, help_text="The average likelihood put on them."
    )


class CalibrationPeriodSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="“2026 Q3”, or all resolved links.")
    links = serializers.IntegerField()
    brier = serializers.FloatField(
        allow_null=True,
        help_text="Mean of (likelihood − outcome)²: 0 perfect, 0.25 for always "
        "50%; null without links.",
    )
    bins = CalibrationBinSerializer(many=True)


class CalibrationSerializer(serializers.Serializer):
    """All resolved links, then one period a quarter, newest first (eight)."""

    overall = CalibrationPeriodSerializer()
    quarters = CalibrationPeriodSerializer(many=True)
    method = serializers.URLField(help_text="The method in plain words.")
