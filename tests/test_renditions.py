"""Hero image renditions (#3): made with Pillow on upload, named in the page."""

import random
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from rumours.renditions import rendition_widths

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
