"""JSON written by orjson for bodies made of plain JSON values (#19).

DRF's ``JSONRenderer`` writes through the standard library's encoder;
orjson writes the same bytes for strings, integers, booleans, nulls, lists
and objects (key order kept, non-ASCII left as it is, the same escapes),
tens of times faster (``bench/README.md``). Only the claims and stories use
it: ``claim_representations`` and ``article_representations`` write their
bodies, and leave no float, time or decimal for the two encoders to write
differently.
"""

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

# DRF escapes these two for JavaScript; orjson, as JSON allows, does not.
LINE_SEPARATORS = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"))
# Anything orjson cannot write alone (a lazy string, a time) goes to DRF's
# encoder, as it would have.
OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


class PlainJSONRenderer(JSONRenderer):
    """``JSONRenderer``'s bytes for plain values, written by orjson.

    Compact and unescaped, as the settings ask (``COMPACT_JSON``,
    ``UNICODE_JSON``); an indented answer is left to DRF.
    """

    def render(self, data, accepted_media_type=None, renderer_context=None):
        indented = self.get_indent(accepted_media_type, renderer_context or {})
        if (
            data is None
            or indented is not None
            or not self.compact
            or self.ensure_ascii
        ):
            return super().render(data, accepted_media_type, renderer_context)
        try:
            body = orjson.dumps(data, default=JSONEncoder().default, option=OPTIONS)
        except orjson.JSONEncodeError:
            # An integer past 64 bits, say: the standard library writes it.
            return super().render(data, accepted_media_type, renderer_context)
        for character, escaped in LINE_SEPARATORS:
            body = body.replace(character, escaped)
        return body
