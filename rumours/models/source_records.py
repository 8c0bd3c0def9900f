"""Each source's own record, kept as a row, and the records pages show (#19).

A source's record counts its scored public claims (``track_records``).
Counting them on every page that shows a record beside a claim (the story,
squad and player pages, the likelihoods) made those pages' cost follow the
size of the archive: a source with a few thousand resolved claims took
15 ms to count on the bulk newsroom. The counts are kept here instead:
derived rows, counted again for a source in the same transaction as any
change of its claims that a record can see (``connect_signals``), for
every source after a bulk write and after ``migrate``. A page then reads
the few rows of its sources.

A scheduled story counts from its publication time, which comes without a
save. A row therefore notes when it goes out of date (``counted_until``,
the first such publication); from then until the source's next change its
record is counted from the claims, as before the rows were kept.
"""

from django.db import models, transaction
from django.db.models import Count, F, Min, Q
from django.utils import timezone

from .articles import Article
from .claim_terms import Outcome
from .claims import TransferClaim
from .prepared import ParamList, PreparedByLength
from .sources import Source
from .track_records import SCORED_KINDS, SCORED_OUTCOMES, TrackRecord, grouped


class SourceRecord(models.Model):
    """A source's scored public claims as originator: proved true, resolved."""

    source = models.OneToOneField(
        Source, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    proved = models.PositiveIntegerField()
    resolved = models.PositiveIntegerField()
    # When a scheduled story with a scored claim of the source is published:
    # the counts leave it out until then. None: nothing is waiting.
    counted_until = models.DateTimeField(null=True)

    def __str__(self):
        return f"{self.source_id}: {self.proved} of {self.resolved}"

    def record(self):
        return TrackRecord(self.proved, self.resolved)


def records_of_sources(source_ids, *, now=None):
    """Return ``{source pk: TrackRecord}`` of the sources ``source_ids`` that have one.

    One query on the kept rows; a source whose row went out of date (a
    scheduled story published since) is counted from its claims, one
    grouped query more. A source with no row has no scored claim.
    """
    source_ids = sorted(set(source_ids) - {None})
    return _read(RECORDS_OF_SOURCES.run(sources=source_ids), now)


def _records_of_sources(length):
    sources = ParamList("sources", Source._meta.pk, length)
    return SourceRecord.objects.filter(source__in=sources)


# Compiled once a process for each number of sources (#19).
RECORDS_OF_SOURCES = PreparedByLength(_records_of_sources, "sources")


def records_of_rated_sources(*, now=None):
    """Return ``{source pk: TrackRecord}`` of every source with a reliability tier."""
    rows = SourceRecord.objects.filter(source__reliability_tier__isnull=False)
    return _read(rows, now)


def _read(rows, now):
    now = now or timezone.now()
    found, stale = {}, set()
    for row in rows:
        if row.counted_until is not None and row.counted_until <= now:
            stale.add(row.source_id)
        else:
            found[row.source_id] = row.record()
    if stale:
        counted = grouped(
            TransferClaim.objects.filter(source__in=stale), key=F("source")
        )
        found.update(
            {row["key"]: TrackRecord(row["proved"], row["resolved"]) for row in counted}
        )
        # A source whose every scored claim was in that story had no count.
        found.update({pk: TrackRecord(0, 0) for pk in stale - found.keys()})
    return found


def attach_records(claims, *, originators_only=False):
    """Give every source credited on ``claims`` its own record, as ``.record``.

    One query for the page's sources, whatever the number of claims or the
    size of the archive (#15: a compact record beside each attribution).
    Needs the claims' sources loaded, and their attributions unless
    ``originators_only`` (the likelihoods read the originators' records
    alone).
    """
    if originators_only:
        sources = [claim.source for claim in claims if claim.source_id]
    else:
        sources = [
            credit.source
            for claim in claims
            for credit in claim.attribution_chain()
            if credit.source is not None
        ]
    if not sources:
        return
    found = records_of_sources({source.pk for source in sources})
    for source in sources:
        source.record = found.get(source.pk, TrackRecord(0, 0))


def counted_rows(source_ids, now):
    """Return unsaved ``SourceRecord``s of ``source_ids`` (every source for None)."""
    claims = TransferClaim.objects.filter(
        claim_type__in=SCORED_KINDS,
        outcome__in=SCORED_OUTCOMES,
        article__status=Article.Status.PUBLISHED,
        source__isnull=False,
    )
    if source_ids is not None:
        claims = claims.filter(source__in=source_ids)
    visible = Q(article__published_at__lte=now)
    rows = (
        claims.values("source")
        .annotate(
            proved=Count("pk", filter=visible & Q(outcome=Outcome.CONFIRMED)),
            resolved=Count("pk", filter=visible),
            counted_until=Min("article__published_at", filter=~visible),
        )
        .order_by()
    )
    return [
        SourceRecord(
            source_id=row["source"],
            proved=row["proved"],
            resolved=row["resolved"],
            counted_until=row["counted_until"],
        )
        for row in rows
    ]


def refresh_records(source_ids=None):
    """Count again the records of the sources ``source_ids`` (every source for None)."""
    stale = SourceRecord.objects.all()
    with transaction.atomic():
        if source_ids is not None:
            source_ids = {pk for pk in source_ids if pk is not None}
            if not source_ids:
                return
            # Two saves for one source count it one after the other.
            list(
                Source.objects.select_for_update()
                .filter(pk__in=source_ids)
                .values("pk")
            )
            stale = stale.filter(source__in=source_ids)
        # Derived rows: deleted in one statement, without the model signals
        # (the public cache hears of the claim or story that changed).
        stale._raw_delete(stale.db)
        SourceRecord.objects.bulk_create(counted_rows(source_ids, timezone.now()))


# What a claim's place in its source's record depends on.
CLAIM_FIELDS = ("source_id", "claim_type", "outcome", "article_id")
ARTICLE_FIELDS = ("status", "published_at")


def is_scored_kind(claim_type, outcome):
    """Return whether a claim could count in a record, whatever its story."""
    return claim_type in SCORED_KINDS and outcome in SCORED_OUTCOMES


def connect_signals():
    """Keep the records current as claims and stories change (apps.ready)."""
    from django.db.models.signals import post_delete, post_migrate, post_save, pre_save

    from .events import counted_again_after_migrate, newsroom_bulk_written

    uid = "rumours.source-records"
    pre_save.connect(_claim_saving, sender=TransferClaim, dispatch_uid=uid)
    post_save.connect(_claim_saved, sender=TransferClaim, dispatch_uid=uid)
    post_delete.connect(_claim_deleted, sender=TransferClaim, dispatch_uid=uid)
    pre_save.connect(_article_saving, sender=Article, dispatch_uid=uid)
    post_save.connect(_article_saved, sender=Article, dispatch_uid=uid)
    newsroom_bulk_written.connect(_bulk_written, dispatch_uid=uid)
    migrated = counted_again_after_migrate(SourceRecord, refresh_records)
    post_migrate.connect(migrated, dispatch_uid=uid, weak=False)


def _claim_saving(sender, instance, raw=False, **kwargs):
    """Note the source whose record the save may change, if any (None: none)."""
    instance._record_sources = None
    if raw:  # loaddata: the records come with the rest of the dump
        return
    if instance._state.adding:
        if is_scored_kind(instance.claim_type, instance.outcome):
            instance._record_sources = {instance.source_id}
        return
    stored = sender._base_manager.filter(pk=instance.pk).values(*CLAIM_FIELDS).first()
    if stored is None:
        return
    if any(stored[name] != getattr(instance, name) for name in CLAIM_FIELDS):
        was_scored = is_scored_kind(stored["claim_type"], stored["outcome"])
        if was_scored or is_scored_kind(instance.claim_type, instance.outcome):
            instance._record_sources = {stored["source_id"], instance.source_id}


def _claim_saved(sender, instance, raw=False, **kwargs):
    sources = instance.__dict__.pop("_record_sources", None)
    if not raw and sources:
        refresh_records(sources)


def _claim_deleted(sender, instance, **kwargs):
    if is_scored_kind(instance.claim_type, instance.outcome):
        refresh_records([instance.source_id])


def _article_saving(sender, instance, raw=False, **kwargs):
    """Note whether the story's publication changed (its claims' visibility)."""
    instance._publication_changed = False
    if raw or instance._state.adding:
        return
    stored = sender._base_manager.filter(pk=instance.pk).values(*ARTICLE_FIELDS).first()
    instance._publication_changed = stored is not None and any(
        stored[name] != getattr(instance, name) for name in ARTICLE_FIELDS
    )


def _article_saved(sender, instance, raw=False, **kwargs):
    if raw or not instance.__dict__.pop("_publication_changed", False):
        return
    sources = TransferClaim.objects.filter(
        article=instance, claim_type__in=SCORED_KINDS, outcome__in=SCORED_OUTCOMES
    ).values_list("source_id", flat=True)
    refresh_records(set(sources))


def _bulk_written(sender, **kwargs):
    refresh_records()
