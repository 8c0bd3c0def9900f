"""Claims from copy in a real browser (#14): paste, review, accept, publish.

A reporter pastes the seed story's text (plus a sentence naming a player the
newsroom does not hold), reviews the proposals, rejects the ones the stored
story does not make, accepts the rest (the new player is created inline),
and submits the draft; an editor publishes it from the dashboard. Every
click and page load is counted: at most 3 clicks per accepted claim on
average. A fresh paragraph with money written three ways stores each amount.
"""

import json

import pytest
from playwright.sync_api import expect

from rumours.demo.accounts import (
    DEMO_FILE,
    DEMO_REPORTER_PASSWORD,
    ensure_demo_editor,
    ensure_demo_reporter,
)
from rumours.extraction import propose_claims
from rumours.models import Article, Player

MAX_CLICKS_PER_CLAIM = 3
NEW_PLAYER_SENTENCE = (
    "\n\nTottenham have made an enquiry about Genoa defender Mattia Bani.\n"
)
MONEY_COPY = (
    "AC Milan have made a €25m bid for Tottenham defender Radu Dragusin. "
    "Roma have offered 30 million euros for Malik Thiaw, according to Mirko "
    "Di Natale. Napoli have made a £40m plus add-ons bid for Conor Gallagher."
)


class Counted:
    """A page whose clicks (and choices in selects) and page loads are counted."""

    def __init__(self, page):
        self.page, self.clicks, self.loads = page, 0, 0
        page.on("load", self._loaded)

    def _loaded(self, _page):
        self.loads += 1

    def click(self, selector):
        self.clicks += 1
        self.page.locator(selector).first.click()

    def choose(self, selector, value):
        self.clicks += 1
        self.page.select_option(selector, value)


@pytest.fixture
def accounts(demo_newsroom):
    return ensure_demo_reporter()[0], ensure_demo_editor()[0]


def log_in(desk, username):
    desk.page.goto("/admin/login/")
    desk.page.fill("#id_username", username)
    desk.page.fill("#id_password", DEMO_REPORTER_PASSWORD)
    desk.click("input[type=submit]")
    expect(desk.page.locator("#desk-dashboard")).to_be_visible()


def file_from_copy(desk, headline, copy, *, rejected=(), positions=None):
    """Paste ``copy`` as the reporter, keep all but ``rejected``, submit it."""
    desk.click('#content-main a[href="/admin/rumours/article/"]')
    desk.click("a.propose-claims")
    desk.page.fill("#id_headline", headline)
    desk.page.fill("#id_body", copy)
    desk.click("input[name=_propose]")
    for number in rejected:
        desk.click(f'input[name="proposal-{number}-decision"][value="reject"]')
    for number, position in (positions or {}).items():
        desk.choose(f'select[name="proposal-{number}-player_position"]', position)
    desk.click(
        "input[name=_save]" if rejected or positions else "input[name=_accept_all]"
    )
    expect(desk.page.locator(".messagelist")).to_contain_text("claim(s) added")
    desk.choose("#id_status", Article.Status.REVIEW)
    desk.click("input[name=_save]")
    expect(desk.page.locator(".messagelist")).to_contain_text("was changed")


def publish_from_dashboard(desk, headline):
    desk.click(f'#desk-dashboard a:has-text("{headline}")')
    desk.choose("#id_status", Article.Status.PUBLISHED)
    desk.click("input[name=_save]")
    expect(desk.page.locator(".messagelist")).to_contain_text("is live")


def seed_copy_and_choices():
    """Return the seed story's copy, the proposals to reject, the new player's."""
    copy = json.loads(DEMO_FILE.read_text())["articles"][0]["body"]
    copy += NEW_PLAYER_SENTENCE
    stored = {
        (claim.player.name, claim.to_club and claim.to_club.name, claim.claim_type)
        for claim in Article.objects.get().claims.select_related("player", "to_club")
    }
    seen, rejected, new = set(), [], {}
    for number, proposal in enumerate(propose_claims(copy)):
        key = (
            proposal.player.key,
            proposal.to_club and proposal.to_club.key,
            str(proposal.claim_type),
        )
        if proposal.player.new:
            new[number] = "CB"
        elif key in seen or key not in stored:
            rejected.append(number)
        seen.add(key)
    return copy, rejected, new


def test_a_reporter_files_the_seed_storys_claims_from_its_copy(
    browser, base_url, accounts
):
    reporter, editor = accounts
    copy, rejected, new = seed_copy_and_choices()
    desk = Counted(browser.new_page(base_url=base_url))
    log_in(desk, reporter.username)
    file_from_copy(
        desk, "Dragusin: the suitors", copy, rejected=rejected, positions=new
    )
    editors_desk = Counted(browser.new_page(base_url=base_url))
    log_in(editors_desk, editor.username)

    publish_from_dashboard(editors_desk, "Dragusin: the suitors")

    article = Article.objects.get(headline="Dragusin: the suitors")
    accepted = article.claims.count()
    clicks = desk.clicks + editors_desk.clicks
    loads = desk.loads + editors_desk.loads
    print(  # noqa: T201 - the measurement the issue asks for, shown with -s
        f"\nclaims from copy: {accepted} claims accepted, {clicks} clicks, "
        f"{loads} page loads ({clicks / accepted:.2f} clicks a claim)"
    )
    bani = Player.objects.get(name="Mattia Bani")
    assert (article.status, article.author) == (Article.Status.PUBLISHED, reporter)
    assert (bani.primary_position, bani.current_club.short_name) == ("CB", "Genoa")
    assert clicks <= MAX_CLICKS_PER_CLAIM * accepted


def test_a_fresh_paragraph_stores_money_written_three_ways(browser, base_url, accounts):
    reporter, editor = accounts
    desk = Counted(browser.new_page(base_url=base_url))
    log_in(desk, reporter.username)
    file_from_copy(desk, "Three bids", MONEY_COPY)
    editors_desk = Counted(browser.new_page(base_url=base_url))
    log_in(editors_desk, editor.username)

    publish_from_dashboard(editors_desk, "Three bids")

    claims = Article.objects.get(headline="Three bids").claims.with_amounts()
    print(  # noqa: T201 - shown with -s
        f"\nthree bids: {desk.clicks + editors_desk.clicks} clicks, "
        f"{desk.loads + editors_desk.loads} page loads"
    )
    assert sorted(
        (claim.player.name, claim.fee_display)
        for claim in claims.select_related("player")
    ) == [
        ("Conor Gallagher", "a fee of £40m plus add-ons"),
        ("Malik Thiaw", "a fee of €30m"),
        ("Radu Dragusin", "a fee of €25m"),
    ]


def test_a_fee_box_shows_how_it_reads_while_typing(browser, base_url, accounts):
    reporter, _ = accounts
    desk = Counted(browser.new_page(base_url=base_url))
    log_in(desk, reporter.username)
    desk.page.goto("/admin/rumours/article/propose/")
    desk.page.fill("#id_body", MONEY_COPY)
    desk.click("input[name=_propose]")

    desk.page.locator('input[name="proposal-0-amounts"]').fill("around €22m")

    expect(desk.page.locator(".money-preview").first).to_have_text(
        "Parsed as: a fee of around €22m"
    )
