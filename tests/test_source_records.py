"""Each source's record is kept as a row that follows its claims and stories (#19).

Pages read ``SourceRecord`` rows instead of counting a source's claims on
every view; these tests change what a record depends on (a claim's outcome,
kind, source or story, a story's publication, a deletion, a bulk write) and
check the rows against the claims counted from scratch.
"""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rumours.models import Article, SourceRecord, TransferClaim
from rumours.models.events import newsroom_bulk_written
from rumours.models.source_records import records_of_sources
from rumours.models.track_records import TrackRecord, grouped

from .factories import ArticleFactory, SourceFactory, TransferClaimFactory

pytestmark = pytest.mark.django_db

CONFIRMED, DENIED = TransferClaim.Outcome.CONFIRMED, TransferClaim.Outcome.DENIED


def stored():
    rows = SourceRecord.objects.filter(resolved__gt=0)
    return {row.source_id: (row.proved, row.resolved) for row in rows}


def counted():
    """Every source's record counted now from its claims."""
    rows = grouped(TransferClaim.objects.all(), key=F("source"))
    return {row["key"]: (row["proved"], row["resolved"]) for row in rows}


def resolve(claim, outcome):
    claim.outcome = outcome
    claim.resolved_at = (
        None if outcome == TransferClaim.Outcome.OPEN else timezone.now()
    )
    claim.save()


def denied():
    return {"outcome": DENIED, "resolved_at": timezone.now()}


@pytest.fixture
def source():
    return SourceFactory()


def test_a_confirmed_claim_counts_in_its_sources_record(source):
    claim = TransferClaimFactory(source=source)

    resolve(claim, CONFIRMED)

    assert stored() == {source.pk: (1, 1)} == counted()


def test_a_new_claim_saved_resolved_counts_at_once(source):
    TransferClaimFactory(source=source, **denied())

    assert stored() == {source.pk: (0, 1)} == counted()


def test_a_reopened_claim_leaves_the_record(source):
    claim = TransferClaimFactory(source=source, confirmed=True)

    resolve(claim, TransferClaim.Outcome.OPEN)

    assert stored() == {} == counted()


def test_a_claim_given_to_another_source_moves_between_records(source):
    claim = TransferClaimFactory(source=source, confirmed=True)
    other = SourceFactory()

    claim.source = other
    claim.save()

    assert stored() == {other.pk: (1, 1)} == counted()


def test_a_claim_moved_to_a_draft_story_leaves_the_record(source):
    claim = TransferClaimFactory(source=source, confirmed=True)

    claim.article = ArticleFactory(draft=True)
    claim.save()

    assert stored() == {} == counted()


def test_a_kind_that_asserts_nothing_leaves_the_record(source):
    claim = TransferClaimFactory(source=source, confirmed=True)

    claim.claim_type = TransferClaim.Type.NOT_CONFIRMED
    claim.save()

    assert stored() == {} == counted()


def test_a_story_taken_back_to_draft_takes_its_claims_out(source):
    claim = TransferClaimFactory(source=source, confirmed=True)
    TransferClaimFactory(source=source, **denied())

    claim.article.status = Article.Status.DRAFT
    claim.article.save()

    assert stored() == {source.pk: (0, 1)} == counted()


def test_a_deleted_story_takes_its_claims_out(source):
    claim = TransferClaimFactory(source=source, confirmed=True)

    claim.article.delete()

    assert stored() == {} == counted()


def test_a_deleted_claim_leaves_the_record(source):
    claim = TransferClaimFactory(source=source, **denied())

    claim.delete()

    assert stored() == {} == counted()


def test_saving_an_open_claim_counts_nothing_again(source):
    claim = TransferClaimFactory(source=source)
    TransferClaimFactory(source=source, confirmed=True)

    claim.quote = "Talks are said to be at an early stage."
    with CaptureQueriesContext(connection) as queries:
        claim.save()

    assert not [q for q in queries if "rumours_sourcerecord" in q["sql"]]


def test_a_scheduled_story_counts_from_its_publication_without_a_save(source):
    soon = timezone.now() + dt.timedelta(hours=2)
    TransferClaimFactory(
        source=source,
        confirmed=True,
        article=ArticleFactory(published_at=soon),
    )
    assert records_of_sources([source.pk]) == {source.pk: TrackRecord(0, 0)}

    with time_machine.travel(soon + dt.timedelta(minutes=1), tick=False):
        assert records_of_sources([source.pk]) == {source.pk: TrackRecord(1, 1)}


def test_a_bulk_write_counts_every_source_again(source):
    TransferClaimFactory(source=source, confirmed=True)
    SourceRecord.objects.all().delete()

    newsroom_bulk_written.send(sender=None, article_ids=[])

    assert stored() == {source.pk: (1, 1)} == counted()


def test_migrate_counts_every_source(source):
    TransferClaimFactory(source=source, **denied())
    SourceRecord.objects.all().delete()

    call_command("migrate", verbosity=0)

    assert stored() == {source.pk: (0, 1)} == counted()


def test_reading_records_is_one_query_whatever_their_claims(source):
    other = SourceFactory()
    TransferClaimFactory.create_batch(3, source=source, confirmed=True)
    TransferClaimFactory(source=other, **denied())

    with CaptureQueriesContext(connection) as queries:
        found = records_of_sources([source.pk, other.pk])

    assert len(queries) == 1
    assert found == {source.pk: TrackRecord(3, 3), other.pk: TrackRecord(0, 1)}
