from django.core.management.base import BaseCommand

from rumours.images.renditions import make_renditions
from rumours.models import Article


class Command(BaseCommand):
    help = (
        "Make the responsive renditions of every story's hero image again: for "
        "pictures stored before renditions existed, or after their widths or "
        "quality changed. Existing renditions are replaced, never duplicated."
    )

    def handle(self, *args, **options):
        articles = Article.objects.exclude(hero_image="").only("pk", "hero_image")
        pictures = renditions = missing = 0
        for article in articles.iterator():
            storage, name = article.hero_image.storage, article.hero_image.name
            if not storage.exists(name):
                missing += 1
                self.stderr.write(f"Story {article.pk}: {name} is not in storage.")
                continue
            renditions += len(make_renditions(storage, name))
            pictures += 1
        self.stdout.write(
            f"Made {renditions} renditions of {pictures} pictures"
            + (f"; {missing} pictures missing from storage." if missing else ".")
        )
