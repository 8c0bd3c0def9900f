"""What the desk dashboard shows at the top of the admin (#5)."""

import datetime as dt

from django.utils import timezone

from ..models import Article, Source, TransferClaim, roles

DASHBOARD_ROWS = 20


def desk_summary(user):
    """Return the dashboard's figures for ``user`` (empty without view access).

    Five queries whatever the number of stories and claims: stories in
    review, scheduled stories, open claims by stage, and the claims resolved
    in the last seven days (their count, and the newest of them). A sixth,
    for those who rate sources: the sources nobody has rated yet.
    """
    if not user.has_perm("rumours.view_article"):
        return None
    week_ago = timezone.now() - dt.timedelta(days=7)
    stories = Article.objects.for_dashboard()
    counts = TransferClaim.objects.open().count_by_claim_type()
    resolved = TransferClaim.objects.filter(resolved_at__gte=week_ago)
    unrated = (
        list(Source.objects.unrated().order_by("name", "id")[:DASHBOARD_ROWS])
        if roles.can_set_tier(user)
        else None
    )
    return {
        "unrated_sources": unrated,
        "in_review": list(
            stories.in_review().order_by("updated_at", "id")[:DASHBOARD_ROWS]
        ),
        "scheduled": list(
            stories.scheduled().order_by("published_at", "id")[:DASHBOARD_ROWS]
        ),
        "open_by_claim_type": [
            (label, counts[code])
            for code, label in TransferClaim.Type.choices
            if code in counts
        ],
        "open_total": sum(counts.values()),
        "resolved_count": resolved.count(),
        "resolved": list(
            resolved.with_parties().order_by("-resolved_at", "-id")[:DASHBOARD_ROWS]
        ),
    }
