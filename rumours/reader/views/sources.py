"""The source page: who they are, how far we trust them, and their record."""

from django.views.generic import DetailView

from ...models import Source, TransferClaim
from ...models.track_records import RECORD_FLOOR, records_of_source

SOURCE_CLAIMS = 100


class SourceDetailView(DetailView):
    template_name = "rumours/source_detail.html"
    context_object_name = "source"

    def get_queryset(self):
        return Source.objects.select_related("outlet").with_track_record()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        source = self.object
        claims = (
            TransferClaim.objects.public()
            .filter(source=source)
            .for_timeline()
            .order_by("-reported_at", "-id")
        )
        records = records_of_source(source)
        context.update(
            claims=list(claims[:SOURCE_CLAIMS]),
            journalists=list(source.listed_journalists()),
            clients=list(source.listed_clients()),
            record=source.track_record,
            records_by_kind=records.by_kind,
            record_groups=[
                ("By club (either side)", "Club", records.by_club),
                (
                    "By competition (the suitor's, else the seller's)",
                    "Competition",
                    records.by_competition,
                ),
            ],
            relay_record=records.as_relay,
            record_floor=RECORD_FLOOR,
        )
        return context
