"""The queue's side of webhooks: one task an attempt, the next queued after a wait.

And the deliveries the queue lost: a worker killed in the middle of an
attempt (``kill -9``, the machine going down) leaves its task marked as
running for ever, and a task that raised (the database gone mid-attempt)
leaves none; either way the delivery would stay pending with nothing to
attempt it. ``resume_stalled`` queues their next attempt. Workers run it
as they work (``deliver``, at most once each ``STALLED_AFTER`` a process),
and ``manage.py resume_webhooks`` runs it when a worker starts.
"""

import datetime as dt
import time

from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ..models import WebhookDelivery
from . import delivery
from .events import send_again

# An attempt waits WEBHOOK_TIMEOUT_SECONDS at most for the partner: a task
# running for longer than this lost its worker.
STALLED_AFTER = 300


@task(queue_name="webhooks")
def deliver(delivery_id, number):
    """Make one attempt; queue the next, after its wait, if it failed."""
    retry_at = delivery.attempt(delivery_id, number)
    if retry_at is not None:
        deliver.using(run_after=retry_at).enqueue(delivery_id, number + 1)
    sweeps.maybe_resume()


def resume_stalled(now=None):
    """Queue the next attempt of each pending delivery no task will attempt.

    Return how many. A task waiting to run, or running for less than
    ``STALLED_AFTER`` seconds, still holds its delivery; so does a delivery
    made less than that ago (its task is queued as its transaction commits).
    """
    now = now or timezone.now()
    since = now - dt.timedelta(seconds=STALLED_AFTER)
    alive = DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.READY)
        | Q(status=TaskResultStatus.RUNNING, started_at__gte=since),
        task_path=deliver.module_path,
    )
    held = {
        args_kwargs["args"][0]
        for args_kwargs in alive.values_list("args_kwargs", flat=True)
    }
    stalled = WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.PENDING, created_at__lt=since
    ).exclude(pk__in=held)
    return send_again(stalled)


class Sweeps:
    """When this process last looked for stalled deliveries."""

    def __init__(self):
        self.last = time.monotonic()

    def maybe_resume(self):
        if time.monotonic() - self.last >= STALLED_AFTER:
            self.last = time.monotonic()
            resume_stalled()


sweeps = Sweeps()
