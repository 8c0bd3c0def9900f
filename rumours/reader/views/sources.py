"""The source page: who they are, how far we trust them, what they said."""

from django.views.generic import DetailView

from ...models import Source, TransferClaim

SOURCE_CLAIMS = 100


class SourceDetailView(DetailView):
    template_name = "rumours/source_detail.html"
    context_object_name = "source"

    def get_queryset(self):
        return Source.objects.select_related("outlet")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        source = self.object
        claims = (
            TransferClaim.objects.public()
            .filter(source=source)
            .for_timeline()
            .order_by("-reported_at", "-id")
        )
        context.update(
            claims=list(claims[:SOURCE_CLAIMS]),
            journalists=list(source.listed_journalists()),
            clients=list(source.listed_clients()),
        )
        return context
