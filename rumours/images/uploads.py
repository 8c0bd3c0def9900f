"""Hero image intake: validate with Pillow, strip metadata, name on the server.

Django's ``ImageField`` only asks Pillow whether a file looks like an image.
That accepts a 100-megapixel PNG of a few kilobytes (a decompression bomb) and
a truncated JPEG, and it stores EXIF (GPS included) and the uploader's file
name. This module closes each of those gaps, on the model field (so every
``full_clean()`` checks) and on its form field (so the admin shows the same
messages).
"""

import uuid
import warnings
from io import BytesIO
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError

from .pending import record_pending_picture
from .renditions import make_renditions

# Pillow reads a phone photo with a depth map or a preview as "MPO" (a JPEG
# carrying further pictures); it is stored as a plain JPEG of the first one.
FORMAT_EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp"}
# Kept on re-encoding: neither says anything about the photographer.
KEPT_INFO = ("icc_profile", "transparency")

MESSAGE_TOO_LARGE = (
    "The file is {size}; hero images may be at most {limit}. "
    "Resize or compress it and upload it again."
)
MESSAGE_NOT_AN_IMAGE = (
    "The file is not an image Pillow can read. Upload a JPEG, PNG or WebP file."
)
MESSAGE_WRONG_FORMAT = (
    "{format} images are not accepted. Upload a JPEG, PNG or WebP file."
)
MESSAGE_TOO_MANY_PIXELS = (
    "The image is {width}×{height} pixels ({megapixels:.0f} megapixels); "
    "hero images may have at most {limit:.0f} megapixels. "
    "Resize it and upload it again."
)
MESSAGE_FAR_TOO_MANY_PIXELS = (
    "The image has far too many pixels to be decoded safely; hero images may "
    "have at most {limit:.0f} megapixels. Resize it and upload it again."
)
MESSAGE_TRUNCATED = (
    "The image is truncated or corrupt and cannot be decoded. "
    "Export it again and upload the new file."
)


def file_size(size):
    """Return ``size`` in bytes as "2.5 MB" or "48 KB"."""
    if size >= 2**20:
        return f"{size / 2**20:.1f} MB"
    return f"{size / 2**10:.0f} KB"


def validate_image_upload(file):
    """Refuse anything but a complete JPEG, PNG or WebP within the byte and pixel caps.

    Only ``ValidationError`` leaves this function, whatever the file holds.
    Files already in storage were checked when they arrived and are skipped.
    """
    if getattr(file, "_committed", False):
        return
    max_bytes = settings.HERO_IMAGE_MAX_BYTES
    if file.size > max_bytes:
        raise ValidationError(
            MESSAGE_TOO_LARGE.format(
                size=file_size(file.size), limit=file_size(max_bytes)
            ),
            code="too_large",
        )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its default limit and twice that.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                _check_header(image)
                image.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        raise ValidationError(
            MESSAGE_FAR_TOO_MANY_PIXELS.format(
                limit=settings.HERO_IMAGE_MAX_PIXELS / 1e6
            ),
            code="too_many_pixels",
        ) from error
    except UnidentifiedImageError as error:
        raise ValidationError(MESSAGE_NOT_AN_IMAGE, code="not_an_image") from error
    except Exception as error:
        # A damaged file makes Pillow's parsers and decoders raise OSError,
        # SyntaxError, ValueError, EOFError, struct.error and more, from
        # open() as well as load(). Django's forms.ImageField catches
        # Exception for the same reason.
        raise ValidationError(MESSAGE_TRUNCATED, code="truncated") from error
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
    stands the right way up once the tag is gone. The colour profile and PNG
    transparency stay: they are part of how the picture looks.
    """
    file.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(file) as original:
            image_format = original.format
            image = ImageOps.exif_transpose(original)
    kept = {key: image.info[key] for key in KEPT_INFO if key in image.info}
    image.info.clear()
    output = BytesIO()
    if FORMAT_EXTENSIONS[image_format] == "jpg":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(
            output,
            "JPEG",
            quality=90,
            optimize=True,
            icc_profile=kept.get("icc_profile"),
        )
    elif image_format == "WEBP":
        image.save(output, "WEBP", quality=90, icc_profile=kept.get("icc_profile"))
    else:
        image.save(output, "PNG", optimize=True, **kept)
    extension = FORMAT_EXTENSIONS[image_format]
    return ContentFile(output.getvalue(), name=f"image.{extension}")


def server_made_name(folder, filename):
    """Return a storage name in ``folder``: the uploader's file name is never used."""
    extension = PurePosixPath(filename).suffix.lower()
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


def hero_image_upload_to(instance, filename):
    return server_made_name("heroes", filename)


def crest_upload_to(instance, filename):
    return server_made_name("crests", filename)


def player_picture_upload_to(instance, filename):
    return server_made_name("players", filename)


class SanitisedImageFormField(forms.ImageField):
    """The form side: this module's checks, and messages, before Django's.

    Django's own check opens the file with Pillow and answers "Upload a valid
    image" for a decompression bomb or a damaged header; ours says which.
    """

    def to_python(self, data):
        if data not in self.empty_values and getattr(data, "size", 0):
            validate_image_upload(data)
        return super().to_python(data)


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

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        # Django reads the picture's size as soon as a file is assigned, even
        # in Model(...), and Pillow raises there for a decompression bomb.
        # Leave the size empty instead: validate_image_upload() refuses the
        # file with a message.
        if not force and not self._size_to_read(instance):
            return
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                super().update_dimension_fields(instance, force, *args, **kwargs)
        except Image.DecompressionBombError:
            for dimension_field in (self.width_field, self.height_field):
                if dimension_field:
                    setattr(instance, dimension_field, None)

    def _size_to_read(self, instance):
        """Return True if a picture is set and its size is not.

        False for every story loaded from the database, which then skips the
        warnings filter: a cost on each of a feed's 50 stories. Reads the
        instance's ``__dict__`` so deferred fields are not loaded.
        """
        if not instance.__dict__.get(self.attname):
            return False
        dimensions = (self.width_field, self.height_field)
        return not all(instance.__dict__.get(name) for name in dimensions if name)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SanitisedImageFormField, **kwargs})

    def generate_filename(self, instance, filename):
        # Journalled before FieldFile.save() stores the file (pending.py).
        name = super().generate_filename(instance, filename)
        record_pending_picture(name)
        return name

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            clean = reencode_without_metadata(file)
            file.save(clean.name, clean, save=False)
            # Made once here, so pages only name them (#3).
            make_renditions(file.storage, file.name)
        return super().pre_save(model_instance, add)
