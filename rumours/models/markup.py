"""Markdown to sanitised HTML: the only way article text becomes markup.

Markdown may carry raw HTML, so its output goes through nh3 (the Ammonia
sanitiser) with a small allowlist: no script, no event handler, no style, and
links only to http, https, mailto or relative addresses.
"""

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

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

# Markdown heading levels outside h2–h4 (the page's h1 is the headline).
HEADING_LEVELS = {"h1": "h2", "h5": "h4", "h6": "h4"}
# Sanitising again settles in one or two passes; see sanitise_html().
MAX_SANITISE_PASSES = 5


def normalise_newlines(text):
    """Return ``text`` with every line ending LF: browsers post CRLF (#14)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sanitise_html(html):
    """Return ``html`` with everything outside the allowlist removed.

    Idempotent: sanitising sanitised HTML changes nothing. Some trees the HTML
    parser builds cannot be written back as HTML that parses to the same tree
    (``<a><table><a>`` nests a link in a link), so the result is sanitised
    again until it no longer changes: what a browser parses is then exactly
    what the sanitiser checked.
    """
    clean = _sanitise_once(html)
    for _ in range(MAX_SANITISE_PASSES):
        again = _sanitise_once(clean)
        if again == clean:
            return clean
        clean = again
    # Markup that never settles is not worth keeping: keep its text only.
    return _sanitise_once(clean, tags=set())


def _sanitise_once(html, tags=ALLOWED_TAGS):
    clean = nh3.clean(
        html,
        tags=set(tags),
        # "*" lists the attributes allowed on every tag. Without it Ammonia
        # adds its defaults (lang, title) to every tag of the allowlist.
        attributes={
            "*": set(),
            **{tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        },
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )
    # An HTML parser drops the newline that directly follows <pre>, and the
    # serialiser does not put it back, so text starting with a newline lost
    # one more on every pass. Write it the way the HTML serialisation
    # algorithm does, so that parsing the output gives the same text. <pre>
    # keeps no attributes, and "<" in text or attributes is escaped, so this
    # matches start tags only.
    return clean.replace("<pre>\n", "<pre>\n\n")


class _HeadingLevels(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            if element.tag in HEADING_LEVELS:
                element.tag = HEADING_LEVELS[element.tag]


class _HeadingLevelsExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_HeadingLevels(md), "heading_levels", 5)


def render_markdown(text):
    """Return the sanitised HTML for Markdown ``text``.

    Headings keep within h2–h4, the levels the sanitiser allows: "# Title"
    becomes an h2 rather than losing its heading.
    """
    html = markdown.markdown(
        text or "", extensions=["tables", "sane_lists", _HeadingLevelsExtension()]
    )
    return sanitise_html(html)
