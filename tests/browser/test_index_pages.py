"""The index pages readers browse by, in a real browser (#16).

Clubs, players, sources and competitions on the demo newsroom, at 320, 390
and 1280 px, light and dark: what a reader looks for is there, nothing
scrolls sideways, and axe-core finds no violation of any impact.
"""

import pytest
from playwright.sync_api import expect

from .test_reader_pages import (
    AXE_TAGS,
    RUN_AXE,
    assert_no_horizontal_scroll,
    color_schemes,
    open_page,
    viewports,
)

pytestmark = pytest.mark.usefixtures("demo_newsroom")

# Each index page, and a link a reader should find on it.
INDEX_PAGES = {
    "/clubs/": "Tottenham Hotspur",
    "/players/?q=dragusin": "Radu Dragusin",
    "/sources/": "Mirko Di Natale",
    "/competitions/": "Serie A",
    "/api/v1/start/": "interactive documentation",  # for partner developers (#17)
}


def assert_no_axe_violation(page, axe_script):
    page.add_script_tag(path=axe_script)
    violations = page.evaluate(RUN_AXE, AXE_TAGS)
    assert violations == [], f"axe-core on {page.url}: {violations}"


@viewports
@color_schemes
def test_the_index_pages_read_well_everywhere(page, axe_script, viewport, color_scheme):
    for path, name in INDEX_PAGES.items():
        open_page(page, path, viewport, color_scheme)
        expect(page.get_by_role("link", name=name, exact=True).first).to_be_visible()
        assert_no_horizontal_scroll(page)
        assert_no_axe_violation(page, axe_script)
