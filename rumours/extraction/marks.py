"""Where a proposal's names and amounts sit in its sentence, for highlighting.

The review screen (#14) shows each proposal's sentence with the words it was
read from marked: every way the newsroom writes the player, the clubs and the
source (full name, short name, alias, surname), the names new to it, and the
amounts. Offsets are the sentence's own, since ``fold`` keeps one character
for each character of the copy.
"""

import re

from .text import fold


def mention_spans(proposal, gazetteer):
    """Return sorted, non-overlapping ``(start, end)`` spans in the sentence."""
    sentence = proposal.sentence
    folded = fold(sentence.text)
    spans = [
        (amount.start - sentence.start, amount.end - sentence.start)
        for amount in proposal.amounts
        if amount.end > amount.start
    ]
    for name in _names_of(proposal, gazetteer):
        pattern = rf"(?<!\w){re.escape(name)}(?!\w)"
        spans += [
            (found.start(), found.end()) for found in re.finditer(pattern, folded)
        ]
    return _merged(span for span in spans if 0 <= span[0] < span[1] <= len(folded))


def _names_of(proposal, gazetteer):
    parties = [
        proposal.player,
        proposal.from_club,
        proposal.to_club,
        proposal.replaces,
        proposal.chain.source,
    ]
    wanted, names = set(), set()
    for party in filter(None, parties):
        if party.entity is None:
            names.add(fold(party.name))
        else:
            wanted.add((party.entity.kind, party.entity.id))
    for name, refs in gazetteer.names.items():
        if any((kind, id) in wanted for kind, id, *_ in refs):
            names.add(name)
    return sorted(filter(None, names), key=len, reverse=True)


def _merged(spans):
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
