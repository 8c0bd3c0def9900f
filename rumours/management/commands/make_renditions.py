from django.core.management.base import BaseCommand

from rumours.images.renditions import make_renditions
from rumours.models import PICTURE_FIELDS

# How an editor names the row a missing picture belongs to.
OWNERS = {"hero_image": "Story", "crest": "Club", "picture": "Player"}


class Command(BaseCommand):
    help = (
        "Make the responsive renditions of every stored picture again (stories' "
        "hero images, crests, players' pictures): for pictures stored before "
        "renditions existed, or after their widths or quality changed. Existing "
        "renditions are replaced, never duplicated."
    )

    def handle(self, *args, **options):
        pictures = renditions = missing = 0
        for model, field in PICTURE_FIELDS:
            rows = model.objects.exclude(**{field: ""}).only("pk", field)
            for row in rows.iterator():
                picture = getattr(row, field)
                storage, name = picture.storage, picture.name
                if not storage.exists(name):
                    missing += 1
                    self.stderr.write(
                        f"{OWNERS[field]} {row.pk}: {name} is not in storage."
                    )
                    continue
                renditions += len(make_renditions(storage, name))
                pictures += 1
        self.stdout.write(
            f"Made {renditions} renditions of {pictures} pictures"
            + (f"; {missing} pictures missing from storage." if missing else ".")
        )
