"""The OpenAPI description of the partner API (#4, R11).

Declares the ``ApiKeyAuth`` scheme for ``ApiKeyAuthentication`` and makes
every operation document the errors it can answer: 400 (a bad parameter,
named), 401 (no key or a wrong one), 403 (a revoked or expired key), 404 and
429 (with ``Retry-After``).
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

SCHEME_NAME = "ApiKeyAuth"


class ApiKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "rumours.api.auth.ApiKeyAuthentication"
    name = SCHEME_NAME

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Your partner key, as `Api-Key <key>`.",
        }


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, and how to fix it.")


PARAMETER_ERRORS_SCHEMA = {
    "type": "object",
    "description": "Each key is a query parameter; its value lists the problems.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


ERROR_RESPONSES = {
    "400": (
        "A query parameter is invalid: the body names it and says why.",
        "parameter_errors",
    ),
    "401": ("No key was sent, or the key is wrong or malformed.", "detail"),
    "403": ("The key has been revoked or has expired.", "detail"),
    "404": ("There is no such published item.", "detail"),
    "429": (
        "Too many requests for this key: wait the seconds in Retry-After.",
        "detail",
    ),
}


class PartnerAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        error = self.resolve_serializer(ErrorSerializer, direction).ref
        for code, (description, kind) in ERROR_RESPONSES.items():
            schema = PARAMETER_ERRORS_SCHEMA if kind == "parameter_errors" else error
            response = {
                "description": description,
                "content": {"application/json": {"schema": schema}},
            }
            if code == "429":
                response["headers"] = {
                    "Retry-After": {
                        "schema": {"type": "integer"},
                        "description": "Seconds to wait before the next request.",
                    }
                }
            responses.setdefault(code, response)
        return responses


# Django's slugs: what a club, player, competition or source is named by.
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
SLUG_PARAMETERS = {"club", "player", "competition", "source"}
# The parameters whose generated schema says less than the server checks.
EXACT_PARAMETERS = {
    "answers": {"type": "integer", "minimum": 1},
    "position_group": {"type": "string", "enum": ["GK", "DF", "MF", "FW"]},
}
TIER_PARAMETERS = {"tier_min", "tier_max", "source_tier_min", "source_tier_max"}


def exact_query_parameters(result, generator, request, public):
    """Say in the schema every constraint the server checks on a parameter (#17).

    A generated client must never be refused a request its schema allows:
    a slug is a slug, a string at least one character (an empty value is
    refused, not ignored), a tier one of the rated tiers. drf-spectacular
    runs this after building the schema (``POSTPROCESSING_HOOKS``).
    """
    for operations in result["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    parameter["schema"] = exact_schema(
                        parameter["name"], parameter["schema"]
                    )
    return result


def exact_schema(name, schema):
    if name in EXACT_PARAMETERS:
        return EXACT_PARAMETERS[name]
    if name in SLUG_PARAMETERS:
        return {"type": "string", "pattern": SLUG_PATTERN}
    if name in TIER_PARAMETERS:
        tiers = [tier for tier in schema.get("enum", []) if tier is not None]
        return {"type": "integer", "enum": tiers}
    plain_string = schema.get("type") == "string" and not (
        {"enum", "pattern", "format", "oneOf"} & set(schema)
    )
    if plain_string:
        return {**schema, "minLength": 1}
    return schema
