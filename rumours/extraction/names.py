"""Find the names a story holds: the newsroom's own, near misses, and new ones.

One pass of the gazetteer's automaton finds every known name; the longest
wins where names overlap ("AC Milan" over "Milan"). A surname alone is a
player when it is unique in context: a player named in full earlier in the
copy, else the only player of the newsroom with that surname, else the one
whose club the same sentence names. A capitalised name the automaton does
not know is compared with the newsroom's names by ``rapidfuzz`` (a typo or
another spelling), and otherwise kept as an unknown name the rules may
propose as a new player or club.
"""

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

# A capitalised name of up to four words, with particles ("van de Ven").
CAPITALISED = re.compile(
    r"(?<![\w'])[A-ZÀ-Ý][\w'.-]*[\w](?:\s+(?:(?:de|da|di|del|dello|della|degli|dei|"
    r"van|von|der|dos|du|des|le)\s+)*"
    r"[A-ZÀ-Ý][\w'-]*\w){0,3}"
)
# Capitalised words that are not names.
NOT_NAMES = {
    "a", "an", "the", "he", "his", "him", "they", "their", "it", "its", "this", "that",
    "these", "those", "there", "in", "on", "at", "for", "from", "to", "of", "and",
    "but", "or", "as", "after", "before", "with", "without", "by", "according", "via",
    "per", "sources", "source", "reports", "report", "understands", "meanwhile",
    "however", "while", "although", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "summer",
    "winter", "breaking", "exclusive", "official", "update", "here", "we", "go",
    "done", "deal", "club", "clubs", "serie", "premier", "league", "bundesliga",
    "liga", "ligue", "transfer", "news", "i", "if", "when", "where", "what", "who",
    "why", "how", "all", "both", "one", "two", "three", "our", "my", "your", "said",
    "says", "told", "sky", "sport", "sports",
}  # fmt: skip
FUZZY_CUTOFF = 88


@dataclass(frozen=True)
class Mention:
    """A name in the copy: where, which row (None when new), and how it was found."""

    kind: str  # player, club, source, competition, country, unknown
    entity: object  # an Entity, or None for an unknown name
    start: int
    end: int
    text: str
    how: str  # name, alias, short, surname, fuzzy, abbreviation, unknown
    possessive: bool = False


def find_mentions(gazetteer, text, folded, sentences):
    """Return every ``Mention`` in the copy, in order."""
    spans = _longest_matches(gazetteer, text, folded)
    mentions, named = [], set()
    for start, end, refs in spans:
        mention = _resolve(gazetteer, text, folded, start, end, refs, named, sentences)
        if mention is not None:
            mentions.append(mention)
            if mention.kind == "player" and mention.how != "surname":
                named.add(mention.entity.id)
    mentions.extend(_unknown_names(gazetteer, text, folded, mentions, named))
    return sorted(mentions, key=lambda mention: mention.start)


def _longest_matches(gazetteer, text, folded):
    found = []
    if not len(gazetteer.automaton):
        return found  # A newsroom with no names yet: an empty automaton.
    for end_index, (length, refs) in gazetteer.automaton.iter(folded):
        start, end = end_index - length + 1, end_index + 1
        if (
            _at_word_boundaries(folded, start, end)
            and _capitalised(text, start)
            and (
                folded[start:end] not in gazetteer.acronyms or text[start:end].isupper()
            )
        ):
            found.append((start, end, refs))
    found.sort(key=lambda match: (match[0] - match[1], match[0]))
    taken, kept = [], []
    for start, end, refs in found:
        if all(end <= s or start >= e for s, e in taken):
            taken.append((start, end))
            kept.append((start, end, refs))
    return sorted(kept)


def _at_word_boundaries(folded, start, end):
    before = folded[start - 1] if start else " "
    after = folded[end] if end < len(folded) else " "
    return not before.isalnum() and not after.isalnum()


def _capitalised(text, start):
    return text[start].isupper() or text[start].isdigit()


def _possessive(folded, end):
    return folded[end : end + 2] == "'s" or (
        folded[end : end + 1] == "'" and folded[end - 1 : end] == "s"
    )


def _resolve(gazetteer, text, folded, start, end, refs, named, sentences):
    kind, id, how = refs[0]
    if how == "surname":
        id = _player_by_surname(gazetteer, folded, start, end, refs, named, sentences)
        if id is None:
            return None
    entity = gazetteer.entity(kind, id)
    return Mention(
        kind, entity, start, end, text[start:end], how, _possessive(folded, end)
    )


def _player_by_surname(gazetteer, folded, start, end, refs, named, sentences):
    candidates = gazetteer.surnames.get(folded[start:end], set())
    earlier = candidates & named
    if len(earlier) == 1:
        return next(iter(earlier))
    if len(candidates) == 1:
        return next(iter(candidates))
    sentence = next((s for s in sentences if s.start <= start < s.end), None)
    if sentence is None:
        return None
    clubs = {
        ref[1]
        for _, (_, found) in gazetteer.automaton.iter(
            folded[sentence.start : sentence.end]
        )
        for ref in found
        if ref[0] == "club"
    }
    at_club = [
        id for id in candidates if gazetteer.entity("player", id).club_id in clubs
    ]
    return at_club[0] if len(at_club) == 1 else None


def _unknown_names(gazetteer, text, folded, mentions, named):
    taken = [(mention.start, mention.end) for mention in mentions]
    choices = gazetteer.fuzzy_names
    for match in CAPITALISED.finditer(text):
        start, end = _trim_leading_stopwords(folded, match.start(), match.end())
        if start >= end or any(start < e and end > s for s, e in taken):
            continue
        if folded[start:end] in NOT_NAMES or end - start < 3:
            continue
        found = process.extractOne(
            folded[start:end], choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        if found is not None and end - start >= 5:
            kind, id = gazetteer.fuzzy_refs[found[2]]
            yield Mention(
                kind,
                gazetteer.entity(kind, id),
                start,
                end,
                text[start:end],
                "fuzzy",
                _possessive(folded, end),
            )
        else:
            yield Mention(
                "unknown",
                None,
                start,
                end,
                text[start:end],
                "unknown",
                _possessive(folded, end),
            )


def _trim_leading_stopwords(folded, start, end):
    while start < end:
        word = re.match(r"[\w'-]+", folded[start:end])
        if word is None or word.group() not in NOT_NAMES:
            break
        start += word.end()
        while start < end and not folded[start].isalnum():
            start += 1
    return start, end
