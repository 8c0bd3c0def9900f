from pathlib import Path

from django.core.management.base import BaseCommand

from rumours.services.interchange import dump_newsroom, export_newsroom


class Command(BaseCommand):
    help = (
        "Export the whole newsroom, drafts included, in the interchange format "
        "(docs/interchange.md): to FILE with its hero images in images/ beside "
        "it, or to standard output without image files."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            type=Path,
            help="Where to write the JSON; standard output if left out.",
        )

    def handle(self, *args, file=None, **options):
        if file is None:
            self.stdout.write(dump_newsroom(export_newsroom()), ending="")
            return
        file.parent.mkdir(parents=True, exist_ok=True)
        data = export_newsroom(image_dir=file.parent)
        file.write_text(dump_newsroom(data), encoding="utf-8")
        claims = sum(len(article["claims"]) for article in data["articles"])
        images = sum(
            1
            for article in data["articles"]
            if article["hero_image"] and article["hero_image"]["file"]
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {len(data['articles'])} articles, {claims} claims and "
                f"{images} hero images to {file}."
            )
        )
