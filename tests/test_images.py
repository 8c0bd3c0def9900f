"""R14: the hero image upload gauntlet.

Every file is made here with Pillow; none is committed. Each goes in two
ways: through ``Article.full_clean()`` and ``save()`` (what every service
does), and through a ModelForm (what the admin does). Refused files must get
one clear message, accepted ones are stored re-encoded under a server-made
name with no EXIF.
"""

import functools
import random
import re
from io import BytesIO

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms

from rumours.models import Article

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

MAX_PIXELS = 40_000_000
NOT_AN_IMAGE = (
    "The file is not an image Pillow can read. Upload a JPEG, PNG or WebP file."
)
TRUNCATED = (
    "The image is truncated or corrupt and cannot be decoded. "
    "Export it again and upload the new file."
)
TOO_MANY_PIXELS_100MP = (
    "The image is 10000×10000 pixels (100 megapixels); hero images may have at "
    "most 40 megapixels. Resize it and upload it again."
)
FAR_TOO_MANY_PIXELS = (
    "The image has far too many pixels to be decoded safely; hero images may "
    "have at most 40 megapixels. Resize it and upload it again."
)
GIF_REFUSED = "GIF images are not accepted. Upload a JPEG, PNG or WebP file."
STORED_NAME = re.compile(r"heroes/\d{4}/\d{2}/[0-9a-f]{32}\.(jpg|png|webp)")
RED, BLUE = (220, 30, 30), (30, 30, 220)


# ------------------------------------------------------------------ fixtures


def picture(size=(96, 64), seed=7):
    """Return an RGB picture of noise: no encoder can shrink it to nothing."""
    rng = random.Random(seed)
    width, height = size
    return Image.frombytes("RGB", size, rng.randbytes(width * height * 3))


def encode(image, image_format, **params):
    buffer = BytesIO()
    image.save(buffer, image_format, **params)
    return buffer.getvalue()


def exif_with_gps(orientation=None):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Newsroom phone"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 36.0, 16.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 3.0, 57.0)
    return exif


@functools.cache
def hundred_megapixel_png():
    """Return a 10,000 × 10,000 grey PNG: about 97 KB on disk, 100 MB decoded."""
    return encode(Image.new("L", (10_000, 10_000)), "PNG")


@functools.cache
def beyond_pillow_limit_png():
    """Return a 200-megapixel PNG, over twice Pillow's own bomb limit."""
    return encode(Image.new("1", (20_000, 10_000)), "PNG")


def jpeg():
    return encode(picture(), "JPEG", quality=90)


def png():
    return encode(picture(), "PNG")


def webp():
    return encode(picture(), "WEBP", quality=90)


def mpo():
    """Return a multi-picture JPEG, as phones write photos with a depth map."""
    second = picture(seed=8)
    return encode(picture(), "MPO", save_all=True, append_images=[second])


def truncated_jpeg():
    data = encode(picture((256, 256)), "JPEG", quality=95)
    return data[: len(data) // 2]


def jpeg_cut_in_its_header():
    return jpeg()[:300]


def webp_cut_in_its_header():
    return webp()[:40]


def gif():
    return encode(picture(), "GIF")


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" '
    b'onload="alert(1)"><script>alert(2)</script></svg>'
)

REFUSED = [
    ("hundred-megapixel-png", "bomb.png", hundred_megapixel_png, TOO_MANY_PIXELS_100MP),
    ("beyond-pillow-limit", "bigger.png", beyond_pillow_limit_png, FAR_TOO_MANY_PIXELS),
    ("truncated-jpeg", "cut.jpg", truncated_jpeg, TRUNCATED),
    ("jpeg-cut-in-header", "cut.jpg", jpeg_cut_in_its_header, TRUNCATED),
    ("webp-cut-in-header", "cut.webp", webp_cut_in_its_header, TRUNCATED),
    ("html-named-png", "page.png", lambda: HTML, NOT_AN_IMAGE),
    ("svg-named-png", "drawing.png", lambda: SVG, NOT_AN_IMAGE),
    ("gif-named-png", "animation.png", gif, GIF_REFUSED),
]
ACCEPTED = [
    ("jpeg", "photo.jpg", jpeg, "JPEG", "jpg"),
    ("png", "photo.png", png, "PNG", "png"),
    ("webp", "photo.webp", webp, "WEBP", "webp"),
    ("mpo-phone-photo", "IMG_0001.jpg", mpo, "JPEG", "jpg"),
]


# ------------------------------------------------------------- upload paths


class HeroForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ["headline", "slug", "body", "status", "hero_image"]


def through_model(upload):
    """Return (article, None) once stored, or (None, errors) when refused."""
    article = ArticleFactory.build(hero_image=upload)
    try:
        article.full_clean()
    except ValidationError as error:
        return None, error.message_dict
    article.save()
    return article, None


def through_form(upload):
    draft = ArticleFactory.build()
    form = HeroForm(
        data={
            "headline": draft.headline,
            "slug": draft.slug,
            "body": draft.body,
            "status": Article.Status.DRAFT,
        },
        files={"hero_image": upload},
    )
    if not form.is_valid():
        return None, {name: list(errors) for name, errors in form.errors.items()}
    return form.save(), None


PATHS = {"model": through_model, "form": through_form}


def gps_of(article):
    with Image.open(article.hero_image.path) as stored:
        return stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)


class Gauntlet:
    """Send files through a path and keep the R14 figures."""

    def __init__(self):
        self.files = self.wrongly_accepted = self.errors = self.gps_kept = 0
        self.report = None

    def send(self, path, upload, *, should_pass):
        self.files += 1
        try:
            article, errors = PATHS[path](upload)
        except Exception:
            self.errors += 1
            raise
        if article is not None:
            self.wrongly_accepted += not should_pass
            self.gps_kept += bool(gps_of(article))
        return article, errors

    def line(self):
        return (
            f"R14 uploads: {self.files} files, {self.wrongly_accepted} wrongly "
            f"accepted, {self.errors} 500s, {self.gps_kept} GPS tags kept"
        )


@pytest.fixture(scope="session")
def r14_gauntlet():
    """Collect R14 figures; report them once the tests have run (see R22)."""
    gauntlet = Gauntlet()
    yield gauntlet
    if gauntlet.report is not None:
        gauntlet.report(gauntlet.line())


@pytest.fixture
def gauntlet(r14_gauntlet, reliability_report, settings):
    settings.HERO_IMAGE_MAX_PIXELS = MAX_PIXELS
    settings.HERO_IMAGE_MAX_BYTES = 10 * 2**20
    r14_gauntlet.report = reliability_report
    return r14_gauntlet


# -------------------------------------------------------------------- tests


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    ("name", "make", "message"),
    [case[1:] for case in REFUSED],
    ids=[case[0] for case in REFUSED],
)
def test_bad_file_is_refused_with_a_clear_message(gauntlet, path, name, make, message):
    upload = SimpleUploadedFile(name, make())

    article, errors = gauntlet.send(path, upload, should_pass=False)

    assert article is None
    assert errors == {"hero_image": [message]}


@pytest.mark.parametrize("path", PATHS)
def test_file_over_the_byte_cap_is_refused(gauntlet, settings, path):
    settings.HERO_IMAGE_MAX_BYTES = 10 * 1024
    data = png()
    upload = SimpleUploadedFile("large.png", data)

    article, errors = gauntlet.send(path, upload, should_pass=False)

    assert article is None
    assert errors == {
        "hero_image": [
            f"The file is {len(data) / 1024:.0f} KB; hero images may be at most "
            "10 KB. Resize or compress it and upload it again."
        ]
    }


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    ("name", "make", "image_format", "extension"),
    [case[1:] for case in ACCEPTED],
    ids=[case[0] for case in ACCEPTED],
)
def test_valid_image_is_stored_re_encoded(
    gauntlet, path, name, make, image_format, extension
):
    upload = SimpleUploadedFile(name, make())

    article, errors = gauntlet.send(path, upload, should_pass=True)

    assert errors is None
    article.refresh_from_db()
    assert STORED_NAME.fullmatch(article.hero_image.name)
    assert article.hero_image.name.endswith(f".{extension}")
    with Image.open(article.hero_image.path) as stored:
        stored.load()
        assert stored.format == image_format
        assert stored.size == (96, 64)
    assert (article.hero_width, article.hero_height) == (96, 64)


def test_file_name_with_directories_is_replaced_by_a_server_name(gauntlet):
    upload = SimpleUploadedFile("../../etc/passwd.png", png())

    article, _ = gauntlet.send("model", upload, should_pass=True)

    name = article.hero_image.name
    assert STORED_NAME.fullmatch(name), name
    assert ".." not in name
    assert "passwd" not in name


def test_stored_extension_follows_the_content_not_the_name(gauntlet):
    upload = SimpleUploadedFile("photo.png", jpeg())

    article, _ = gauntlet.send("model", upload, should_pass=True)

    assert article.hero_image.name.endswith(".jpg")


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_gps_location_is_removed(gauntlet, path, image_format):
    data = encode(picture(), image_format, exif=exif_with_gps())
    with Image.open(BytesIO(data)) as original:
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    upload = SimpleUploadedFile(f"located.{image_format.lower()}", data)

    article, _ = gauntlet.send(path, upload, should_pass=True)

    with Image.open(article.hero_image.path) as stored:
        exif = stored.getexif()
        assert ExifTags.IFD.GPSInfo not in exif
        assert exif.get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert dict(exif) == {}
    with article.hero_image.open("rb") as stored_file:
        assert b"Newsroom phone" not in stored_file.read()


def test_rotated_phone_photo_is_stored_upright(gauntlet):
    landscape = Image.new("RGB", (200, 100), RED)
    landscape.paste(BLUE, (100, 0, 200, 100))
    # Orientation 6: the camera was turned; show the picture turned 90° clockwise.
    data = encode(landscape, "JPEG", quality=95, exif=exif_with_gps(orientation=6))
    upload = SimpleUploadedFile("portrait.jpg", data)

    article, _ = gauntlet.send("model", upload, should_pass=True)

    with Image.open(article.hero_image.path) as stored:
        top, bottom = stored.getpixel((50, 20)), stored.getpixel((50, 180))
        assert stored.size == (100, 200)
        assert ExifTags.Base.Orientation not in stored.getexif()
    assert (article.hero_width, article.hero_height) == (100, 200)
    assert top[0] > 180 > top[2]
    assert bottom[2] > 180 > bottom[0]


def test_png_transparency_is_kept(gauntlet):
    palette = Image.new("P", (96, 64), 0)
    palette.putpalette([0, 0, 0, 255, 0, 0])
    palette.paste(1, (0, 0, 48, 64))
    upload = SimpleUploadedFile("logo.png", encode(palette, "PNG", transparency=0))

    article, _ = gauntlet.send("model", upload, should_pass=True)

    with Image.open(article.hero_image.path) as stored:
        assert stored.info.get("transparency") == 0
        assert stored.convert("RGBA").getpixel((80, 10))[3] == 0


def test_colour_profile_is_kept(gauntlet):
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encode(picture(), "JPEG", icc_profile=profile, exif=exif_with_gps())
    upload = SimpleUploadedFile("graded.jpg", data)

    article, _ = gauntlet.send("model", upload, should_pass=True)

    with Image.open(article.hero_image.path) as stored:
        assert stored.info.get("icc_profile") == profile


def test_empty_file_is_refused_by_the_form():
    upload = SimpleUploadedFile("empty.png", b"")

    article, errors = through_form(upload)

    assert article is None
    assert errors == {"hero_image": ["The submitted file is empty."]}


@pytest.mark.parametrize("make", [jpeg, png, webp], ids=lambda make: make.__name__)
def test_every_truncation_is_refused_or_decodes_to_the_whole_picture(gauntlet, make):
    data = make()
    with Image.open(BytesIO(data)) as whole:
        pixels = whole.tobytes()
    messages, refused, wrong = set(), 0, 0

    for length in range(0, len(data), max(1, len(data) // 150)):
        article = ArticleFactory.build(
            hero_image=SimpleUploadedFile("cut.png", data[:length])
        )
        gauntlet.files += 1
        try:
            article.full_clean()
        except ValidationError as error:
            messages.update(error.message_dict["hero_image"])
            refused += 1
            continue
        except Exception:
            gauntlet.errors += 1
            raise
        # Only the tail after the last pixel (a PNG's end chunk) may be lost.
        with Image.open(BytesIO(data[:length])) as cut:
            wrong += cut.tobytes() != pixels

    gauntlet.wrongly_accepted += wrong
    assert refused > 100
    assert messages <= {TRUNCATED, NOT_AN_IMAGE}
    assert wrong == 0
