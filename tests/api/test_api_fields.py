"""The field allowlist (#4, R10): the API sends exactly the committed keys."""

import inspect
from pathlib import Path

import pytest
from rest_framework import serializers as drf_serializers

from rumours.api import (
    amount_serializers,
    article_serializers,
    calibration_serializers,
    changes,
    club_serializers,
    market_serializers,
    picture_serializers,
    record_serializers,
    resolution_serializers,
    schema,
    serializers,
    squad_serializers,
)
from rumours.models import Article, Position, Tombstone

from ..factories import (
    ArticleFactory,
    ClaimAmountFactory,
    ClubAliasFactory,
    SourceFactory,
    SquadNoteFactory,
    TransferClaimFactory,
)
from ..support.api_fields import FORBIDDEN_KEYS, SERIALIZER_FIELDS

pytestmark = pytest.mark.django_db

RESPONSE_SERIALIZER_MODULES = (
    serializers,
    amount_serializers,
    article_serializers,
    calibration_serializers,
    club_serializers,
    market_serializers,
    picture_serializers,
    record_serializers,
    resolution_serializers,
    squad_serializers,
    changes,
    schema,
)
API_FOLDER = Path(serializers.__file__).parent
QUERY_SERIALIZERS = {"ChangesQuerySerializer", "MarketQuerySerializer"}


def declared_serializers():
    return {
        name: cls
        for module in RESPONSE_SERIALIZER_MODULES
        for name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, drf_serializers.BaseSerializer)
        and cls.__module__ == module.__name__
        and name not in QUERY_SERIALIZERS
    }


def json_objects(value):
    """Yield every JSON object (dict) inside ``value``."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from json_objects(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_objects(item)


def crawl(client):
    """Return the JSON of every endpoint, with one item of each kind filled in."""
    outlet = SourceFactory(kind="outlet")
    article = ArticleFactory(hero_credit="Photo: Agency", hero_alt="The player")
    Article.objects.filter(pk=article.pk).update(
        hero_image="heroes/2026/01/abc.jpg", hero_width=1200, hero_height=800
    )
    claim = TransferClaimFactory(
        article=article,
        with_fee=True,
        source=SourceFactory(outlet=outlet),
        deal_type="loan",
    )
    # Every optional part of an amount filled: a range, a second currency.
    ClaimAmountFactory(
        claim=claim,
        kind="option_price",
        upper_amount=30_000_000,
        converted_amount=21_000_000,
        converted_currency="GBP",
        position=1,
    )
    club = claim.to_club
    ClubAliasFactory(club=club)
    SquadNoteFactory(club=club, position=Position.CB)
    # A player on the market fills the board's offers (#16).
    TransferClaimFactory(article=article, claim_type="wants_to_leave", to_club=None)
    article.clubs.add(club)
    article.players.add(claim.player)
    Tombstone.objects.create(
        kind="article", object_id=999, slug="gone", reason="deleted"
    )
    urls = [
        "/api/v1/articles/",
        f"/api/v1/articles/{article.slug}/",
        "/api/v1/claims/",
        f"/api/v1/claims/{claim.pk}/",
        "/api/v1/players/",
        f"/api/v1/players/{claim.player.slug}/",
        "/api/v1/clubs/",
        f"/api/v1/clubs/{club.slug}/",
        f"/api/v1/clubs/{club.slug}/squad/",
        "/api/v1/sources/",
        f"/api/v1/sources/{outlet.slug}/",
        "/api/v1/competitions/",
        f"/api/v1/competitions/{club.competition.slug}/",
        "/api/v1/changes/",
        "/api/v1/market/",
        "/api/v1/articles/?updated_since=yesterday",
        "/api/v1/nowhere/",
    ]
    return {url: client.get(url).json() for url in urls}


def test_every_serializer_module_is_checked():
    listed = {Path(module.__file__).name for module in RESPONSE_SERIALIZER_MODULES}
    found = {path.name for path in API_FOLDER.glob("*serializers.py")}

    assert found <= listed


def test_no_serializer_uses_all_fields():
    sources = [
        Path(module.__file__).read_text() for module in RESPONSE_SERIALIZER_MODULES
    ]

    assert not [source for source in sources if "__all__" in source]


def test_every_serializer_declares_exactly_the_committed_fields():
    declared = {
        name: list(cls().fields) for name, cls in declared_serializers().items()
    }

    assert declared == SERIALIZER_FIELDS


def test_r10_every_response_object_has_committed_keys_only(api, reliability_report):
    allowed = [set(fields) for fields in SERIALIZER_FIELDS.values()]
    # Pages are {"next", "previous", "results"}; 400s name their parameter.
    allowed += [{"next", "previous", "results"}, {"updated_since"}]

    responses = crawl(api)

    objects = [obj for body in responses.values() for obj in json_objects(body)]
    extra = [
        sorted(obj)
        for obj in objects
        if set(obj) not in allowed and not set(obj) <= {"webp", "jpeg"}
    ]
    forbidden = [key for obj in objects for key in obj if key in FORBIDDEN_KEYS]
    reliability_report(
        f"R10 field allowlist: {len(SERIALIZER_FIELDS)} serializers, "
        f"{len(objects)} objects checked, {len(extra)} extra keys, "
        f"{len(forbidden)} forbidden keys"
    )
    assert (extra, forbidden) == ([], [])
    assert any("renditions" in obj for obj in objects), "no hero image was checked"
    for key in ("joins", "reasons", "balance_label"):  # the market board's
        assert any(key in obj for obj in objects), f"no object with {key} was checked"
