"""The format's name, version and the fields of each item, in the order written.

docs/interchange.md documents each field; the exporter writes them in this
order and the importer refuses any other key.
"""

FORMAT = "transfer-desk-newsroom"
VERSION = 2
# Version 1 is version 2 without claims' attributions and event dates,
# articles' originals and players' agents: it reads as is. A claim's
# described sides, free agency and links came later within version 2, as
# keys whose defaults keep older files' meaning.
READABLE_VERSIONS = (1, 2)

KINDS = ("competitions", "clubs", "players", "sources", "articles", "squad_targets")
DOCUMENT_FIELDS = ("format", "version", *KINDS)

COMPETITION_FIELDS = ("name", "slug", "country")
CLUB_FIELDS = (
    "name",
    "short_name",
    "slug",
    "aliases",
    "competition",
    "country",
    "roles",
    "crest",
)
# Read as well: v1 and older v2 files give a head coach's name, no roles.
CLUB_READ_FIELDS = (*CLUB_FIELDS, "head_coach")
ROLE_FIELDS = ("role", "name", "person", "started_on", "ended_on")
PLAYER_FIELDS = (
    "name",
    "slug",
    "date_of_birth",
    "nationality",
    "primary_position",
    "secondary_positions",
    "current_club",
    "previous_club",
    "fitness",
    "fitness_note",
    "agent",
    "picture",
)
SOURCE_FIELDS = (
    "name",
    "slug",
    "kind",
    "outlet",
    "country",
    "language",
    "reliability_tier",
)
ARTICLE_FIELDS = (
    "headline",
    "slug",
    "standfirst",
    "body",
    "status",
    "published_at",
    "updated_at",
    "author",
    "original",
    "hero_image",
    "clubs",
    "players",
    "claims",
)
AUTHOR_FIELDS = ("username", "name")
HERO_IMAGE_FIELDS = ("file", "credit", "caption", "alt")
CREST_FIELDS = ("file",)
PLAYER_PICTURE_FIELDS = ("file", "credit")
ORIGINAL_FIELDS = ("source", "url", "published_at")
CLAIM_FIELDS = (
    "player",
    "from_club",
    "from_described",
    "free_agent",
    "to_club",
    "to_described",
    "claim_type",
    "occurrence",
    "deal_type",
    "amounts",
    "source",
    "attributions",
    "quote",
    "reported_at",
    "event",
    "replaces",
    "answers",
    "swap_with",
    "outcome",
    "resolved_at",
    "resolution",
)
DESCRIBED_FIELDS = ("text", "competition", "country")
RESOLUTION_FIELDS = ("note", "evidence_article", "evidence_url")
ANSWERS_FIELDS = ("article", "claim")
# What a claim item may hold: the fields export writes, and an older file's fee.
CLAIM_READ_FIELDS = (*CLAIM_FIELDS, "fee")
FEE_FIELDS = ("amount", "currency", "upper_amount", "add_ons")
AMOUNT_FIELDS = (
    "kind",
    "amount",
    "upper_amount",
    "currency",
    "qualifier",
    "converted_amount",
    "converted_currency",
    "period",
)
EVENT_FIELDS = ("date", "precision")
ATTRIBUTION_FIELDS = ("source", "role")
# A squad note (#13): "kind", "noted_on" and "source" are new in v2 and
# optional; without them an item is the undated target older files hold.
SQUAD_TARGET_FIELDS = (
    "club",
    "position",
    "kind",
    "target_count",
    "note",
    "noted_on",
    "article",
    "source",
)

# Where a model field sits in an item of the file, when not under its own name.
# "" is the item itself.
FIELD_PATHS = {
    "clubs": {
        "crest": "crest.file",
        "crest_width": "crest.file",
        "crest_height": "crest.file",
    },
    "players": {
        "picture": "picture.file",
        "picture_width": "picture.file",
        "picture_height": "picture.file",
        "picture_credit": "picture.credit",
    },
    "articles": {
        "hero_image": "hero_image.file",
        "hero_width": "hero_image.file",
        "hero_height": "hero_image.file",
        "hero_credit": "hero_image.credit",
        "hero_caption": "hero_image.caption",
        "hero_alt": "hero_image.alt",
        "original_source": "original.source",
        "original_url": "original.url",
        "original_published_at": "original.published_at",
        "revised_at": "updated_at",
    },
    "claims": {
        "article": "",
        "event_date": "event.date",
        "event_precision": "event.precision",
        **{
            f"{side}_{name}": f"{side}_described.{part}"
            for side in ("from", "to")
            for name, part in (
                ("described", "text"),
                ("competition", "competition"),
                ("country", "country"),
            )
        },
        "resolution_note": "resolution.note",
        "evidence_article": "resolution.evidence_article",
        "evidence_url": "resolution.evidence_url",
    },
    "aliases": {"name": "", "club": ""},
    "authors": {"first_name": "name", "last_name": "name", "password": ""},
}
# Not compared when deciding whether a stored row is unchanged.
