"""Reading reader pages in tests: their visible text."""

import re
from html import unescape


def text_of(response):
    """Return the page's visible text, tags removed and spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"</?(?:a|span|strong|em|q|time|abbr)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def section_text(response, element_id):
    """Return the visible text of the element with ``element_id`` alone."""
    html = response.content.decode()
    start = html.index(f'id="{element_id}"')
    tag = html.rfind("<", 0, start)
    name = re.match(r"<(\w+)", html[tag:]).group(1)
    depth, position = 0, tag
    for match in re.finditer(rf"<(/?){name}\b[^>]*>", html[tag:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            position = tag + match.end()
            break

    class Part:
        content = html[tag:position].encode()

    return text_of(Part)
