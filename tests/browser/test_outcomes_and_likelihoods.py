"""What happened, how likely, and how we know, in a real browser (#15).

On the demo newsroom: the Milan enquiry settled with a note and an outside
report (the story opens its state of play with what happened), the demo's
rumours dated yesterday so Dragusin's suitors carry likelihoods, and the
methodology page. At 320, 390 and 1280 px, light and dark: what a reader
looks for is there, nothing scrolls sideways, axe-core finds nothing.
"""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rumours.models import TransferClaim

from .test_index_pages import assert_no_axe_violation
from .test_reader_pages import (
    STORY_URL,
    assert_no_horizontal_scroll,
    color_schemes,
    open_page,
    viewports,
)

pytestmark = pytest.mark.usefixtures("demo_newsroom")


@pytest.fixture
def settled_and_live(demo_newsroom):
    """Settle the Milan enquiry; bring the demo's other rumours to yesterday."""
    yesterday = timezone.now() - dt.timedelta(days=1)
    claims = TransferClaim.objects.filter(player__slug="radu-dragusin")
    claims.update(reported_at=yesterday)
    claims.filter(claim_type="enquiry", to_club__slug="ac-milan").update(
        outcome="confirmed",
        resolved_at=yesterday,
        resolution_note="Milan's director confirmed the approach on television.",
        evidence_url="https://press.example/milan-dragusin",
    )


@viewports
@color_schemes
@pytest.mark.usefixtures("settled_and_live")
def test_outcomes_likelihoods_and_the_method_read_well_everywhere(
    page, axe_script, viewport, color_scheme
):
    open_page(page, STORY_URL, viewport, color_scheme)
    banner = page.locator(".outcome-banner")
    expect(banner).to_contain_text("True: the club did ask about him")
    expect(
        banner.get_by_role("link", name="the report that settled it")
    ).to_have_attribute("href", "https://press.example/milan-dragusin")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violation(page, axe_script)

    open_page(page, "/players/radu-dragusin/", viewport, color_scheme)
    expect(page.locator(".likelihood").first).to_contain_text("Likelihood:")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violation(page, axe_script)

    open_page(page, "/methodology/", viewport, color_scheme)
    expect(
        page.get_by_role("heading", name="How our likelihoods fared")
    ).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_axe_violation(page, axe_script)
