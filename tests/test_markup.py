"""The sanitiser and Markdown renderer (R12 unit cases, R13 properties).

The property test generates HTML-ish documents from a large vocabulary of
tags, attributes, URL schemes (with the case, entity and control-character
tricks browsers forgive) and entities, and checks what survives
``sanitise_html`` by parsing its output with the standard library's parser.
"""

import re
import time
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rumours.models.markup import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    LINK_REL,
    render_markdown,
    sanitise_html,
)

REL = f'rel="{LINK_REL}"'

# ---------------------------------------------------------------- unit cases


def test_script_element_and_its_content_are_removed():
    html = sanitise_html("<p>Milan enquire</p><script>alert(document.cookie)</script>")

    assert html == "<p>Milan enquire</p>"


def test_style_element_and_its_content_are_removed():
    html = sanitise_html("<style>body{display:none}</style><p>Text</p>")

    assert html == "<p>Text</p>"


def test_image_with_onerror_handler_is_removed():
    html = sanitise_html('<p>a<img src="x" onerror="alert(1)">b</p>')

    assert html == "<p>ab</p>"


def test_event_handler_on_an_allowed_tag_is_removed():
    html = sanitise_html('<a href="https://acmilan.com" onclick="alert(1)">x</a>')

    assert html == f'<a href="https://acmilan.com" {REL}>x</a>'


def test_style_attribute_is_removed():
    html = sanitise_html('<p style="background:url(javascript:alert(1))">x</p>')

    assert html == "<p>x</p>"


def test_attributes_outside_the_allowlist_are_removed_from_every_tag():
    html = sanitise_html('<p title="Note" lang="it" class="x" id="y">Testo</p>')

    assert html == "<p>Testo</p>"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "jav&#9;ascript:alert(1)",
        "jav\tascript:alert(1)",
        "java\nscript:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;&#x61;&#x76;&#x61;script:alert(1)",
        "javascript&colon;alert(1)",
        " javascript:alert(1)",
        "\x01javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "DATA:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
    ],
)
def test_link_with_a_dangerous_scheme_loses_its_href(href):
    html = sanitise_html(f'<a href="{href}">Click</a>')

    assert html == f"<a {REL}>Click</a>"


@pytest.mark.parametrize(
    "href",
    [
        "http://example.com/",
        "https://www.acmilan.com/en/news",
        "mailto:desk@example.com",
        "/stories/milan-enquire/",
        "../players/",
        "#claims",
        "?page=2",
    ],
)
def test_link_with_a_safe_address_keeps_it(href):
    html = sanitise_html(f'<a href="{href}" title="More">More</a>')

    assert html == f'<a href="{href}" title="More" {REL}>More</a>'


def test_link_rel_given_by_the_author_is_replaced():
    html = sanitise_html('<a href="https://x.example" rel="opener">x</a>')

    assert html == f'<a href="https://x.example" {REL}>x</a>'


def test_comments_are_removed():
    html = sanitise_html("<p>a<!-- <script>alert(1)</script> -->b</p>")

    assert html == "<p>ab</p>"


def test_svg_and_math_mutations_leave_nothing_executable():
    html = sanitise_html(
        "<svg><p><style><img src=x onerror=alert(1)></style></p></svg>"
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"
    )

    assert html == "<p></p>"


def test_base_meta_form_and_object_are_removed():
    html = sanitise_html(
        '<base href="javascript:alert(1)//">'
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'
        '<form action="javascript:alert(1)"><input type="submit"></form>'
        '<object data="javascript:alert(1)"></object>'
    )

    assert html == ""


def test_preformatted_text_starting_with_a_blank_line_is_stable():
    html = sanitise_html("<pre>\n\nfoo()</pre>")

    assert sanitise_html(html) == html


def test_markdown_renders_headings_within_h2_to_h4():
    html = render_markdown("# Top\n\n## Section\n\n### Sub\n\n###### Deep")

    assert html == "<h2>Top</h2>\n<h2>Section</h2>\n<h3>Sub</h3>\n<h4>Deep</h4>"


def test_markdown_renders_lists():
    html = render_markdown("- Napoli\n- Roma\n\n1. Enquiry\n2. Bid")

    assert html == (
        "<ul>\n<li>Napoli</li>\n<li>Roma</li>\n</ul>\n"
        "<ol>\n<li>Enquiry</li>\n<li>Bid</li>\n</ol>"
    )


def test_markdown_renders_links_with_rel():
    html = render_markdown("Says [Di Natale](https://example.com/dinatale).")

    assert html == (
        f'<p>Says <a href="https://example.com/dinatale" {REL}>Di Natale</a>.</p>'
    )


def test_markdown_link_to_javascript_loses_its_href():
    html = render_markdown("[Click](javascript:alert(1))")

    assert html == f"<p><a {REL}>Click</a></p>"


def test_markdown_renders_tables():
    html = render_markdown("| Player | Pos |\n| --- | :-: |\n| Dragusin | CB |")

    assert html == (
        "<table>\n<thead>\n<tr>\n<th>Player</th>\n<th>Pos</th>\n</tr>\n</thead>\n"
        "<tbody>\n<tr>\n<td>Dragusin</td>\n<td>CB</td>\n</tr>\n</tbody>\n</table>"
    )


def test_markdown_raw_html_is_sanitised():
    html = render_markdown('Text\n\n<iframe src="https://evil.example"></iframe>')

    assert html == "<p>Text</p>\n"


def test_markdown_of_nothing_is_empty():
    assert render_markdown(None) == ""


# ---------------------------------------------------------------- R13 property

TAGS = sorted(
    {
        *ALLOWED_TAGS,
        "script", "style", "iframe", "object", "embed", "svg", "math", "img",
        "form", "input", "button", "base", "meta", "link", "textarea", "noscript",
        "xmp", "template", "title", "select", "option", "video", "audio", "source",
        "frame", "frameset", "body", "html", "head", "div", "span", "h1", "h5",
        "h6", "details", "summary", "marquee", "plaintext", "noembed", "noframes",
        "foreignObject", "annotation-xml", "mglyph", "malignmark", "mtext",
        "animate", "set", "use", "image", "listing", "applet", "param", "bgsound",
        "keygen", "dialog", "slot", "portal", "caption", "col", "colgroup",
        "tfoot", "sup", "sub", "u", "i", "b", "s", "del", "ins", "mark", "q",
        "cite", "dfn", "kbd", "samp", "var", "small", "big", "font", "center",
        "tt", "xss", "ScRiPt", "IMG", "A", "sCrIpT", "TABLE", "Pre",
    }
)  # fmt: skip
ATTRIBUTE_NAMES = [
    "href", "src", "title", "scope", "style", "class", "id", "onclick",
    "onerror", "onload", "OnMouseOver", "onfocus", "onanimationstart", "onbegin",
    "formaction", "action", "xlink:href", "srcdoc", "data", "lang", "rel",
    "target", "background", "poster", "dynsrc", "lowsrc", "ping", "srcset",
    "data-x", "autofocus", "http-equiv", "content", "name", "value", "type",
    "for", "form", "open", "is", "HREF", "Title",
]  # fmt: skip
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "background",
    "poster",
    "dynsrc",
    "lowsrc",
    "ping",
    "data",
    "cite",
}
SCHEMES = [
    "http:", "https:", "HTTPS:", "mailto:", "MAILTO:", "javascript:",
    "JaVaScRiPt:", "vbscript:", "data:", "DaTa:", "file:", "ftp:", "tel:",
    "blob:", "about:", "ws:", "jav&#x09;ascript:", "jav&#9;ascript:",
    "jav\tascript:", "java\nscript:", "java&#10;script:", "java&NewLine;script:",
    "&#106;avascript:", "&#x6a;avascript:", "javascript&colon;",
    "javascript&#58;", "javascript&#x3A;", " javascript:", "\x01javascript:",
    "\x00javascript:", "//", "/", "./", "../", "#", "?", "",
]  # fmt: skip
ENTITIES = [
    "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#0;", "&#x3c;", "&#60;",
    "&nbsp;", "&colon;", "&Tab;", "&NewLine;", "&#x09;", "&#9999999;",
    "&unknown;", "&lt", "&amp", "&#x;", "&#",
]  # fmt: skip
TEXT = st.text(
    alphabet=st.sampled_from(list("abc XYZ<>&\"'=/:;!-\n\t\r`é€\x00\x0b")),
    max_size=12,
)


@st.composite
def attribute(draw):
    name = draw(st.sampled_from(ATTRIBUTE_NAMES))
    if name in URL_ATTRIBUTES or draw(st.booleans()):
        value = draw(st.sampled_from(SCHEMES)) + draw(TEXT)
    else:
        value = draw(st.one_of(TEXT, st.sampled_from(ENTITIES)))
    style = draw(st.sampled_from(["double", "single", "bare", "none"]))
    if style == "none":
        return f" {name}"
    if style == "bare":
        return f" {name}={value}"
    quote = '"' if style == "double" else "'"
    return f" {name}={quote}{value}{quote}"


@st.composite
def element(draw, children):
    tag = draw(st.sampled_from(TAGS))
    attributes = "".join(draw(st.lists(attribute(), max_size=3)))
    inner = "".join(draw(st.lists(children, max_size=4)))
    ending = draw(st.sampled_from(["close", "close", "none", "self", "other"]))
    if ending == "self":
        return f"<{tag}{attributes}/>{inner}"
    if ending == "none":
        return f"<{tag}{attributes}>{inner}"
    if ending == "other":
        return f"<{tag}{attributes}>{inner}</{draw(st.sampled_from(TAGS))}>"
    return f"<{tag}{attributes}>{inner}</{tag}>"


LEAVES = st.one_of(
    TEXT,
    st.sampled_from(ENTITIES),
    st.sampled_from(
        [
            "<!-- c -->",
            "<!--",
            "-->",
            "<![CDATA[<script>alert(1)</script>]]>",
            "<!DOCTYPE html>",
            "<?php x ?>",
            "</p>",
            "<",
            "</",
            "<a",
        ]
    ),
)
DOCUMENTS = st.recursive(LEAVES, lambda children: element(children), max_leaves=24)


def url_scheme(url):
    """Return the scheme a browser would read from ``url``, or "" if relative.

    Browsers strip leading and trailing C0 controls and spaces and drop every
    tab and newline before they look for the scheme.
    """
    url = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(0x21))))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", url)
    return match.group(1).lower() if match else ""


class Inspector(HTMLParser):
    """Collect every way a fragment breaks the allowlist."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        allowed = ALLOWED_ATTRIBUTES.get(tag, frozenset()) | (
            {"rel"} if tag == "a" else set()
        )
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name} on <{tag}>")
            if name not in allowed:
                self.problems.append(f"attribute {name} on <{tag}>")
            if name == "rel" and value != LINK_REL:
                self.problems.append(f"rel={value!r}")
            if name in URL_ATTRIBUTES and value is not None:
                scheme = url_scheme(value)
                if scheme and scheme not in ALLOWED_URL_SCHEMES:
                    self.problems.append(f"{scheme}: in {name} on <{tag}>")

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.problems.append("comment")


def violations(document):
    clean = sanitise_html(document)
    inspector = Inspector()
    inspector.feed(clean)
    inspector.close()
    problems = inspector.problems
    if sanitise_html(clean) != clean:
        problems.append("not idempotent")
    return problems


@pytest.fixture
def r13_counts(reliability_report):
    counts = {"documents": 0, "violations": 0}
    started = time.perf_counter()
    yield counts
    reliability_report(
        f"R13 sanitiser: {counts['documents']} documents, "
        f"{counts['violations']} violations "
        f"({time.perf_counter() - started:.1f} s)"
    )


@pytest.mark.slow
def test_sanitiser_output_keeps_to_the_allowlist_and_is_idempotent(r13_counts):
    @settings(
        max_examples=5000,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(document=DOCUMENTS)
    def check(document):
        r13_counts["documents"] += 1
        problems = violations(document)
        r13_counts["violations"] += bool(problems)
        assert problems == [], (document, sanitise_html(document))

    check()

    assert r13_counts["documents"] >= 5000


MARKDOWN_LINES = st.lists(
    st.one_of(
        DOCUMENTS,
        st.builds("[{}]({}{})".format, TEXT, st.sampled_from(SCHEMES), TEXT),
        st.builds("<{}{}>".format, st.sampled_from(SCHEMES), TEXT),
        st.sampled_from(
            ["# ", "## ", "- ", "1. ", "> ", "    ", "| a | b |", "---"]
        ).map(lambda prefix: prefix + "text"),
    ),
    max_size=6,
).map("\n".join)


@pytest.mark.slow
@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=MARKDOWN_LINES)
def test_rendered_markdown_keeps_to_the_allowlist(text):
    inspector = Inspector()

    inspector.feed(render_markdown(text))
    inspector.close()

    assert inspector.problems == []
