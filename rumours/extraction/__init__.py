"""Claims from copy (#14): proposals of structured claims from a story's text.

``propose_claims(text)`` reads plain text or Markdown and returns
``Proposal``s: what the default engine, ``RuleProposer``, finds in it. Any
engine offering ``propose(text, reported_on=...)`` (the ``Proposer``
protocol) can stand in its place. Nothing is saved. This part imports only
the domain (``rumours.models``).
"""

from .engine import RuleProposer
from .gazetteer import current_gazetteer, gazetteer_from_database
from .money import Amount, find_amounts
from .proposals import Party, Proposal, Proposer

__all__ = [
    "Amount",
    "Party",
    "Proposal",
    "Proposer",
    "RuleProposer",
    "current_gazetteer",
    "find_amounts",
    "gazetteer_from_database",
    "propose_claims",
]


def propose_claims(text, *, reported_on=None, proposer=None):
    """Return what ``proposer`` (by default the rule engine) finds in ``text``."""
    return (proposer or RuleProposer()).propose(text, reported_on=reported_on)
