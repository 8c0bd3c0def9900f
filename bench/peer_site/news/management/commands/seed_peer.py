"""Fill the peer with the stories the benchmark reads, and print their paths."""

import datetime as dt
import json
import random

from django.core.management.base import BaseCommand
from wagtail.models import Site

from news.models import StoryIndexPage, StoryPage

WORDS = [
    "club", "coach", "centre-back", "striker", "loan", "fee", "bid", "deal",
    "window", "medical", "contract", "clause", "agent", "report", "journalist",
    "source", "interest", "talks", "offer", "squad", "depth", "target", "option",
    "season", "league", "winger", "midfielder", "goalkeeper", "keen", "approach",
    "enquiry", "valuation",
]  # fmt: skip
FIRST_DAY = dt.date(2025, 1, 1)


def paragraph(rng, sentences=5):
    """Return one rich-text paragraph of transfer words, 12 to 22 a sentence."""
    said = []
    for _ in range(sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(12, 22))]
        said.append(" ".join(words).capitalize() + ".")
    return "<p>" + " ".join(said) + "</p>"


class Command(BaseCommand):
    help = "Publish a story index and N story pages under the root; print paths."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=40)

    def handle(self, *args, stories, **options):
        rng = random.Random(7)
        root = Site.objects.get(is_default_site=True).root_page.specific
        news = StoryIndexPage.objects.filter(slug="news").first()
        if news is None:
            news = StoryIndexPage(
                title="Transfer news", slug="news", intro="<p>Latest rumours.</p>"
            )
            root.add_child(instance=news)
            news.save_revision().publish()
        have = StoryPage.objects.child_of(news).count()
        for number in range(have + 1, stories + 1):
            story = StoryPage(
                title=f"Club {number % 20 + 1} enquire about centre-back {number}",
                slug=f"story-{number}",
                date=FIRST_DAY + dt.timedelta(days=number),
                intro=(
                    "Per an Italian journalist, three clubs are keen; the coach "
                    "wants four specialist centre-backs."
                ),
                source="Mirko Di Natale",
                body="".join(paragraph(rng) for _ in range(8)),
            )
            news.add_child(instance=story)
            story.save_revision().publish()
        newest = StoryPage.objects.live().order_by("-date").first()
        paths = {
            "stories": StoryPage.objects.live().count(),
            "story": newest.url,
            "story_id": newest.pk,
            "index": news.url,
        }
        self.stdout.write(json.dumps(paths))
