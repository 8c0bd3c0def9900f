"""Fee inputs read money as the stories write it (#14)."""

from decimal import Decimal

import pytest
from django.test import Client

from rumours.extraction.money_text import amounts_text, read_amounts
from rumours.models import ClaimAmount

from .factories import (
    ArticleFactory,
    ClubFactory,
    PlayerFactory,
    TransferClaimFactory,
)
from .support.admin_forms import form_data
from .support.editorial import (
    change_form,
    editor,
    logged_in,
    save_change,
    story_form,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]


def test_a_fee_typed_as_the_story_writes_it_is_stored_in_full(admin_client):
    claim = TransferClaimFactory()
    url, data = story_form(admin_client, claim.article)
    data["claims-0-fee"] = "around £30m"

    admin_client.post(url, data)

    assert claim.fee_display == "a fee of around £30m"


@pytest.mark.parametrize("typed", ["€40-45m", "£40m plus add-ons", "€40m (about £34m)"])
def test_the_quick_fee_refuses_more_than_one_figure_rather_than_keep_part(
    admin_client, typed
):
    claim = TransferClaimFactory()
    url, data = story_form(admin_client, claim.article)
    data["claims-0-fee"] = typed

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert f"“{typed}” holds more than one figure" in response.content.decode()
    assert not ClaimAmount.objects.exists()


def test_a_small_transfer_fee_asks_whether_millions_were_meant(admin_client):
    claim = TransferClaimFactory()
    url, data = story_form(admin_client, claim.article)
    data.update({"claims-0-fee": "30", "claims-0-fee_currency": "GBP"})

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "A transfer fee of £30 is unusually small: did you mean £30m?" in (
        response.content.decode()
    )
    assert not ClaimAmount.objects.exists()


def test_a_plain_number_of_millions_still_takes_the_chosen_currency(admin_client):
    claim = TransferClaimFactory()
    url, data = story_form(admin_client, claim.article)
    data.update({"claims-0-fee": "30000000", "claims-0-fee_currency": "EUR"})

    admin_client.post(url, data)

    assert claim.fee_display == "a fee of €30m"


def test_a_range_typed_on_the_claims_page_fills_both_bounds():
    claim = TransferClaimFactory()
    client = logged_in(Client(), editor())
    data = change_form(client, claim)
    data.update(
        {
            "amounts-0-kind": "transfer_fee",
            "amounts-0-amount": "€40-45m",
            "amounts-0-position": "0",
        }
    )

    save_change(client, claim, data)

    row = claim.amounts.get()
    assert (row.amount, row.upper_amount, row.currency) == (
        Decimal("40000000.00"),
        Decimal("45000000.00"),
        "EUR",
    )


def test_a_small_fee_on_the_claims_page_is_refused_with_a_suggestion():
    claim = TransferClaimFactory()
    client = logged_in(Client(), editor())
    data = change_form(client, claim)
    data.update(
        {
            "amounts-0-kind": "transfer_fee",
            "amounts-0-amount": "€45",
            "amounts-0-position": "0",
        }
    )

    response = save_change(client, claim, data)

    assert "did you mean €45m?" in response.content.decode()
    assert not claim.amounts.exists()


@pytest.mark.parametrize(
    ("typed", "read_back"),
    [
        ("£30m", "a fee of £30m"),
        ("€40-45m", "a fee of €40m–€45m"),
        ("30 million euros", "a fee of €30m"),
        ("£40m plus add-ons", "a fee of £40m plus add-ons"),
        ("around €22m", "a fee of around €22m"),
        (
            "a €2m loan fee with an €18m option",
            "a loan fee of €2m, with an option to buy at €18m",
        ),
    ],
)
def test_amounts_read_back_as_the_same_words(typed, read_back):
    written = amounts_text(read_amounts(typed))

    assert (written, amounts_text(read_amounts(written))) == (read_back, read_back)


def test_the_review_page_shows_how_it_read_the_amounts(client, db):
    ClubFactory(name="Arsenal", short_name="Arsenal")
    PlayerFactory(name="Ivan Toney")
    article = ArticleFactory(draft=True, body="Arsenal have bid £30m for Ivan Toney.")
    logged_in(client, editor())
    url = f"/admin/rumours/article/{article.pk}/propose/"
    data = form_data(client.get(url), "proposals")
    data.update({"proposal-0-amounts": "£40m plus add-ons", "_check": "Check"})

    response = client.post(url, data)

    assert "Parsed as: a fee of £40m plus add-ons" in response.content.decode()


def test_the_preview_answers_how_a_fee_box_reads(client, db):
    logged_in(client, editor())

    answer = client.get(
        "/admin/rumours/article/money/", {"text": "£40m plus add-ons"}
    ).json()

    assert answer == {"parsed": "Parsed as: a fee of £40m plus add-ons"}


def test_the_preview_answers_a_slip_with_its_suggestion(client, db):
    logged_in(client, editor())

    answer = client.get("/admin/rumours/article/money/", {"text": "£30"}).json()

    assert answer == {
        "error": "A transfer fee of £30 is unusually small: did you mean £30m?"
    }


def test_the_quick_fee_box_previews_a_range_with_the_refusal_its_submit_gives(
    client, db
):
    logged_in(client, editor())

    answer = client.get(
        "/admin/rumours/article/money/", {"text": "€40-45m", "single": "1"}
    ).json()

    assert answer == {
        "error": "“€40-45m” holds more than one figure (a fee of €40m–€45m): this "
        "box keeps a single fee, so give ranges, add-ons and second amounts on the "
        "claim's own page, where every part is kept."
    }


def test_the_quick_fee_box_asks_the_preview_for_a_single_fee(admin_client):
    claim = TransferClaimFactory()

    page = admin_client.get(f"/admin/rumours/article/{claim.article.pk}/change/")

    assert 'data-money-preview="/admin/rumours/article/money/?single=1"' in (
        page.content.decode()
    )


def test_the_quick_fee_box_previews_a_plain_number_in_the_currency_beside(client, db):
    logged_in(client, editor())

    answer = client.get(
        "/admin/rumours/article/money/", {"text": "30000000", "single": "1"}
    ).json()

    assert answer == {
        "parsed": "Parsed as: 30,000,000 in the currency chosen beside it"
    }
