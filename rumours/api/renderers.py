"""JSON that says it is UTF-8 (R6).

DRF's ``JSONRenderer`` leaves the charset out of ``Content-Type`` (JSON is
UTF-8 by definition), but proxies and older clients guess otherwise; every
text body of the product names its charset.
"""

from rest_framework.renderers import JSONRenderer


class UTF8JSONRenderer(JSONRenderer):
    charset = "utf-8"
