"""The editorial workflow in a real browser (#5).

A reporter logs in, writes a draft with two claims through the inline forms,
picking players, clubs and sources with the autocomplete widgets, and
submits it for review; an editor publishes it; a reader finds it on the site
with both claims.
"""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from rumours.models import Article
from rumours.models.roles import EDITOR, REPORTER, ensure_role_groups

from ..factories import (
    USER_PASSWORD,
    ClubFactory,
    PlayerFactory,
    SourceFactory,
    UserFactory,
)

HEADLINE = "Milan and Napoli move for Dragusin"
SLUG = "milan-and-napoli-move-for-dragusin"


@pytest.fixture
def desk(transactional_db):
    """Commit the people and the football world the story names."""
    ensure_role_groups()  # transactional_db empties what the migration made
    tottenham = ClubFactory(name="Tottenham Hotspur", short_name="Tottenham")
    desk = {
        "reporter": UserFactory(username="rita", is_staff=True),
        "editor": UserFactory(username="ed", is_staff=True),
        "player": PlayerFactory(name="Radu Dragusin", current_club=tottenham),
        "from": tottenham,
        "milan": ClubFactory(name="AC Milan", short_name="Milan"),
        "napoli": ClubFactory(name="SSC Napoli", short_name="Napoli"),
        "source": SourceFactory(name="Gianluca Di Marzio"),
    }
    desk["reporter"].groups.add(Group.objects.get(name=REPORTER))
    desk["editor"].groups.add(Group.objects.get(name=EDITOR))
    return desk


def log_in(page, username):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", USER_PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#desk-dashboard")).to_be_visible()


def autocomplete(page, field_id, search, choice):
    """Pick ``choice`` in the select2 widget of ``field_id`` by typing ``search``."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=choice).first.click()
    expect(page.locator(f"#{field_id} + .select2")).to_contain_text(choice)


def fill_claim(page, index, desk, to_club, stage, quote):
    prefix = f"id_claims-{index}-"
    autocomplete(page, f"{prefix}player", "Dragusin", "Radu Dragusin")
    autocomplete(page, f"{prefix}from_club", "Totten", "Tottenham Hotspur")
    autocomplete(page, f"{prefix}to_club", to_club.split()[-1], to_club)
    autocomplete(page, f"{prefix}source", "Marzio", "Gianluca Di Marzio")
    page.select_option(f"#{prefix}claim_type", stage)
    page.fill(f"#{prefix}quote", quote)


def run_action(page, action):
    page.goto("/admin/rumours/article/")
    page.locator("tr", has_text=HEADLINE).locator("input.action-select").check()
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")


def test_reporter_files_editor_publishes_reader_reads(browser, base_url, desk):
    reporter = browser.new_page(base_url=base_url)
    log_in(reporter, "rita")
    reporter.goto("/admin/rumours/article/add/")
    reporter.locator("#id_headline").press_sequentially(HEADLINE)
    expect(reporter.locator("#id_slug")).to_have_value(SLUG)  # prepopulated
    reporter.fill("#id_body", "Milan have **enquired**; Napoli have bid.")
    fill_claim(reporter, 0, desk, "AC Milan", "enquiry", "Milan have asked about him.")
    reporter.locator(".add-row a").first.click()
    fill_claim(reporter, 1, desk, "SSC Napoli", "bid", "Napoli have made a bid.")
    reporter.click("input[name=_save]")
    expect(reporter.locator(".messagelist")).to_contain_text("was added successfully")
    run_action(reporter, "submit_for_review")
    expect(reporter.locator(".messagelist")).to_contain_text("submitted for review")

    editor = browser.new_page(base_url=base_url)
    log_in(editor, "ed")
    expect(editor.locator("#desk-dashboard")).to_contain_text(HEADLINE)
    run_action(editor, "publish_now")
    expect(editor.locator(".messagelist")).to_contain_text("1 story(ies) published.")

    reader = browser.new_page(base_url=base_url)
    reader.goto(f"/stories/{SLUG}/")
    expect(reader.locator("h1")).to_have_text(HEADLINE)
    claims = reader.locator(".state-of-play .claim")
    expect(claims).to_have_count(2)
    expect(claims.nth(0)).to_contain_text(re.compile("Milan have made an enquiry"))
    expect(claims.nth(1)).to_contain_text(re.compile("Napoli have made a bid"))
    article = Article.objects.get(slug=SLUG)
    assert (article.author.username, article.status) == ("rita", "published")
