"""Responsive renditions of hero images, made once with Pillow when stored.

Each stored picture ``heroes/2026/01/<hex>.jpg`` gets one WebP and one JPEG
per width: ``heroes/2026/01/<hex>-800w.webp`` and ``<hex>-800w.jpg``. The
names and widths follow from the stored name and width alone, so a page
builds its ``<picture>`` without touching storage or the database (#3).
"""

import re
import warnings
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import Image

# The widths a layout asks for, from a phone to a wide screen at 2x.
RENDITION_WIDTHS = (480, 800, 1200, 1600)
# The width of the <img src> a browser without srcset support gets.
FALLBACK_WIDTH = 800
FORMATS = {"webp": ("WEBP", "image/webp"), "jpg": ("JPEG", "image/jpeg")}
QUALITY = {"webp": 80, "jpg": 82}


def rendition_widths(original_width):
    """Return the widths made for a picture ``original_width`` pixels wide.

    Every standard width below the original, then the original itself capped
    at the largest standard width: a picture is never scaled up.
    """
    if not original_width:
        return []
    largest = min(original_width, RENDITION_WIDTHS[-1])
    return [width for width in RENDITION_WIDTHS if width < largest] + [largest]


def rendition_name(name, width, extension):
    """Return the storage name of one rendition of the stored picture ``name``."""
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}-{width}w.{extension}"))


def make_renditions(storage, name):
    """Write every rendition of the stored picture ``name``; return their names.

    Existing renditions of the same name are replaced, so running this again
    (say after changing the quality) repairs rather than duplicates.
    """
    with storage.open(name, "rb") as file, warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(file) as original:
            original.load()
            image = original.convert("RGB")
    made = []
    for width in rendition_widths(image.width):
        height = max(1, round(image.height * width / image.width))
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        for extension, (pillow_format, _) in FORMATS.items():
            output = BytesIO()
            resized.save(
                output, pillow_format, quality=QUALITY[extension], optimize=True
            )
            target = rendition_name(name, width, extension)
            if storage.exists(target):
                storage.delete(target)
            made.append(storage.save(target, ContentFile(output.getvalue())))
    return made


def rendition_names(storage, name):
    """Return the names of the renditions of ``name`` that are in storage."""
    path = PurePosixPath(name)
    pattern = re.compile(rf"{re.escape(path.stem)}-\d+w\.(?:webp|jpg)")
    directory = str(path.parent) if str(path.parent) != "." else ""
    if not storage.exists(directory or "."):
        return []
    _, files = storage.listdir(directory)
    return [
        str(path.with_name(file)) for file in sorted(files) if pattern.fullmatch(file)
    ]


def delete_picture(storage, name):
    """Delete the stored picture ``name`` and every rendition of it."""
    for rendition in rendition_names(storage, name):
        storage.delete(rendition)
    storage.delete(name)


@dataclass(frozen=True)
class Picture:
    """What a template needs for one responsive ``<picture>``.

    ``webp`` and ``jpeg`` map each width to its rendition's URL.
    """

    webp: dict
    jpeg: dict
    width: int
    height: int

    @property
    def webp_srcset(self):
        return ", ".join(f"{url} {width}w" for width, url in self.webp.items())

    @property
    def jpeg_srcset(self):
        return ", ".join(f"{url} {width}w" for width, url in self.jpeg.items())

    @property
    def src(self):
        """Return the JPEG for browsers without srcset: the largest up to 800 px."""
        fitting = [width for width in self.jpeg if width <= FALLBACK_WIDTH]
        return self.jpeg[max(fitting) if fitting else min(self.jpeg)]

    @property
    def largest_jpeg(self):
        """Return the largest JPEG's URL (for og:image and JSON-LD)."""
        return self.jpeg[max(self.jpeg)]


def picture_for(field_file, width, height):
    """Return the ``Picture`` of a stored hero image, or None without one.

    Reads only the stored name and size: no storage or database access.
    """
    if not field_file or not width or not height:
        return None
    storage, name = field_file.storage, field_file.name
    urls = {
        extension: {
            size: storage.url(rendition_name(name, size, extension))
            for size in rendition_widths(width)
        }
        for extension in FORMATS
    }
    return Picture(webp=urls["webp"], jpeg=urls["jpg"], width=width, height=height)
