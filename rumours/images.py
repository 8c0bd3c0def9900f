"""Hero image intake: validate with Pillow, strip metadata, name on the server.

Django's ``ImageField`` only asks Pillow whether a file looks like an image.
That accepts a 100-megapixel PNG of a few kilobytes (a decompression bomb) and
a truncated JPEG, and it stores EXIF (GPS included) and the uploader's file
name. This module closes each of those gaps.
"""

import uuid
import warnings
from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError

FORMAT_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}

MESSAGE_TOO_LARGE = (
    "The file is {size:.1f} MB; hero images may be at most {limit:.0f} MB."
)
MESSAGE_NOT_AN_IMAGE = (
    "The file is not an image Pillow can read. Upload a JPEG, PNG or WebP file."
)
MESSAGE_WRONG_FORMAT = (
    "{format} images are not accepted. Upload a JPEG, PNG or WebP file."
)
MESSAGE_TOO_MANY_PIXELS = (
    "The image is {width}×{height} pixels ({megapixels:.0f} megapixels); "
    "hero images may have at most {limit:.0f} megapixels."
)
MESSAGE_TRUNCATED = (
    "The image is truncated or corrupt and cannot be decoded. "
    "Export it again and upload the new file."
)


def validate_image_upload(file):
    """Refuse anything but a complete JPEG, PNG or WebP within the byte and pixel caps.

    Files already in storage were checked when they arrived and are skipped.
    """
    if getattr(file, "_committed", False):
        return
    max_bytes = settings.HERO_IMAGE_MAX_BYTES
    if file.size > max_bytes:
        raise ValidationError(
            MESSAGE_TOO_LARGE.format(size=file.size / 2**20, limit=max_bytes / 2**20),
            code="too_large",
        )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its default limit and twice that.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(file)
            _check_header(image)
            try:
                image.load()
            except (OSError, SyntaxError, ValueError) as error:
                raise ValidationError(MESSAGE_TRUNCATED, code="truncated") from error
    except Image.DecompressionBombError as error:
        raise ValidationError(
            "The image has far too many pixels to be decoded safely.",
            code="too_many_pixels",
        ) from error
    except UnidentifiedImageError as error:
        raise ValidationError(MESSAGE_NOT_AN_IMAGE, code="not_an_image") from error
    finally:
        file.seek(0)


def _check_header(image):
    if image.format not in FORMAT_EXTENSIONS:
        raise ValidationError(
            MESSAGE_WRONG_FORMAT.format(format=image.format), code="wrong_format"
        )
    width, height = image.size
    limit = settings.HERO_IMAGE_MAX_PIXELS
    if width * height > limit:
        raise ValidationError(
            MESSAGE_TOO_MANY_PIXELS.format(
                width=width,
                height=height,
                megapixels=width * height / 1e6,
                limit=limit / 1e6,
            ),
            code="too_many_pixels",
        )


def reencode_without_metadata(file):
    """Return a ContentFile of ``file`` re-encoded with no EXIF, XMP or comments.

    The EXIF orientation is applied to the pixels first, so the picture still
    stands the right way up once the tag is gone.
    """
    file.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(file) as original:
            image_format = original.format
            image = ImageOps.exif_transpose(original)
    image.info.clear()
    output = BytesIO()
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(output, "JPEG", quality=90, optimize=True)
    elif image_format == "WEBP":
        image.save(output, "WEBP", quality=90)
    else:
        image.save(output, "PNG", optimize=True)
    extension = FORMAT_EXTENSIONS[image_format]
    return ContentFile(output.getvalue(), name=f"image.{extension}")


def hero_image_upload_to(instance, filename):
    """Return a server-made storage name: the uploader's file name is never used."""
    extension = PurePosixPath(filename).suffix.lower()
    return f"heroes/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class SanitisedImageField(models.ImageField):
    """An ImageField that validates uploads and stores them re-encoded."""

    default_validators = [
        *models.ImageField.default_validators,
        validate_image_upload,
    ]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("upload_to", hero_image_upload_to)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("upload_to") is hero_image_upload_to:
            del kwargs["upload_to"]
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            clean = reencode_without_metadata(file)
            file.save(clean.name, clean, save=False)
        return super().pre_save(model_instance, add)
