"""Claims from copy (#14): the proposals an editor accepted, saved in one go.

The review screen hands over each accepted proposal as an ``AcceptedClaim``
(the parties as rows, or as ``NewName``s for names the newsroom does not
hold yet). ``accept_proposals()`` saves all of them or none. It never
changes the story's status: a reporter's claims land on her draft, and only
an editor publishes.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ..models import Article, Attribution, Club, Player, TransferClaim, roles
from ..models.history import acting_user
from ..models.roles import require
from .subjects import sync_article_subjects

ADD_CLAIM = "rumours.add_transferclaim"
ADD_PLAYER = "rumours.add_player"
ADD_CLUB = "rumours.add_club"
MAY_NOT_ADD_CLAIMS = "You may not add claims to “{headline}”."
MAY_NOT_ADD_PLAYER = (
    "“{name}” is not in the newsroom, and you may not add players: pick a "
    "known player, or ask an editor to add him."
)
MAY_NOT_ADD_CLUB = (
    "“{name}” is not in the newsroom, and you may not add clubs: pick a known "
    "club, describe the side instead, or ask an editor to add it."
)
UNTITLED = "Claims from copy, {day:%d %B %Y}"


@dataclass(frozen=True)
class NewName:
    """A player or club the copy names and the newsroom does not hold yet."""

    name: str
    position: str = ""  # a new player's position, when the editor gives it


@dataclass
class AcceptedClaim:
    """One proposal as the editor accepted it: the claim's fields, parties as rows."""

    player: object  # Player or NewName
    claim_type: str
    quote: str
    from_club: object = None  # Club, NewName or None
    from_described: str = ""
    to_club: object = None
    to_described: str = ""
    deal_type: str = ""
    source: object = None  # Source or None
    amounts: list = field(default_factory=list)  # unsaved ClaimAmount rows
    replaces: object = None  # Player or None
    attributions: list = field(default_factory=list)  # [(Source, role)]
    from_competition: object = None  # a described side's Competition
    from_country: str = ""
    to_competition: object = None
    to_country: str = ""
    event_date: object = None
    event_precision: str = ""


def may_create(user, value, permission):
    """Return True unless ``value`` is a ``NewName`` ``user`` may not add."""
    return not isinstance(value, NewName) or user is None or user.has_perm(permission)


@transaction.atomic
def accept_proposals(*, article, accepted, user):
    """Save the ``accepted`` claims on ``article``; return the claims saved.

    ``article`` may be unsaved (a pasted paragraph with no story yet): it is
    saved first as a draft by ``user``. Names new to the newsroom are
    created once each, if ``user`` may add players or clubs; otherwise
    PermissionDenied, and nothing is saved. Each row is validated with
    ``full_clean()`` and saved under ``user`` in its history. The story's
    status is left as it is.
    """
    if article.pk is None:
        article = _draft_story(article, user)
    elif user is not None and not roles.may_edit_article(user, article):
        raise PermissionDenied(MAY_NOT_ADD_CLAIMS.format(headline=article.headline))
    require(user, ADD_CLAIM, MAY_NOT_ADD_CLAIMS.format(headline=article.headline))
    made = {}
    saved = []
    with acting_user(user):
        for item in accepted:
            saved.append(_save_claim(article, item, user, made))
    sync_article_subjects(article)
    return saved


def _draft_story(article, user):
    article.status = Article.Status.DRAFT
    article.published_at = None
    article.author = user
    article.headline = article.headline or UNTITLED.format(day=timezone.now())
    article.slug = article.slug or _free_slug(Article, article.headline)
    article.full_clean()
    with acting_user(user):
        article.save()
    return article


def _save_claim(article, item, user, made):
    from_club = _club(item.from_club, user, made)
    claim = TransferClaim(
        article=article,
        player=_player(item.player, from_club, user, made),
        from_club=from_club,
        from_described=item.from_described,
        to_club=_club(item.to_club, user, made),
        to_described=item.to_described,
        claim_type=item.claim_type,
        deal_type=item.deal_type,
        source=item.source,
        quote=item.quote,
        reported_at=article.published_at or timezone.now(),
        replaces=item.replaces,
        from_competition=item.from_competition,
        from_country=item.from_country,
        to_competition=item.to_competition,
        to_country=item.to_country,
        event_date=item.event_date,
        event_precision=item.event_precision,
    )
    claim.full_clean()
    claim.save()
    for position, row in enumerate(item.amounts):
        _save_row(row, claim, position)
    for position, (source, role) in enumerate(item.attributions):
        _save_row(Attribution(source=source, role=role), claim, position)
    return claim


def _save_row(row, claim, position):
    row.claim, row.position = claim, position
    row.full_clean()
    row.save()


def _player(value, club, user, made):
    if not isinstance(value, NewName):
        return value
    if not may_create(user, value, ADD_PLAYER):
        raise PermissionDenied(MAY_NOT_ADD_PLAYER.format(name=value.name))
    return _once(
        made,
        Player,
        value.name,
        checker_needed=_needs_check(user),
        primary_position=value.position,
        current_club=club,
    )


def _club(value, user, made):
    if not isinstance(value, NewName):
        return value
    if not may_create(user, value, ADD_CLUB):
        raise PermissionDenied(MAY_NOT_ADD_CLUB.format(name=value.name))
    return _once(
        made,
        Club,
        value.name,
        checker_needed=_needs_check(user),
        short_name=value.name,
    )


def _needs_check(user):
    return user is not None and not roles.can_publish(user)


def _once(made, model, name, *, checker_needed, **fields):
    """Return the ``model`` row called ``name`` made by this call, making it once."""
    key = (model, name.casefold())
    if key not in made:
        row = model(name=name, slug=_free_slug(model, name), **fields)
        row.needs_check = checker_needed  # an editor confirms a reporter's name
        row.full_clean()
        row.save()
        made[key] = row
    return made[key]


def _free_slug(model, name):
    base = slugify(name)[:100] or "item"
    slug, number = base, 1
    while model._default_manager.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
