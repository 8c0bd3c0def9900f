from django.core.management.base import BaseCommand

from rumours.services.interchange.interrupted import recover_interrupted_imports


class Command(BaseCommand):
    help = (
        "Delete the pictures stored by imports that were killed before they "
        "committed (every import also does this first). Run it when a server starts."
    )

    def handle(self, *args, **options):
        deleted = recover_interrupted_imports()
        self.stdout.write(f"Interrupted imports: {deleted} picture(s) deleted.")
