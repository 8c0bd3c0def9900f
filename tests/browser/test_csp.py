"""The Content-Security-Policy breaks nothing in a real browser (#6, R2).

Every other browser test bypasses the policy (axe-core is injected as an
inline script); these open the pages with the policy enforced and collect
each violation the browser reports: the reader pages, the admin's login and
change form, and the API docs (Swagger UI from drf-spectacular-sidecar).
"""

import pytest

from ..factories import UserFactory

PASSWORD = "correct-horse-9"

VIOLATIONS_SCRIPT = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def strict_page(browser, live_server):
    """A page with the policy enforced, closed before the test's database goes.

    Tests ask for their database fixture before this one, so the browser
    has stopped asking the live server (which shares the database
    connection) before the tables are emptied.
    """
    context = browser.new_context(base_url=live_server.url, bypass_csp=False)
    context.add_init_script(VIOLATIONS_SCRIPT)
    page = context.new_page()
    messages = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.csp_messages = messages
    yield page
    context.close()


def violations(page):
    return page.evaluate("window.__cspViolations") + page.csp_messages


def test_reader_pages_run_under_the_policy(demo_newsroom, strict_page):
    found = {}
    for url in [
        "/",
        "/stories/ac-milan-enquire-about-tottenham-radu-dragusin/",
        "/search/?q=dragusin",
        "/clubs/tottenham-hotspur/squad/",
    ]:
        strict_page.goto(url)
        strict_page.wait_for_load_state("networkidle")
        found[url] = violations(strict_page)

    assert found == {url: [] for url in found}
    # The story's hero picture (a rendition from the media folder) loaded.
    strict_page.goto("/stories/ac-milan-enquire-about-tottenham-radu-dragusin/")
    loaded = strict_page.evaluate(
        "Array.from(document.images).map((img) => img.complete && img.naturalWidth)"
    )
    assert loaded
    assert all(loaded)


def test_admin_login_and_change_form_run_under_the_policy(demo_newsroom, strict_page):
    user = UserFactory(superuser=True)
    strict_page.goto("/admin/login/")
    strict_page.fill("#id_username", user.username)
    strict_page.fill("#id_password", PASSWORD)
    strict_page.click("input[type=submit]")
    strict_page.goto("/admin/rumours/article/")
    strict_page.click("#result_list tbody th a")
    strict_page.wait_for_load_state("networkidle")

    # The admin's own scripts ran: the claims inline offers "Add another".
    assert strict_page.locator(".add-row a").first.is_visible()
    assert violations(strict_page) == []


def test_swagger_ui_renders_the_api_under_the_policy(transactional_db, strict_page):
    strict_page.goto("/api/v1/docs/")
    strict_page.wait_for_selector(".opblock-tag", timeout=15_000)
    strict_page.wait_for_load_state("networkidle")

    assert strict_page.locator(".opblock").count() > 10
    assert violations(strict_page) == []
