"""Serializer fields the API's objects share: page links and optional choices."""

import re

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

# A path ``build_absolute_uri`` would only prefix: from the root, with no
# "." or ".." segment and only characters ``iri_to_uri`` leaves as they are.
PLAIN_PATH = re.compile(r"/(?!/)[A-Za-z0-9_.~/#%\[\]=:;$&()+,!?*@'-]*")


def absolute(request, path):
    """Return ``path`` as an absolute URL of this site.

    A plain path is put after the site's root, read once a request: a list
    of twenty claims holds some 140 links, and building each in full was a
    seventh of writing them (#19). Any other is left to Django.
    """
    if request is None:
        return path
    if PLAIN_PATH.fullmatch(path) and "/./" not in path and "/../" not in path:
        return site_root(request) + path
    return request.build_absolute_uri(path)


def site_root(request):
    """Return this site's address as ``request`` reached it, without the slash."""
    try:
        return request.partner_site_root
    except AttributeError:
        root = request.build_absolute_uri("/").removesuffix("/")
        request.partner_site_root = root
        return root


@extend_schema_field(OpenApiTypes.URI)
class WebUrlField(serializers.Field):
    """The absolute URL of the object's page on the reader site."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("help_text", "The page about it on the reader site.")
        super().__init__(**kwargs)

    def to_representation(self, value):
        return absolute(self.context.get("request"), value.get_absolute_url())


class BlankAsNullChoiceField(serializers.ChoiceField):
    """A choice that may be unset: "" in the database, null in the API."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return None if value in ("", None) else super().to_representation(value)
