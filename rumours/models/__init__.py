"""The transfer-claims domain.

One module a concern: ``football`` (competitions, clubs, players, squad
targets), ``sources``, ``articles`` with their ``corrections``, ``claims``
(their ``claim_terms`` and ``claim_queries``) with their ``attributions``
(relays and speakers), ``amounts`` (fees, prices, wages) and ``lapses`` (how
long an open claim stays news), and ``sync`` (tombstones).
Read models shared by pages and the API sit beside them: ``squad`` (needs
versus surplus) and ``timelines`` (a player's claims by suitor).
"""

from .amounts import ClaimAmount
from .articles import Article
from .attributions import Attribution
from .claims import TransferClaim
from .corrections import Correction
from .football import Club, ClubAlias, Competition, Player, Position, SquadTarget
from .lapses import LapseWindow
from .sources import Source
from .sync import Tombstone

__all__ = [
    "Article",
    "Attribution",
    "ClaimAmount",
    "Club",
    "ClubAlias",
    "Correction",
    "Competition",
    "LapseWindow",
    "Player",
    "Position",
    "Source",
    "SquadTarget",
    "Tombstone",
    "TransferClaim",
]
