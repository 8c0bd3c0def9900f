"""The transfer-claims domain.

One module a concern: ``positions`` (the position vocabulary and its
groups), ``football`` (competitions, clubs, players) with ``club_roles``
(head coaches, directors, presidents, with dates), ``squad_notes``
(targets, needs and surpluses, dated, with history), ``sources``,
``articles`` with their ``corrections``, ``claims``
(their ``claim_terms`` and ``claim_queries``) with their ``attributions``
(relays and speakers), ``amounts`` (fees, prices, wages) and ``lapses`` (how
long an open claim stays news), ``sync`` (tombstones) and ``webhooks``
(partners' subscriptions, events, deliveries and their attempts).
Read models shared by pages and the API sit beside them: ``squad`` (needs
versus surplus) and ``timelines`` (a player's claims by suitor).
"""

from .amounts import ClaimAmount
from .articles import Article
from .attributions import Attribution
from .claims import TransferClaim
from .club_roles import ClubRole
from .corrections import Correction
from .football import Club, ClubAlias, Competition, Player
from .lapses import LapseWindow
from .market_standings import MarketStanding
from .positions import Position
from .source_records import SourceRecord
from .sources import Source
from .squad_notes import SquadNote
from .sync import Tombstone
from .webhooks import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookEventType,
    WebhookSubscription,
)

# Every stored picture, by the model and the field that holds it (#16).
PICTURE_FIELDS = ((Article, "hero_image"), (Club, "crest"), (Player, "picture"))

__all__ = [
    "MarketStanding",
    "SourceRecord",
    "Article",
    "Attribution",
    "ClaimAmount",
    "Club",
    "ClubAlias",
    "ClubRole",
    "Correction",
    "Competition",
    "LapseWindow",
    "PICTURE_FIELDS",
    "Player",
    "Position",
    "Source",
    "SquadNote",
    "Tombstone",
    "TransferClaim",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEvent",
    "WebhookEventType",
    "WebhookSubscription",
]
