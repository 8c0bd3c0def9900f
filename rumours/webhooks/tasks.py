"""The queue's side of webhooks: one task an attempt, the next queued after a wait."""

from django_tasks import task

from . import delivery


@task(queue_name="webhooks")
def deliver(delivery_id, number):
    """Make one attempt; queue the next, after its wait, if it failed."""
    retry_at = delivery.attempt(delivery_id, number)
    if retry_at is not None:
        deliver.using(run_after=retry_at).enqueue(delivery_id, number + 1)
