import datetime as dt
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from rumours.extraction import propose_claims


class Command(BaseCommand):
    help = (
        "Propose the transfer claims a story's text holds (plain text or "
        "Markdown), as JSON Lines: one claim object a line, in the order of the "
        "copy, with the interchange format's fields plus the sentence, its "
        "offsets, the rule and the names new to the newsroom. Saves nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The story's text; - reads standard input.")
        parser.add_argument(
            "--reported-on",
            type=dt.date.fromisoformat,
            help="The day the story ran (YYYY-MM-DD), which “last summer” "
            "counts back from; today if left out.",
        )

    def handle(self, *args, file, reported_on=None, **options):
        if file == "-":
            text = sys.stdin.read()
        else:
            try:
                with open(file, encoding="utf-8") as handle:
                    text = handle.read()
            except OSError as error:
                raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        for proposal in propose_claims(text, reported_on=reported_on):
            self.stdout.write(json.dumps(proposal.as_dict(), ensure_ascii=False))
