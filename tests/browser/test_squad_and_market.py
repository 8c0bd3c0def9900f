"""The what-if squad view and the market board in a real browser (#16).

On the demo newsroom in the seed's week (its rumours open), at 320, 390 and
1280 px, light and dark: the seed's case reads right, nothing scrolls
sideways, and axe-core finds no violation of any impact. The what-if works
with script (redrawn in place) and without (the form).
"""

import re

import pytest
from playwright.sync_api import expect

from .test_index_pages import assert_no_axe_violation
from .test_reader_pages import (
    SQUAD_URL,
    assert_no_horizontal_scroll,
    color_schemes,
    open_page,
    viewports,
)

pytestmark = pytest.mark.usefixtures("demo_newsroom", "in_the_seeds_week")

SPURS_CENTRE_BACKS = (
    "4 of 4 now · 3 of 4 if Radu Dragusin leaves · "
    "4 of 4 if Alessandro Buongiorno arrives"
)
DRAGUSIN_ONLY = "4 of 4 now · 3 of 4 if Radu Dragusin leaves"


def summary_line(page, label):
    summary = page.get_by_role("region", name="At a glance")
    return summary.get_by_role("listitem").filter(
        has=page.get_by_role("link", name=label, exact=True)
    )


@viewports
@color_schemes
def test_the_squad_view_reads_at_a_glance_everywhere(
    page, axe_script, viewport, color_scheme
):
    open_page(page, SQUAD_URL, viewport, color_scheme)

    first = page.get_by_role("region", name="At a glance").get_by_role("listitem")
    expect(first.first).to_contain_text("Centre-back")
    expect(summary_line(page, "Centre-back")).to_contain_text(SPURS_CENTRE_BACKS)
    expect(page.get_by_role("group", name="Defenders")).to_contain_text(
        "Alessandro Buongiorno arrives?"
    )
    assert_no_horizontal_scroll(page)
    assert_no_axe_violation(page, axe_script)


def test_ticking_a_move_off_redraws_the_squad_in_place(page):
    open_page(page, SQUAD_URL, {"width": 390, "height": 844}, "light")
    page.evaluate("() => { window.notReloaded = true; }")

    page.get_by_role(
        "checkbox", name=re.compile("Alessandro Buongiorno arrives")
    ).click()

    expect(summary_line(page, "Centre-back")).to_have_text(
        re.compile(re.escape(DRAGUSIN_ONLY) + r"\s*$")
    )
    assert page.evaluate("() => window.notReloaded") is True
    assert "whatif=1" in page.url


def test_without_script_the_form_shows_the_chosen_moves(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    try:
        open_page(page, SQUAD_URL, {"width": 320, "height": 640}, "dark")
        page.get_by_role(
            "checkbox", name=re.compile("Alessandro Buongiorno arrives")
        ).uncheck()
        page.get_by_role("button", name="Show the squad").click()

        expect(summary_line(page, "Centre-back")).to_have_text(
            re.compile(re.escape(DRAGUSIN_ONLY) + r"\s*$")
        )
        expect(
            page.get_by_role("checkbox", name=re.compile("Radu Dragusin leaves"))
        ).to_be_checked()
    finally:
        context.close()


@viewports
@color_schemes
def test_the_market_board_joins_milan_to_dragusin_everywhere(
    page, axe_script, viewport, color_scheme
):
    open_page(page, "/market/", viewport, color_scheme)

    centre_backs = page.get_by_role("region", name="Centre-back", exact=True)
    expect(centre_backs).to_contain_text("AC Milan Need 1")
    expect(centre_backs).to_contain_text(
        "Need meets surplus: Radu Dragusin, Tottenham → AC Milan: enquiry"
    )
    assert_no_horizontal_scroll(page)
    assert_no_axe_violation(page, axe_script)
