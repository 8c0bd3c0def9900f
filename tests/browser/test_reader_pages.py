"""The reader pages in a real browser, as a phone and a desktop reader see them (#3).

Each page is loaded in a 320 px, a 390 px and a 1280 px wide viewport, in light and dark
colour schemes. After checking what a reader sees, axe-core (from the npm
registry) checks the same page against WCAG 2.1 A and AA and must find nothing
serious or critical. Both checks share one page load: importing the demo
newsroom for each test is most of the time a test takes.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.usefixtures("demo_newsroom")

STORY_URL = "/stories/ac-milan-enquire-about-tottenham-radu-dragusin/"
SQUAD_URL = "/clubs/tottenham-hotspur/squad/"
HEADLINE = (
    "AC Milan enquire about Tottenham\u2019s Radu Dragusin as Napoli and Roma circle"
)
HERO_ALT = "Placeholder: a football pitch drawn in white lines on a blue background."
STORY_CLAIM_COUNT = 10
# Tottenham's centre-back options on the demo newsroom, as the issue names them.
CENTRE_BACK_SPECIALISTS = [
    "Cristian Romero",
    "Kevin Danso",
    "Micky van de Ven",
    "Radu Dragusin",
]
CENTRE_BACK_COVER = ["Archie Gray", "Ben Davies"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

VIEWPORTS = {
    "320px": {"width": 320, "height": 640},
    "390px": {"width": 390, "height": 844},
    "1280px": {"width": 1280, "height": 800},
}
viewports = pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS)
color_schemes = pytest.mark.parametrize("color_scheme", ["light", "dark"])

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
}"""

# Up to five elements reaching past the viewport's right edge.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter((element) => element.getBoundingClientRect().right > width + 0.5)
    .slice(0, 5)
    .map((element) => [element.localName, ...element.classList].join("."));
}"""


@viewports
@color_schemes
def test_story_page_shows_headline_hero_and_state_of_play(
    page, axe_script, viewport, color_scheme
):
    open_page(page, STORY_URL, viewport, color_scheme)

    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    hero = page.get_by_role("img", name=HERO_ALT)
    expect(hero).to_be_visible()
    natural_width = hero.evaluate(
        "(img) => img.decode().then(() => img.naturalWidth, () => 0)"
    )
    assert natural_width > 0, f"the hero image did not load: {hero_source(hero)}"
    state_of_play = page.get_by_role("complementary", name="State of play")
    expect(state_of_play).to_be_visible()
    claims = state_of_play.get_by_role("list").last  # after "What happened" (#15)
    expect(claims.get_by_role("listitem")).to_have_count(STORY_CLAIM_COUNT)
    expect(state_of_play.get_by_role("link", name="Mirko Di Natale")).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_serious_axe_violation(page, axe_script)


@viewports
@color_schemes
def test_squad_page_shows_centre_back_options_and_rumours(
    page, axe_script, viewport, color_scheme, in_the_seeds_week
):
    open_page(page, SQUAD_URL, viewport, color_scheme)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Tottenham Hotspur")
    row = page.get_by_role("region", name=re.compile(r"^centre[- ]backs?\b", re.I))
    expect(row).to_be_visible()
    assert link_names(squad_fact(row, "Specialists")) == CENTRE_BACK_SPECIALISTS
    assert link_names(squad_fact(row, "Cover")) == CENTRE_BACK_COVER
    rumours_out = squad_fact(row, "Rumours out")
    expect(rumours_out).to_contain_text("Radu Dragusin: linked with")
    for name in ["Radu Dragusin", "AC Milan", "Napoli", "Roma"]:
        expect(rumours_out.get_by_role("link", name=name, exact=True)).to_be_visible()
    rumours_in = squad_fact(row, "Rumours in")
    expect(
        rumours_in.get_by_role("link", name="Alessandro Buongiorno", exact=True)
    ).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_serious_axe_violation(page, axe_script)


def open_page(page, path, viewport, color_scheme):
    page.set_viewport_size(viewport)
    page.emulate_media(color_scheme=color_scheme)
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"


def hero_source(hero):
    return hero.evaluate("(img) => img.currentSrc || img.src")


def squad_fact(row, term):
    """Return the description that follows ``term`` in a squad row's facts."""
    term = row.get_by_role("term").filter(has_text=re.compile(f"^{term}$"))
    return term.locator("xpath=following-sibling::dd[1]")


def link_names(locator):
    """Return the sorted names of the links in ``locator``, whatever their order."""
    expect(locator).to_be_visible()
    return sorted(locator.get_by_role("link").all_inner_texts())


def assert_no_horizontal_scroll(page):
    scroll_width, client_width = page.evaluate(
        "() => [document.documentElement.scrollWidth,"
        " document.documentElement.clientWidth]"
    )

    assert scroll_width <= client_width, (
        f"the page scrolls sideways: scrollWidth {scroll_width} > clientWidth "
        f"{client_width}; past the edge: {page.evaluate(OVERFLOWING)}"
    )


def assert_no_serious_axe_violation(page, axe_script):
    """Run axe-core on the page; fail on a serious or critical violation.

    The message lists every violation, whatever its impact, for the record.
    """
    page.add_script_tag(path=axe_script)

    violations = page.evaluate(RUN_AXE, AXE_TAGS)

    width = page.viewport_size["width"]
    scheme = page.evaluate(
        "() => matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'"
    )
    listed = "\n".join(
        f"  {v['id']} ({v['impact']}): {v['help']}; {', '.join(v['targets'])}"
        for v in violations
    )
    assert not [v for v in violations if v["impact"] in {"serious", "critical"}], (
        f"axe-core on {page.url} at {width} px, {scheme} scheme:\n{listed}"
    )
