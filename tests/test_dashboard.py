"""The desk dashboard at the top of the admin index (#5)."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from rumours.models import TransferClaim

from .factories import ArticleFactory, TransferClaimFactory, UserFactory
from .support.admin_forms import count_queries
from .support.editorial import editor, logged_in

pytestmark = pytest.mark.django_db


def dashboard(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.context["desk"]


def test_the_dashboard_lists_stories_in_review_and_scheduled():
    review = ArticleFactory(review=True, author=UserFactory())
    scheduled = ArticleFactory(scheduled=True)
    ArticleFactory()  # published: on neither list

    desk = dashboard(logged_in(Client(), editor()))

    assert (desk["in_review"], desk["scheduled"]) == ([review], [scheduled])


def test_the_dashboard_counts_open_claims_by_stage():
    TransferClaimFactory.create_batch(2, claim_type=TransferClaim.Type.BID)
    TransferClaimFactory(claim_type=TransferClaim.Type.MEDICAL)
    TransferClaimFactory(claim_type=TransferClaim.Type.BID, confirmed=True)

    desk = dashboard(logged_in(Client(), editor()))

    assert desk["open_by_claim_type"] == [("Bid", 2), ("Medical", 1)]


def test_the_dashboard_counts_claims_resolved_in_the_last_week():
    TransferClaimFactory(confirmed=True)
    TransferClaimFactory(
        outcome="denied", resolved_at=timezone.now() - dt.timedelta(days=8)
    )
    TransferClaimFactory()

    desk = dashboard(logged_in(Client(), editor()))

    assert desk["resolved_count"] == 1


def test_the_dashboard_shows_on_the_admin_index_page():
    ArticleFactory(review=True, headline="Waiting for an editor")

    response = logged_in(Client(), editor()).get("/admin/")

    page = response.content.decode()
    assert 'id="desk-dashboard"' in page
    assert "Waiting for an editor" in page


def fill_desk(count):
    for _ in range(count):
        # A nameless author is bylined by username: loaded with the story too.
        ArticleFactory(review=True, author=UserFactory(first_name="", last_name=""))
        ArticleFactory(scheduled=True, author=UserFactory())
        TransferClaimFactory()
        TransferClaimFactory(confirmed=True)


def test_the_dashboard_queries_do_not_grow_with_the_desk():
    client = logged_in(Client(), editor())
    fill_desk(1)
    small, _ = count_queries(client, "/admin/")
    fill_desk(49)

    large, response = count_queries(client, "/admin/")

    assert len(response.context["desk"]["in_review"]) == 20
    assert large == small
