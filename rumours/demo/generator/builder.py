"""The generator's constants, its saga record and the builder's helpers."""

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.utils.text import slugify

from ...models import (
    Article,
    Club,
    ClubAlias,
    Competition,
    Player,
    Source,
    TransferClaim,
)
from ...models.events import newsroom_bulk_written
from .vocabulary import (
    FIRST_NAMES,
    LAST_NAMES,
)

MESSAGE_NOT_EMPTY = (
    "The database already holds a newsroom ({counts}). generate_newsroom fills "
    "an empty database; point DATABASE_URL at a fresh one, or pass --force to "
    "add the generated newsroom to this one."
)

BATCH_SIZE = 2000
TARGET_NOTES = ["", "", "", "", "Set at the start of the window."]
WINDOW_DAYS = 730  # two years of transfer windows before the anchor
CLUBS_PER_COMPETITION = 20
LAPSE_DAYS = 45  # a saga with no news for this long has lapsed
REPORTERS = 12


@dataclass
class Saga:
    """One player's move (or non-move) as a list of claims, stages in order."""

    player: Player
    from_club: Club | None
    to_club: Club | None
    stages: list
    start: dt.datetime
    deal_type: str = ""
    value: int = 0  # the player's price in the buyer's currency, whole units
    claims: list = field(default_factory=list)


@contextmanager
def given_timestamps(*models):
    """Let ``bulk_create`` store the ``created_at``/``updated_at`` we give.

    ``auto_now`` and ``auto_now_add`` overwrite them with the time of the
    run; a generated archive needs its own history. Restored on exit.
    """
    fields = [
        model_field
        for model in models
        for model_field in model._meta.concrete_fields
        if getattr(model_field, "auto_now", False)
        or getattr(model_field, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for model_field in fields:
        model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in saved:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


class BuilderBase:
    """Draws the rows in a fixed order from one seeded random generator."""

    def __init__(self, rng, anchor, progress):
        self.rng = rng
        self.anchor = anchor
        self.progress = progress
        self.used_names = {
            name.casefold()
            for name in [
                *Club.objects.values_list("name", flat=True),
                *ClubAlias.objects.values_list("name", flat=True),
            ]
        }
        self.used_slugs = {
            model: set(model.objects.values_list("slug", flat=True))
            for model in (Competition, Club, Player, Source, Article)
        }

    # -- helpers -----------------------------------------------------------

    def slug_for(self, model, text, max_length=120):
        """Return a slug of ``text`` no other ``model`` row has (-2, -3, ...)."""
        base = slugify(text)[: max_length - 8].strip("-") or model._meta.model_name
        slug, number = base, 1
        while slug in self.used_slugs[model]:
            number += 1
            slug = f"{base}-{number}"
        self.used_slugs[model].add(slug)
        return slug

    def save_all(self, model, rows):
        """Insert ``rows`` in batches and return them with their ids."""
        for start in range(0, len(rows), BATCH_SIZE):
            model.objects.bulk_create(rows[start : start + BATCH_SIZE])
            self.progress(len(rows[start : start + BATCH_SIZE]))
        return rows

    def moment(self, start_days, end_days):
        """Return a time between ``start_days`` and ``end_days`` before the anchor."""
        seconds = self.rng.uniform(end_days * 86400, start_days * 86400)
        return self.anchor - dt.timedelta(seconds=int(seconds))

    def person_name(self):
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    # -- the newsroom, in order ---------------------------------------------

    def build(self, clubs, players, articles, claims):
        with given_timestamps(Article, TransferClaim):
            competitions = self.competitions(clubs)
            club_rows = self.clubs(clubs, competitions)
            aliases = self.aliases(club_rows)
            roles = self.club_roles(club_rows)
            player_rows = self.players(players, club_rows)
            targets = self.squad_targets(club_rows)
            sources = self.sources(club_rows)
            reporters = self.reporters()
            sagas = self.sagas(claims, player_rows, club_rows)
            claim_rows = self.claims(sagas, sources, player_rows)
            article_rows = self.articles(articles, claim_rows, club_rows, reporters)
            subjects = self.subjects(article_rows, claim_rows)
        # bulk_create sends no signal: the stories' search documents (#6).
        newsroom_bulk_written.send(
            sender=type(self), article_ids=[article.pk for article in article_rows]
        )
        return {
            "competitions": len(competitions),
            "clubs": len(club_rows),
            "club aliases": len(aliases),
            "club roles": len(roles),
            "players": len(player_rows),
            "squad notes": len(targets),
            "sources": len(sources),
            "articles": len(article_rows),
            "claims": len(claim_rows),
            "article subjects": subjects,
        }
