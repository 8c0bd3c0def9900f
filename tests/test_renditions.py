"""Hero image renditions (#3): made with Pillow on upload, named in the page."""

import io
import random
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from rumours.images.renditions import delete_picture, rendition_widths

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def upload(size, image_format="JPEG", name="photo.jpg"):
    rng = random.Random(3)
    width, height = size
    image = Image.frombytes("RGB", size, rng.randbytes(width * height * 3))
    buffer = BytesIO()
    image.save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


def renditions_of(article, media_root):
    stored = Path(media_root) / article.hero_image.name
    return {
        path.name.removeprefix(stored.stem + "-"): path
        for path in stored.parent.glob(f"{stored.stem}-*")
    }


def test_every_width_is_made_in_webp_and_jpeg(media_root):
    article = ArticleFactory(hero_image=upload((1700, 900)))

    made = renditions_of(article, media_root)

    assert sorted(made) == sorted(
        f"{width}w.{extension}"
        for width in (480, 800, 1200, 1600)
        for extension in ("webp", "jpg")
    )
    with Image.open(made["800w.webp"]) as webp, Image.open(made["800w.jpg"]) as jpeg:
        assert (webp.format, webp.size) == ("WEBP", (800, 424))
        assert (jpeg.format, jpeg.size) == ("JPEG", (800, 424))


def test_no_rendition_is_wider_than_the_original(media_root):
    article = ArticleFactory(hero_image=upload((1000, 500), "PNG", "photo.png"))

    made = renditions_of(article, media_root)

    widths = set()
    for path in made.values():
        with Image.open(path) as image:
            widths.add(image.width)
    assert widths == {480, 800, 1000}


def test_a_small_original_gets_one_rendition_of_its_own_width():
    assert rendition_widths(300) == [300]


def test_story_page_serves_the_renditions_in_a_picture(client):
    article = ArticleFactory(hero_image=upload((1200, 600)), hero_alt="A pitch")

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    stem = Path(article.hero_image.name).stem
    assert f"{stem}-480w.webp 480w, " in html
    assert f"{stem}-1200w.webp 1200w" in html
    assert f'src="/media/{article.hero_image.name[:-4]}-800w.jpg"' in html
    assert f"{stem}-1200w.jpg 1200w" in html
    assert 'width="1200" height="600" alt="A pitch"' in html
    assert '<source type="image/webp"' in html


def test_page_renders_the_picture_without_touching_storage(client, media_root):
    article = ArticleFactory(hero_image=upload((800, 400)))
    for path in Path(media_root).rglob("*.*"):
        path.unlink()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "-800w.webp 800w" in response.content.decode()


def test_story_without_a_hero_image_has_no_picture(client):
    article = ArticleFactory()

    response = client.get(article.get_absolute_url())

    assert "<picture>" not in response.content.decode()


def test_make_renditions_remakes_renditions_missing_from_storage(media_root):
    article = ArticleFactory(hero_image=upload((900, 600)))
    for path in renditions_of(article, media_root).values():
        path.unlink()
    output = io.StringIO()

    call_command("make_renditions", stdout=output)

    assert sorted(renditions_of(article, media_root)) == [
        "480w.jpg",
        "480w.webp",
        "800w.jpg",
        "800w.webp",
        "900w.jpg",
        "900w.webp",
    ]
    assert output.getvalue() == "Made 6 renditions of 1 pictures.\n"


def test_make_renditions_names_a_picture_missing_from_storage(media_root):
    article = ArticleFactory(hero_image=upload((600, 400)))
    (Path(media_root) / article.hero_image.name).unlink()
    errors = io.StringIO()

    call_command("make_renditions", stdout=io.StringIO(), stderr=errors)

    assert errors.getvalue() == (
        f"Story {article.pk}: {article.hero_image.name} is not in storage.\n"
    )


def test_delete_picture_removes_the_picture_and_every_rendition(media_root):
    article = ArticleFactory(hero_image=upload((900, 600)))
    other = ArticleFactory(hero_image=upload((500, 400)))

    delete_picture(article.hero_image.storage, article.hero_image.name)

    left = {path.name for path in Path(media_root).rglob("*") if path.is_file()}
    other_stem = Path(other.hero_image.name).stem
    assert left == {
        f"{other_stem}.jpg",
        *(f"{other_stem}-{w}w.{ext}" for w in (480, 500) for ext in ("jpg", "webp")),
    }
