"""A named rule: one kind of claim and the wording that makes it (``kind_rules``)."""

from dataclasses import dataclass

TO, FROM, PLAYER = "to", "from", "player"


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    words: tuple  # alternatives, matched from a word's start
    subject: str = TO
    negatable: bool = True

    @property
    def pattern(self):
        return "|".join(self.words)
