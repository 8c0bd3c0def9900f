"""A claim's amounts in the admin and on the reader pages (#13).

The API's are in ``tests/api/test_api_amounts.py``."""

from decimal import Decimal

import pytest
from django.test import Client
from django.utils.html import strip_tags

from rumours.models import Article, ClaimAmount

from .factories import (
    ArticleFactory,
    ClaimAmountFactory,
    ClubFactory,
    PlayerFactory,
    SourceFactory,
    TransferClaimFactory,
    loan_with_option,
)
from .support.admin_forms import (
    add_inline_form,
    admin_url,
    assert_saved,
    fill_claim,
)
from .support.editorial import (
    change_form,
    editor,
    logged_in,
    reporter,
    save_change,
    story_form,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]


def page_text(client, url):
    return " ".join(strip_tags(client.get(url).content.decode()).split())


# Admin: entered on the claim's page, one compact row each


def test_an_editor_enters_a_fee_with_add_ons_of_unknown_size():
    claim = TransferClaimFactory()
    client = logged_in(Client(), editor())
    data = change_form(client, claim)
    data.update(
        {
            "amounts-TOTAL_FORMS": "2",
            "amounts-0-kind": "transfer_fee",
            "amounts-0-qualifier": "around",
            "amounts-0-amount": "40000000",
            "amounts-0-currency": "EUR",
            "amounts-0-position": "0",
            "amounts-1-kind": "add_ons",
            "amounts-1-qualifier": "exact",
            "amounts-1-position": "1",
        }
    )

    response = save_change(client, claim, data)

    assert response.status_code == 302, response.content[:2000]
    assert claim.fee_display == "a fee of around €40m plus add-ons"


def test_the_claims_page_offers_one_empty_amount_row_when_there_is_none(
    admin_client,
):
    claim = TransferClaimFactory()

    response = admin_client.get(f"/admin/rumours/transferclaim/{claim.pk}/change/")

    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "amounts"
    )
    assert len(formset.forms) == 1


def test_wages_without_a_period_are_refused_in_the_admin():
    claim = TransferClaimFactory()
    client = logged_in(Client(), editor())
    data = change_form(client, claim)
    data.update(
        {
            "amounts-TOTAL_FORMS": "1",
            "amounts-0-kind": "wages",
            "amounts-0-qualifier": "exact",
            "amounts-0-amount": "150000",
            "amounts-0-currency": "GBP",
            "amounts-0-position": "0",
        }
    )

    response = save_change(client, claim, data)

    assert response.status_code == 200
    assert not ClaimAmount.objects.filter(claim=claim).exists()
    assert "Wages need a period (a week or a year); other amounts have none." in (
        response.content.decode()
    )


def test_the_claim_list_shows_the_amounts_in_words(admin_client):
    loan_with_option()

    text = page_text(admin_client, "/admin/rumours/transferclaim/")

    assert "a loan fee of €2m, with an option to buy at €25m" in text


# Reader pages: where the fee was shown


def test_the_story_page_shows_every_amount_in_words(client):
    claim = loan_with_option()

    text = page_text(client, claim.article.get_absolute_url())

    assert "A loan fee of €2m, with an option to buy at €25m" in text


def test_the_player_timeline_shows_the_amounts(client):
    claim = ClaimAmountFactory(kind="release_clause", amount=Decimal("60000000")).claim

    text = page_text(client, claim.player.get_absolute_url())

    assert "A €60m release clause" in text


def test_a_claim_without_amounts_shows_no_money(client):
    claim = TransferClaimFactory()

    text = page_text(client, claim.article.get_absolute_url())

    assert "€" not in text


# Admin: the fee at hand under the story, the common case of one


def test_a_new_claim_under_its_story_gets_its_fee(admin_client):
    article = ArticleFactory()
    new = TransferClaimFactory.build(
        player=PlayerFactory(), to_club=ClubFactory(), source=SourceFactory()
    )
    url, data = story_form(admin_client, article)
    prefix = add_inline_form(data, "claims")
    fill_claim(data, prefix, new)
    data.update({f"{prefix}fee": "18000000", f"{prefix}fee_currency": "GBP"})

    response = admin_client.post(url, data)

    assert_saved(response)
    assert article.claims.get().fee_display == "a fee of £18m"


def test_the_story_form_shows_the_claims_stored_fee(admin_client):
    claim = TransferClaimFactory(with_fee=True)

    _, data = story_form(admin_client, claim.article)

    assert (data["claims-0-fee"], data["claims-0-fee_currency"]) == (
        "25000000.00",
        "EUR",
    )


def test_changing_the_fee_under_the_story_keeps_the_other_amounts(admin_client):
    claim = loan_with_option()
    url, data = story_form(admin_client, claim.article)
    data.update({"claims-0-fee": "3000000", "claims-0-fee_qualifier": "around"})

    response = admin_client.post(url, data)

    assert_saved(response)
    assert claim.fee_display == (
        "a loan fee of around €3m, with an option to buy at €25m"
    )


def test_clearing_the_fee_under_the_story_removes_only_the_fee(admin_client):
    claim = loan_with_option()
    url, data = story_form(admin_client, claim.article)
    data.update({"claims-0-fee": "", "claims-0-fee_currency": ""})

    response = admin_client.post(url, data)

    assert_saved(response)
    assert claim.fee_display == "an option to buy at €25m"


def test_a_fee_for_a_loan_entered_under_the_story_is_a_loan_fee(admin_client):
    claim = TransferClaimFactory(deal_type="loan")
    url, data = story_form(admin_client, claim.article)
    data.update({"claims-0-fee": "1500000", "claims-0-fee_currency": "EUR"})

    response = admin_client.post(url, data)

    assert_saved(response)
    assert claim.amounts.get().kind == "loan_fee"


def test_a_fee_without_a_currency_is_refused_under_the_story(admin_client):
    claim = TransferClaimFactory()
    url, data = story_form(admin_client, claim.article)
    data["claims-0-fee"] = "1500000"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "Give the fee&#x27;s currency." in response.content.decode()
    assert not ClaimAmount.objects.exists()


def test_a_read_only_story_shows_its_claims_amounts_in_words():
    claim = loan_with_option()
    client = logged_in(Client(), reporter())

    text = page_text(client, admin_url(Article, "change", claim.article.pk))

    assert "a loan fee of €2m, with an option to buy at €25m" in text
