"""Club crests and player pictures (#16): optional, through the hero images' pipeline.

Each is validated and stripped like a hero image, made into renditions once,
shown on the reader pages with initials standing in when there is none, given
to partners as renditions, and carried by export and import like a story's
picture, so a newsroom moved between machines keeps them.
"""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image
from rest_framework_api_key.models import APIKey

from rumours.demo.accounts import DEMO_FILE
from rumours.models import Club, Player
from rumours.services.interchange import (
    NewsroomImportError,
    dump_newsroom,
    export_newsroom,
    import_newsroom,
    load_newsroom_file,
)

from .factories import ClubFactory, PlayerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]

MILAN = "ac-milan"
DRAGUSIN = "radu-dragusin"


def image_bytes(image_format="PNG", size=(240, 240)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "crimson").save(buffer, image_format)
    return buffer.getvalue()


def with_pictures(folder):
    """Return the demo document with a crest for Milan and a picture for Dragusin."""
    (folder / "images" / "clubs").mkdir(parents=True)
    (folder / "images" / "players").mkdir()
    (folder / "images" / "clubs" / "milan.png").write_bytes(image_bytes())
    (folder / "images" / "players" / "radu.jpg").write_bytes(image_bytes("JPEG"))
    (folder / "images" / "story.jpg").write_bytes(
        next((DEMO_FILE.parent / "images").glob("*.jpg")).read_bytes()
    )
    document = load_newsroom_file(DEMO_FILE)
    for article in document["articles"]:
        article["hero_image"]["file"] = "images/story.jpg"
    club = next(item for item in document["clubs"] if item["slug"] == MILAN)
    club["crest"] = {"file": "images/clubs/milan.png"}
    player = next(item for item in document["players"] if item["slug"] == DRAGUSIN)
    player["picture"] = {"file": "images/players/radu.jpg", "credit": "Desk photo"}
    return document


def test_an_import_stores_a_crest_and_a_picture_with_its_credit(tmp_path):
    import_newsroom(with_pictures(tmp_path), base_dir=tmp_path)

    milan, radu = Club.objects.get(slug=MILAN), Player.objects.get(slug=DRAGUSIN)
    assert milan.crest.name.startswith("crests/")
    assert (milan.crest_width, milan.crest_height) == (240, 240)
    assert radu.picture.name.startswith("players/")
    assert radu.picture_credit == "Desk photo"


def test_export_and_import_carry_crests_and_pictures(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    import_newsroom(with_pictures(source), base_dir=source)
    exported = tmp_path / "backup" / "newsroom.json"
    call_command("export_newsroom", str(exported), stdout=io.StringIO())
    before = dump_newsroom(export_newsroom())
    Player.objects.filter(slug=DRAGUSIN).update(picture="", picture_credit="")
    Club.objects.filter(slug=MILAN).update(crest="")

    import_newsroom(load_newsroom_file(exported), base_dir=exported.parent)

    assert (exported.parent / "images" / "clubs" / f"{MILAN}.png").is_file()
    assert (exported.parent / "images" / "players" / f"{DRAGUSIN}.jpg").is_file()
    assert dump_newsroom(export_newsroom()) == before


def test_a_crest_that_is_not_an_image_is_refused_with_its_path(tmp_path):
    document = with_pictures(tmp_path)
    (tmp_path / "images" / "clubs" / "milan.png").write_bytes(b"not a picture")
    index = next(i for i, c in enumerate(document["clubs"]) if c["slug"] == MILAN)

    with pytest.raises(NewsroomImportError) as refused:
        import_newsroom(document, base_dir=tmp_path)

    assert (
        f"clubs[{index}].crest.file: The file is not an image Pillow can read. "
        "Upload a JPEG, PNG or WebP file."
    ) in refused.value.errors


def test_an_editors_crest_upload_is_validated_like_a_hero_image():
    club = ClubFactory()
    club.crest = ContentFile(b"GIF89a not really", name="crest.gif")

    with pytest.raises(ValidationError) as refused:
        club.full_clean()

    assert "crest" in refused.value.message_dict


def test_the_club_page_shows_the_crest_and_initials_without_one(client, media_root):
    milan = ClubFactory(short_name="Milan")
    milan.crest.save("crest.png", ContentFile(image_bytes()), save=True)
    spurs = ClubFactory(short_name="Tottenham")

    with_crest = client.get(milan.get_absolute_url()).content.decode()
    without = client.get(spurs.get_absolute_url()).content.decode()

    assert "<picture>" in with_crest
    assert milan.crest.name.rsplit(".", 1)[0] in with_crest
    assert ">TOT<" in without.replace("\n", "")


def test_the_player_page_credits_his_picture(client):
    player = PlayerFactory(picture_credit="Desk photo")
    player.picture.save("radu.jpg", ContentFile(image_bytes("JPEG")), save=True)

    html = client.get(player.get_absolute_url()).content.decode()

    assert "<picture>" in html
    assert "Photo: Desk photo" in html


def test_partners_get_a_crests_renditions_and_null_without(client):
    milan = ClubFactory()
    milan.crest.save("crest.png", ContentFile(image_bytes()), save=True)
    bare = ClubFactory()

    _, key = APIKey.objects.create_key(name="Crest reader")
    key_header = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}

    crest = client.get(f"/api/v1/clubs/{milan.slug}/", **key_header).json()["crest"]
    none = client.get(f"/api/v1/clubs/{bare.slug}/", **key_header).json()["crest"]

    assert (crest["width"], crest["height"]) == (240, 240)
    assert [r["width"] for r in crest["renditions"]["webp"]] == [240]
    assert crest["renditions"]["jpeg"][0]["url"].startswith("http://testserver/media/")
    assert none is None
