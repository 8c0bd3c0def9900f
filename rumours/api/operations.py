"""What each operation of the partner API says of itself in the schema (#17).

One summary and one description per operation, so the Swagger UI and a
generated client tell a partner what the call is for and what to expect,
plus example responses where a partner starts: the claims list (a widget)
and the changes feed (a sync job).
"""

from drf_spectacular.utils import OpenApiExample, extend_schema

LIST_NOTE = (
    " Cursor-paginated: follow `next` (`page_size` up to 100). Every response "
    "carries `ETag` and `Last-Modified`; ask again with `If-None-Match` for a "
    "304 when nothing changed."
)

OPERATIONS = {
    "articles-list": (
        "Published stories, newest first",
        "Every published story with its claims embedded, in words and with "
        "links (`url`, `web_url`). Filter by club, player, competition, "
        "source or claim type; `updated_since` for a quick refresh, but "
        "`changes/` is the way to stay in sync." + LIST_NOTE,
    ),
    "articles-detail": (
        "One published story, by slug",
        "The story with its byline, times, body as safe HTML, hero picture "
        "renditions, the report it is based on and its claims. A story taken "
        "down answers 404 (and is a delete in `changes/`).",
    ),
    "claims-list": (
        "Claims of published stories, newest first",
        "The rumours themselves: each claim with its `sentence` (“Napoli are "
        "negotiating for Carlos Baleba”), `claim_type_label`, "
        "`attribution_text`, `amounts_display`, `outcome_label` and `url`, "
        "so a widget needs no label map. `current=true` keeps the claims "
        "still news." + LIST_NOTE,
    ),
    "claims-detail": (
        "One claim of a published story, by id",
        "A claim with its parties, stage, money, attribution chain, event "
        "date, lapse and outcome.",
    ),
    "players-list": (
        "Players, by name",
        "Players with their positions, clubs and agents; filter by club, "
        "competition, position or position group." + LIST_NOTE,
    ),
    "players-detail": (
        "One player, by slug",
        "A player's profile, his picture's renditions and his page's `url`.",
    ),
    "clubs-list": (
        "Clubs, by name",
        "Clubs with their aliases, competition, staff and crest; filter by "
        "competition." + LIST_NOTE,
    ),
    "clubs-detail": ("One club, by slug", "A club, its staff today and its crest."),
    "clubs-squad": (
        "A club's squad needs against its surplus, position by position",
        "The squad page as data: per position the specialists, cover, squad "
        "notes with their history, balance, rumours in and out, and "
        "`what_if`: where it stands after each rumoured move in turn.",
    ),
    "sources-list": (
        "Sources, by name",
        "Outlets, journalists, agents and officials with their tier and "
        "track record (share of resolved claims proved true, with its 95% "
        "interval once there are enough)." + LIST_NOTE,
    ),
    "sources-detail": (
        "One source, by slug",
        "A source, its tier and its track record: whole, and in `records` by "
        "kind of claim, by club, by competition and as a relay of others' claims.",
    ),
    "competitions-list": ("Competitions, by name", "Every competition." + LIST_NOTE),
    "competitions-detail": ("One competition, by slug", "A competition."),
    "changes": (
        "Everything to apply to stay in sync, in order",
        "Light entries, oldest first: an `upsert` says fetch `url` and store "
        "it, a `delete` says take the item down. Start without `since`, then "
        "follow `next` until `up_to_date`; keep the last `next` and ask it "
        "again later. One entry per edited claim; a story's edit does not "
        "resend its claims.",
    ),
    "calibration": (
        "How the desk's likelihoods fared on resolved moves",
        "Every move whose claims are all settled, replayed as it stood before "
        "the outcome: per band of likelihood, how many there were and how many "
        "happened, and the Brier score, over all of them and per quarter (the "
        "eight latest). The method is at `method`; figures are worked out at "
        "most every 15 minutes.",
    ),
    "market": (
        "Positions where clubs are short or long, joined by open rumours",
        "The market board as data: per position, the clubs short and long "
        "there (eight each and how many more), the players on the market, "
        "and the open rumours between them, those meeting a need at one end "
        "and a surplus at the other first.",
    ),
}

CLAIMS_EXAMPLE = OpenApiExample(
    "A widget's page of claims (some fields left out)",
    response_only=True,
    value={
        "next": "https://desk.example/api/v1/claims/?cursor=cD0yMDI2…%3Aq1X…",
        "previous": None,
        "results": [
            {
                "id": 8,
                "sentence": "AC Milan have made an enquiry for Radu Dragusin",
                "claim_type": "enquiry",
                "claim_type_label": "Enquiry",
                "attribution_text": "according to Mirko Di Natale (unrated)",
                "amounts_display": "",
                "outcome_label": "Open",
                "reported_at": "2026-01-08T09:30:00Z",
                "url": "https://desk.example/stories/ac-milan-enquire/#claim-8",
            }
        ],
    },
)

CHANGES_EXAMPLE = OpenApiExample(
    "A sync job's page of changes",
    response_only=True,
    value={
        "next": "https://desk.example/api/v1/changes/?since=eyJ0Ijo…",
        "up_to_date": True,
        "results": [
            {
                "action": "upsert",
                "kind": "claim",
                "id": 8,
                "changed_at": "2026-01-08T09:30:00Z",
                "reason": None,
                "url": "https://desk.example/api/v1/claims/8/",
                "web_url": "https://desk.example/stories/ac-milan-enquire/#claim-8",
            },
            {
                "action": "delete",
                "kind": "article",
                "id": 3,
                "changed_at": "2026-01-08T11:00:00Z",
                "reason": "unpublished",
                "url": None,
                "web_url": None,
            },
        ],
    },
)

EXAMPLES = {"claims-list": [CLAIMS_EXAMPLE], "changes": [CHANGES_EXAMPLE]}


def documented(name, **kwargs):
    """Return ``extend_schema`` with the operation's summary, description, examples."""
    summary, description = OPERATIONS[name]
    return extend_schema(
        summary=summary,
        description=description,
        examples=EXAMPLES.get(name, []),
        **kwargs,
    )
