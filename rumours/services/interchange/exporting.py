"""Export the whole newsroom in the interchange format, the same way every time."""

import datetime as dt
import json
from collections import Counter
from pathlib import Path, PurePosixPath

from django.db.models import Prefetch

from rumours.models import (
    Article,
    Club,
    ClubRole,
    Competition,
    Player,
    Source,
    SquadNote,
    TransferClaim,
)
from rumours.models.positions import POSITION_ORDER

from .club_roles import export_roles
from .fields import FORMAT, VERSION
from .references import References

IMAGE_FOLDER = "images"


def export_newsroom(*, image_dir=None):
    """Return the whole newsroom, drafts included, as a document of docs/interchange.md.

    Deterministic, so the same newsroom always gives the same text: lists
    sorted by their keys (claims by report time, then id), times in UTC
    ending in "Z", amounts as strings with two decimals, every field present
    and nulls explicit. References are names that resolve to exactly one
    item on import. With ``image_dir``, each picture is copied under
    ``image_dir/images/`` (a story's as ``<slug>.<ext>``, a crest as
    ``clubs/<slug>.<ext>``, a player's as ``players/<slug>.<ext>``) and the
    JSON names that path; without, ``file`` is null. Twelve queries,
    whatever the newsroom's size.
    """
    competitions = list(Competition.objects.order_by("slug"))
    clubs = list(
        Club.objects.prefetch_related(
            "aliases", Prefetch("roles", queryset=ClubRole.objects.in_order())
        ).order_by("slug")
    )
    players = list(Player.objects.order_by("slug"))
    sources = list(Source.objects.order_by("slug"))
    articles = list(
        Article.objects.select_related("author")
        .prefetch_related(
            "clubs",
            "players",
            Prefetch(
                "claims",
                queryset=TransferClaim.objects.prefetch_related(
                    "attributions", "amounts"
                ).order_by("reported_at", "pk"),
            ),
        )
        .order_by("slug")
    )
    targets = list(SquadNote.objects.all())

    names = References(competitions, clubs, players, sources, articles)
    return {
        "format": FORMAT,
        "version": VERSION,
        "competitions": [export_competition(item) for item in competitions],
        "clubs": [export_club(item, names, image_dir) for item in clubs],
        "players": [export_player(item, names, image_dir) for item in players],
        "sources": [export_source(item, names) for item in sources],
        "articles": [export_article(item, names, image_dir) for item in articles],
        "squad_targets": [
            export_squad_target(item, names)
            for item in sorted(
                targets,
                key=lambda note: (
                    names.club_slugs[note.club_id],
                    POSITION_ORDER[note.position],
                    note.noted_on or dt.date.min,
                    note.kind,
                ),
            )
        ],
    }


def dump_newsroom(data):
    """Return ``data`` as the canonical JSON text: indented, UTF-8, final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def export_time(value):
    return (
        None
        if value is None
        else value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    )


def export_amount(value):
    return None if value is None else f"{value:.2f}"


def export_competition(competition):
    return {
        "name": competition.name,
        "slug": competition.slug,
        "country": competition.country,
    }


def export_club(club, names, image_dir):
    return {
        "name": club.name,
        "short_name": club.short_name,
        "slug": club.slug,
        "aliases": sorted(
            (alias.name for alias in club.aliases.all()),
            key=lambda name: (name.casefold(), name),
        ),
        "competition": club.competition_id and names.competitions[club.competition_id],
        "country": club.country,
        "roles": export_roles(club, names),
        "crest": (
            {"file": picture_file(club.crest, f"clubs/{club.slug}", image_dir)}
            if club.crest
            else None
        ),
    }


def export_player(player, names, image_dir):
    picture = None
    if player.picture or player.picture_credit:
        picture = {
            "file": picture_file(player.picture, f"players/{player.slug}", image_dir),
            "credit": player.picture_credit,
        }
    return {
        "name": player.name,
        "slug": player.slug,
        "date_of_birth": player.date_of_birth and player.date_of_birth.isoformat(),
        "nationality": player.nationality,
        "primary_position": player.primary_position or None,
        "secondary_positions": list(player.secondary_positions or []),
        "current_club": names.club(player.current_club_id),
        "previous_club": names.club(player.previous_club_id),
        "fitness": player.fitness,
        "fitness_note": player.fitness_note,
        "agent": player.agent_id and names.sources[player.agent_id],
        "picture": picture,
    }


def export_source(source, names):
    return {
        "name": source.name,
        "slug": source.slug,
        "kind": source.kind,
        "outlet": source.outlet_id and names.sources[source.outlet_id],
        "country": source.country,
        "language": source.language,
        "reliability_tier": source.reliability_tier,
    }


def export_article(article, names, image_dir):
    claims = list(article.claims.all())
    claim_clubs = {
        pk for claim in claims for pk in (claim.from_club_id, claim.to_club_id)
    }
    claim_players = {
        pk for claim in claims for pk in (claim.player_id, claim.replaces_id)
    }
    other_clubs = [club for club in article.clubs.all() if club.pk not in claim_clubs]
    other_players = [
        player for player in article.players.all() if player.pk not in claim_players
    ]
    author = article.author
    return {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "status": article.status,
        "published_at": export_time(article.published_at),
        "updated_at": export_time(article.revised_at),
        "author": author
        and {"username": author.get_username(), "name": author.get_full_name()},
        "original": export_original(article, names),
        "hero_image": export_hero_image(article, image_dir),
        "clubs": [
            names.club(club.pk) for club in sorted(other_clubs, key=lambda c: c.slug)
        ],
        "players": [
            names.player(player.pk)
            for player in sorted(other_players, key=lambda p: p.slug)
        ],
        "claims": [
            export_claim(claim, names, occurrence)
            for claim, occurrence in zip(claims, occurrences(claims), strict=True)
        ],
    }


def occurrences(claims):
    """Number each claim among those of its story with the same parties and stage.

    1 for the first in report order, 2 for a second bid turned down, ...
    """
    seen = Counter()
    numbers = []
    for claim in claims:
        key = (claim.player_id, claim.from_club_id, claim.to_club_id, claim.claim_type)
        seen[key] += 1
        numbers.append(seen[key])
    return numbers


def export_original(article, names):
    if not article.is_aggregated:
        return None
    return {
        "source": names.sources[article.original_source_id],
        "url": article.original_url,
        "published_at": export_time(article.original_published_at),
    }


def export_hero_image(article, image_dir):
    texts = (article.hero_credit, article.hero_caption, article.hero_alt)
    if not article.hero_image and not any(texts):
        return None
    return {
        "file": picture_file(article.hero_image, article.slug, image_dir),
        "credit": article.hero_credit,
        "caption": article.hero_caption,
        "alt": article.hero_alt,
    }


def picture_file(picture, stem, image_dir):
    """Copy ``picture`` to ``image_dir/images/<stem>.<ext>``; return that path.

    None without a picture, or without an ``image_dir`` to copy it to.
    """
    if not picture or image_dir is None:
        return None
    extension = PurePosixPath(picture.name).suffix.lower() or ".jpg"
    relative = f"{IMAGE_FOLDER}/{stem}{extension}"
    target = Path(image_dir) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with picture.open("rb") as source:
        target.write_bytes(source.read())
    return relative


def export_claim(claim, names, occurrence):
    return {
        "player": names.player(claim.player_id),
        "from_club": names.club(claim.from_club_id),
        "from_described": export_described(claim, "from", names),
        "free_agent": claim.free_agent,
        "to_club": names.club(claim.to_club_id),
        "to_described": export_described(claim, "to", names),
        "claim_type": claim.claim_type,
        "occurrence": occurrence,
        "deal_type": claim.deal_type or None,
        "amounts": [export_claim_amount(row) for row in claim.amounts.all()],
        "source": claim.source_id and names.sources[claim.source_id],
        "attributions": [
            {"source": names.sources[credit.source_id], "role": credit.role}
            for credit in claim.attributions.all()
        ],
        "quote": claim.quote,
        "reported_at": export_time(claim.reported_at),
        "event": claim.event_date
        and {
            "date": claim.event_date.isoformat(),
            "precision": claim.event_precision,
        },
        "replaces": names.player(claim.replaces_id),
        "answers": names.claim(claim.answers_id),
        "swap_with": claim.swap_with_id and names.claim_places[claim.swap_with_id][1],
        "outcome": claim.outcome,
        "resolved_at": export_time(claim.resolved_at),
        # Written only when there is one: files from before #15 stay as they were.
        **export_resolution(claim, names),
    }


def export_resolution(claim, names):
    """Return ``{"resolution": ...}`` for a claim with a note or evidence, else {}."""
    if not (claim.resolution_note or claim.evidence_article_id or claim.evidence_url):
        return {}
    return {
        "resolution": {
            "note": claim.resolution_note,
            "evidence_article": claim.evidence_article_id
            and names.articles[claim.evidence_article_id],
            "evidence_url": claim.evidence_url,
        }
    }


def export_described(claim, side, names):
    """Return one side's description as the story gave it, or None."""
    text = getattr(claim, f"{side}_described")
    if not text:
        return None
    competition = getattr(claim, f"{side}_competition_id")
    return {
        "text": text,
        "competition": competition and names.competitions[competition],
        "country": getattr(claim, f"{side}_country"),
    }


def export_claim_amount(row):
    return {
        "kind": row.kind,
        "amount": export_amount(row.amount),
        "upper_amount": export_amount(row.upper_amount),
        "currency": row.currency or None,
        "qualifier": row.qualifier,
        "converted_amount": export_amount(row.converted_amount),
        "converted_currency": row.converted_currency or None,
        "period": row.period or None,
    }


def export_squad_target(note, names):
    return {
        "club": names.club(note.club_id),
        "position": note.position,
        "kind": note.kind,
        "target_count": note.count,
        "note": note.note,
        "noted_on": note.noted_on and note.noted_on.isoformat(),
        "article": note.article_id and names.articles[note.article_id],
        "source": note.source_id and names.sources[note.source_id],
    }
