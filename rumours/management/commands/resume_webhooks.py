from django.core.management.base import BaseCommand

from rumours.webhooks.tasks import resume_stalled


class Command(BaseCommand):
    help = (
        "Queue the next attempt of webhook deliveries a killed worker left "
        "pending (workers also do this as they work). Run it when a worker starts."
    )

    def handle(self, *args, **options):
        resumed = resume_stalled()
        self.stdout.write(f"Stalled webhook deliveries: {resumed} queued again.")
