"""Markdown to sanitised HTML: the only way article text becomes markup.

Markdown may carry raw HTML, so its output goes through nh3 (the Ammonia
sanitiser) with a small allowlist: no script, no event handler, no style, and
links only to http, https, mailto or relative addresses.
"""

import markdown
import nh3

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr",
        "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th",
        "thead", "tr", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": frozenset({"href", "title"}),
    "abbr": frozenset({"title"}),
    "th": frozenset({"scope"}),
}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer"


def sanitise_html(html):
    """Return ``html`` with everything outside the allowlist removed.

    Idempotent: sanitising sanitised HTML changes nothing.
    """
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render_markdown(text):
    """Return the sanitised HTML for Markdown ``text``."""
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"])
    return sanitise_html(html)
