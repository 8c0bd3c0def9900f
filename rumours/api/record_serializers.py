"""A source's track record in the API (#15): whole, and by kind, club and competition.

Counts always; ``share`` and its 95% Wilson interval only from the floor of
resolved claims (``enough``), null below it, as on the source's page.
"""

from rest_framework import serializers

from ..models.claim_terms import ClaimType
from ..models.track_records import RECORD_FLOOR, records_of_source
from .fields import absolute


class RecordSerializer(serializers.Serializer):
    """One ``TrackRecord``: scored claims resolved, and how many proved true."""

    proved_true = serializers.IntegerField()
    resolved = serializers.IntegerField(
        help_text="Its claims confirmed or denied at their stage."
    )
    enough = serializers.BooleanField(
        help_text=f"At least {RECORD_FLOOR} resolved claims: share shown."
    )
    share = serializers.FloatField(allow_null=True)
    interval_95 = serializers.ListField(
        child=serializers.FloatField(), allow_null=True, min_length=2, max_length=2
    )

    def to_representation(self, record):
        interval = record.interval if record.enough else None
        return {
            "proved_true": record.proved_true,
            "resolved": record.resolved,
            "enough": record.enough,
            "share": round(record.share, 4) if record.enough else None,
            "interval_95": [round(end, 4) for end in interval] if interval else None,
        }


class TrackRecordSerializer(RecordSerializer):
    """How often the source's own claims proved true, over every kind."""

    def to_representation(self, source):
        return super().to_representation(source.track_record)


class KindRecordSerializer(RecordSerializer):
    """The record over one kind of claim (bids, enquiries, ...)."""

    kind = serializers.ChoiceField(choices=ClaimType.choices)
    kind_label = serializers.CharField()

    def to_representation(self, item):
        kind, record = item
        return {
            "kind": kind,
            "kind_label": ClaimType(kind).label,
            **super().to_representation(record),
        }


class GroupRecordSerializer(RecordSerializer):
    """The record over the claims about one club, or in one competition."""

    name = serializers.CharField()
    web_url = serializers.URLField(help_text="Its page on the reader site.")

    def to_representation(self, group):
        return {
            "name": group.name,
            "web_url": absolute(self.context.get("request"), group.url),
            **super().to_representation(group.record),
        }


class SourceRecordsSerializer(serializers.Serializer):
    """The source's record taken apart, as its page shows it.

    Clubs (either side of a claim) and competitions (the suitor's, else the
    seller's) with the most resolved claims first, ten of each; ``as_relay``
    scores the claims it passed on from others, never counted as its own.
    """

    by_kind = KindRecordSerializer(many=True)
    by_club = GroupRecordSerializer(many=True)
    by_competition = GroupRecordSerializer(many=True)
    as_relay = RecordSerializer()

    def to_representation(self, source):
        records = records_of_source(source)
        return {
            "by_kind": self.fields["by_kind"].to_representation(records.by_kind),
            "by_club": self.fields["by_club"].to_representation(records.by_club),
            "by_competition": self.fields["by_competition"].to_representation(
                records.by_competition
            ),
            "as_relay": self.fields["as_relay"].to_representation(records.as_relay),
        }
