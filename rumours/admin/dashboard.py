"""What the desk dashboard shows at the top of the admin (#5)."""

import datetime as dt

from django.utils import timezone

from ..models import Article, Club, Player, Source, TransferClaim, roles
from ..models.source_records import records_of_rated_sources
from ..models.track_records import RECORD_FLOOR, suggested_tier, tier_disagrees

DASHBOARD_ROWS = 20


def desk_summary(user):
    """Return the dashboard's figures for ``user`` (empty without view access).

    Six queries whatever the number of stories and claims: how many stories
    wait for review (the badge, #14) and the first of them, scheduled
    stories, open claims by stage, and the claims resolved in the last seven
    days (their count, and the newest of them). Three more for those who
    publish: the players, clubs and sources reporters added (#14). Two more
    for those who rate sources: the sources nobody has rated yet, each with
    the tier its record suggests, and the rated sources whose record rules
    their tier out (#15).
    """
    if not user.has_perm("rumours.view_article"):
        return None
    week_ago = timezone.now() - dt.timedelta(days=7)
    stories = Article.objects.for_dashboard()
    counts = TransferClaim.objects.open().count_by_claim_type()
    resolved = TransferClaim.objects.filter(resolved_at__gte=week_ago)
    rates = roles.can_set_tier(user)
    return {
        "to_check": names_to_check() if roles.can_publish(user) else None,
        "unrated_sources": unrated_sources() if rates else None,
        "tier_suggestions": tier_suggestions() if rates else None,
        "in_review_count": stories.in_review().count(),
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


def names_to_check():
    """Return ``(label, admin URL name, rows)`` of names reporters added (#14).

    Only kinds with a row to check; three queries.
    """
    kinds = [
        ("player", "admin:rumours_player_change", Player),
        ("club", "admin:rumours_club_change", Club),
        ("source", "admin:rumours_source_change", Source),
    ]
    found = []
    for label, url_name, model in kinds:
        rows = model.objects.filter(needs_check=True).only("name")
        rows = list(rows.order_by("name", "id")[:DASHBOARD_ROWS])
        if rows:
            found.append((label, url_name, rows))
    return found


def unrated_sources():
    """Return the first unrated sources, each with its ``suggested_tier``."""
    sources = list(
        Source.objects.unrated()
        .with_track_record()
        .order_by("name", "id")[:DASHBOARD_ROWS]
    )
    for source in sources:
        source.suggested_tier = suggested_tier(source.track_record)
        source.evidence = record_words(source.track_record)
    return sources


def tier_suggestions():
    """Return the rated sources whose record disagrees with their tier (#15).

    Only sources with at least ``RECORD_FLOOR`` resolved claims can disagree;
    the furthest from their tier first. The editor decides: nothing changes
    a tier but the source's form.
    """
    records = {
        pk: record
        for pk, record in records_of_rated_sources().items()
        if record.resolved >= RECORD_FLOOR
    }
    found = []
    for source in Source.objects.filter(pk__in=records):
        record = records[source.pk]
        if tier_disagrees(source.reliability_tier, record):
            source.suggested_tier = suggested_tier(record)
            source.evidence = record_words(record)
            found.append(source)
    found.sort(key=lambda s: (-abs(s.suggested_tier - s.reliability_tier), s.name))
    return found[:DASHBOARD_ROWS]


def record_words(record):
    """Return “7 of 10 proved true (70%, 95% interval 40%–89%)”, or the counts."""
    counts = f"{record.proved_true} of {record.resolved} proved true"
    if not record.enough:
        return counts
    low, high = record.interval
    return f"{counts} ({record.share:.0%}, 95% interval {low:.0%}–{high:.0%})"
