"""/methodology/ (#15): how the likelihoods are worked out, and how they fared."""

from django.views.generic import TemplateView

from ...models import TransferClaim
from ...models.calibration import BINS, QUARTERS_SHOWN, desk_calibration
from ...models.likelihood import (
    CORROBORATION_WEIGHT,
    NEED_WEIGHTS,
    SELLER_WEIGHTS,
    SOURCE_WEIGHT,
    STAGE_BASE,
    STALENESS_WEIGHT,
    TIER_RELIABILITY,
)
from ...models.track_records import RECORD_FLOOR, TIER_BANDS


class MethodologyView(TemplateView):
    template_name = "rumours/methodology.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        overall, quarters = desk_calibration()
        labels = dict(TransferClaim.Type.choices)
        context.update(
            overall=overall,
            quarters=quarters[:QUARTERS_SHOWN],
            bins=BINS,
            stage_base=[(labels[kind], share) for kind, share in STAGE_BASE.items()],
            tier_reliability=[
                (tier, share)
                for tier, share in TIER_RELIABILITY.items()
                if tier is not None
            ],
            tier_bands=TIER_BANDS,
            record_floor=RECORD_FLOOR,
            weights={
                "source": SOURCE_WEIGHT,
                "corroboration": CORROBORATION_WEIGHT,
                "staleness": STALENESS_WEIGHT,
                "need": NEED_WEIGHTS["short"],
                "block": -SELLER_WEIGHTS["blocks"],
                "willing": SELLER_WEIGHTS["willing"],
            },
        )
        return context
