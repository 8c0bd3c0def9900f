from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from rumours.services.interchange import (
    NewsroomImportError,
    import_newsroom,
    load_newsroom_file,
    summarise_counts,
)


class Command(BaseCommand):
    help = (
        "Import a newsroom file (docs/interchange.md): all of it, or nothing. "
        "Re-importing updates and never duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            type=Path,
            help="The JSON file. Hero image paths in it are relative to its folder.",
        )
        parser.add_argument(
            "--user",
            help="The username the history records the import under (#5).",
        )

    def handle(self, *args, file, user=None, **options):
        if user is not None:
            try:
                user = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user is called “{user}”.") from None
        try:
            counts = import_newsroom(
                load_newsroom_file(file), base_dir=file.parent, user=user
            )
        except NewsroomImportError as error:
            for line in error.errors:
                self.stderr.write(line)
            raise CommandError(error.summary) from None
        self.stdout.write(
            self.style.SUCCESS(f"Imported {file}: {summarise_counts(counts)}.")
        )
