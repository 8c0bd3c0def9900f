"""Copy as the rules read it: folded for matching, cut into sentences.

Every rule matches against ``fold(text)``, which has exactly one character
for each character of the copy: accents dropped (“Drăgușin” reads
“dragusin”), lower case, curly quotes straight. So an offset found in the
folded text is the offset in the copy, and a UI can highlight the words a
proposal came from without a map between the two.
"""

import re
import unicodedata
from dataclasses import dataclass

QUOTES = {"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "–": "-", "—": "-"}


def fold_char(char):
    """Return one lower-case character standing for ``char`` without its accents."""
    if char in QUOTES:
        return QUOTES[char]
    if char.isascii():
        return char.lower()
    base = "".join(
        part
        for part in unicodedata.normalize("NFKD", char)
        if not unicodedata.combining(part)
    )
    # One character for one, so offsets survive: "ß" reads "s", "Æ" reads "a".
    return (base or char)[0].lower()


def fold(text):
    """Return ``text`` lower-cased without accents, one character per character."""
    return "".join(map(fold_char, text))


@dataclass(frozen=True)
class Sentence:
    """One sentence of the copy: its text, where it sits, and its paragraph."""

    text: str
    start: int
    end: int
    paragraph: int

    def as_dict(self):
        return {"text": self.text, "start": self.start, "end": self.end}


# A sentence ends at . ! ? (and a closing quote) before a space and a capital,
# a digit or a quote, unless the full stop ends a short abbreviation.
SENTENCE_END = re.compile(r"[.!?]+['\"’”)]*(?=\s+[\"'‘“(]?[A-Z0-9À-Ý£€$])")
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "no", "vs", "v", "jr", "sr", "fc"}
# Markdown lines that hold no sentence: table rows and rules, fences.
SKIPPED_LINE = re.compile(r"^\s*(\||-{3,}|```|<!--)")
MARKDOWN_LEAD = re.compile(r"^\s*(#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)")


def split_sentences(text):
    """Return the copy's ``Sentence``s in order; table rows are skipped.

    Paragraphs are blocks between blank lines; a heading or a list item is a
    paragraph of its own line. Markdown's leading marks (``#``, ``-``, ``>``)
    are left out of the sentence, so its offsets point at words.
    """
    sentences = []
    paragraph = 0
    offset = 0
    previous_blank = True
    for line in text.splitlines(keepends=True):
        start, stripped = offset, line.rstrip("\r\n")
        offset += len(line)
        if not stripped.strip() or SKIPPED_LINE.match(stripped):
            previous_blank = True
            continue
        lead = MARKDOWN_LEAD.match(stripped)
        if previous_blank or lead:
            paragraph += 1
        previous_blank = bool(lead)
        skip = lead.end() if lead else 0
        sentences.extend(_sentences_of_line(stripped, start, skip, paragraph))
    return sentences


def _sentences_of_line(line, line_start, skip, paragraph):
    cut = skip
    for match in SENTENCE_END.finditer(line):
        if match.start() < cut:
            continue
        word = re.search(r"(\w+)$", line[cut : match.start()])
        if word and match.group().startswith(".") and _is_abbreviation(word.group(1)):
            continue
        yield from _sentence(line, line_start, cut, match.end(), paragraph)
        cut = match.end()
    yield from _sentence(line, line_start, cut, len(line), paragraph)


def _is_abbreviation(word):
    return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def _sentence(line, line_start, start, end, paragraph):
    piece = line[start:end]
    lead = len(piece) - len(piece.lstrip())
    body = piece.strip()
    if body:
        first = line_start + start + lead
        yield Sentence(body, first, first + len(body), paragraph)


# Where one sentence holds two statements: "Milan want him, while Roma ...".
CLAUSE_BREAK = re.compile(
    r";|,?\s+(?:while|whereas|but|although|though|meanwhile)\s+|\s+-\s+|,\s+and\s+"
)


def split_clauses(folded_sentence):
    """Return ``(start, end)`` of each clause of a folded sentence."""
    spans, cut = [], 0
    for match in CLAUSE_BREAK.finditer(folded_sentence):
        spans.append((cut, match.start()))
        cut = match.end()
    spans.append((cut, len(folded_sentence)))
    return [(start, end) for start, end in spans if end > start]
