"""Fast manual entry (#14): claims above the pictures, the first one pre-filled."""

import pytest
from django.test import Client

from rumours.models import TransferClaim

from .factories import (
    ArticleFactory,
    AttributionFactory,
    ClubFactory,
    PlayerFactory,
    TransferClaimFactory,
)
from .support.admin_forms import form_data
from .support.editorial import change_form, editor, logged_in, save_change

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]


@pytest.fixture
def story_about_a_move():
    brentford, chelsea = ClubFactory(), ClubFactory()
    player = PlayerFactory(current_club=brentford)
    article = ArticleFactory(draft=True)
    article.players.add(player)
    article.clubs.add(brentford, chelsea)
    return article, player, brentford, chelsea


def test_the_claims_come_before_the_picture_fields():
    article = ArticleFactory(draft=True)
    client = logged_in(Client(), editor())

    page = client.get(f"/admin/rumours/article/{article.pk}/change/").content.decode()

    assert page.index('id="claims-group"') < page.index("Hero image")


def test_the_first_claim_is_prefilled_from_the_storys_subjects(story_about_a_move):
    article, player, brentford, chelsea = story_about_a_move
    client = logged_in(Client(), editor())

    data = change_form(client, article)

    assert (
        data["claims-0-player"],
        data["claims-0-from_club"],
        data["claims-0-to_club"],
    ) == (str(player.pk), str(brentford.pk), str(chelsea.pk))


def test_an_untouched_prefilled_claim_is_not_saved(story_about_a_move):
    article, *_ = story_about_a_move
    client = logged_in(Client(), editor())
    data = change_form(client, article)

    response = save_change(client, article, data)

    assert response.status_code == 302
    assert not TransferClaim.objects.exists()


def test_a_completed_prefilled_claim_is_saved_with_its_parties(story_about_a_move):
    article, player, brentford, chelsea = story_about_a_move
    client = logged_in(Client(), editor())
    data = change_form(client, article)
    data.update({"claims-0-claim_type": "bid", "claims-0-quote": "Chelsea bid."})

    save_change(client, article, data)

    claim = TransferClaim.objects.get()
    assert (claim.player, claim.from_club, claim.to_club) == (
        player,
        brentford,
        chelsea,
    )


def another_claim_form(client, claim):
    url = f"/admin/rumours/article/{claim.article.pk}/change/?another={claim.pk}"
    return url, form_data(client.get(url), "article_form")


def test_another_claim_for_this_player_copies_player_seller_and_source():
    claim = TransferClaimFactory(article=ArticleFactory(draft=True))
    client = logged_in(Client(), editor())

    _, data = another_claim_form(client, claim)

    assert (
        data["claims-1-player"],
        data["claims-1-from_club"],
        data["claims-1-source"],
    ) == (str(claim.player_id), str(claim.from_club_id), str(claim.source_id))


def test_another_claim_takes_on_the_relays_and_speakers_of_the_claim():
    claim = TransferClaimFactory(article=ArticleFactory(draft=True))
    AttributionFactory(claim=claim, role="relay", position=0)
    AttributionFactory(claim=claim, role="speaker", position=1)
    client = logged_in(Client(), editor())
    url, data = another_claim_form(client, claim)
    data.update({"claims-1-claim_type": "enquiry", "claims-1-quote": "Talks are on."})

    client.post(url, data)

    second = claim.article.claims.exclude(pk=claim.pk).get()
    assert [(a.source_id, a.role, a.position) for a in second.attributions.all()] == [
        (a.source_id, a.role, a.position) for a in claim.attributions.all()
    ]


def test_another_claim_copies_no_attribution_from_another_story():
    claim = TransferClaimFactory(article=ArticleFactory(draft=True))
    elsewhere = AttributionFactory(claim__article=ArticleFactory(draft=True))
    client = logged_in(Client(), editor())
    url, data = another_claim_form(client, claim)
    data.update(
        {
            "claims-1-claim_type": "enquiry",
            "claims-1-quote": "Talks are on.",
            "claims-1-attribution_from": str(elsewhere.claim_id),
        }
    )

    client.post(url, data)

    second = claim.article.claims.exclude(pk=claim.pk).get()
    assert list(second.attributions.all()) == []


def test_another_claim_saves_only_once_completed():
    claim = TransferClaimFactory(article=ArticleFactory(draft=True))
    client = logged_in(Client(), editor())
    url, data = another_claim_form(client, claim)
    data.update({"claims-1-claim_type": "enquiry", "claims-1-quote": "Talks are on."})

    client.post(url, data)

    second = claim.article.claims.exclude(pk=claim.pk).get()
    assert (second.player, second.from_club, second.source, second.claim_type) == (
        claim.player,
        claim.from_club,
        claim.source,
        "enquiry",
    )
