"""Find the item a reference names, without a query per reference.

A ``Directory`` holds every item of one kind, stored or in the file (the file
wins), under each word that may name it. Words come in tiers, tried in order:
for a club the full name wins over an alias, an alias over the slug, the slug
over a short name. Only a tie within one tier is ambiguous.
"""

from collections import defaultdict

from .errors import describe
from .reading import INVALID, MISSING, Fields, Ref


class Directory:
    def __init__(self, noun, plural, tiers, *, how, hint):
        self.noun = noun
        self.plural = plural
        self.tiers = tiers  # ((tier, ignores case), ...) in order of precedence
        self.ignores_case = dict(tiers)
        self.words = {tier: defaultdict(set) for tier, _ in tiers}
        self.labels = {}
        self.how = how
        self.hint = hint

    def __contains__(self, key):
        return key in self.labels

    def add(self, key, label, **words):
        """Record item ``key``; each keyword names a tier and gives a word or words."""
        self.labels[key] = label
        for tier, value in words.items():
            for word in value if isinstance(value, list | tuple) else [value]:
                if isinstance(word, str) and word:
                    self.words[tier][self.fold(tier, word)].add(key)

    def fold(self, tier, word):
        return word.casefold() if self.ignores_case[tier] else word

    def find(self, word):
        for tier, _ in self.tiers:
            keys = self.words[tier].get(self.fold(tier, word))
            if keys:
                return keys
        return set()

    def resolve(self, ref, problems):
        """Set and return ``ref.key``; INVALID, with the problem noted, if none."""
        if not isinstance(ref.value, str):
            problems.add(
                ref.path,
                f"expected the name of a {self.noun}, not {describe(ref.value)}",
            )
            return INVALID
        ref.key = self.pick(self.find(ref.value), ref.value, ref.path, problems)
        return ref.key

    def pick(self, keys, value, path, problems, *, how=None):
        if not keys:
            problems.add(path, f"no {self.noun} is called {value!r} {how or self.how}")
            return INVALID
        if len(keys) > 1:
            labels = ", ".join(sorted(self.labels[key] for key in keys))
            problems.add(
                path,
                f"{value!r} could be any of {len(keys)} {self.plural}: {labels}; "
                f"{self.hint}",
            )
            return INVALID
        (key,) = keys
        return key


class PlayerDirectory(Directory):
    """Players by slug, then by name; ``{"name", "club"}`` picks among namesakes."""

    def __init__(self, clubs):
        super().__init__(
            "player",
            "players",
            (("slug", False), ("name", True)),
            how="(by slug or name)",
            hint='write the slug, or {"name": ..., "club": ...}',
        )
        self.clubs = clubs
        self.club_of = {}

    def add_player(self, key, name, club):
        club_name = self.clubs.names.get(club, "free agent")
        self.add(key, f"{key} ({name}, {club_name})", slug=key, name=name)
        self.club_of[key] = club

    def resolve(self, ref, problems):
        if isinstance(ref.value, dict):
            ref.key = self.resolve_with_club(ref, problems)
            return ref.key
        if not isinstance(ref.value, str):
            problems.add(
                ref.path,
                "expected a player's slug or name, or "
                f'{{"name": ..., "club": ...}}, not {describe(ref.value)}',
            )
            return INVALID
        return super().resolve(ref, problems)

    def resolve_with_club(self, ref, problems):
        fields = Fields(
            ref.value, ref.path, ("name", "club"), problems, noun="player reference"
        )
        name = fields.text("name", required=True)
        club = fields.get("club", required=True)
        if INVALID in (name, club) or club is MISSING:
            return INVALID
        club_key = None
        if club is not None:
            club_key = self.clubs.resolve(
                Ref("clubs", club, fields.at("club")), problems
            )
            if club_key is INVALID:
                return INVALID
        keys = {
            key
            for key in self.words["name"].get(name.casefold(), ())
            if self.club_of[key] == club_key
        }
        where = f"at {self.clubs.names[club_key]}" if club_key else "among free agents"
        return self.pick(keys, name, ref.path, problems, how=where)


class ClubDirectory(Directory):
    def __init__(self):
        super().__init__(
            "club",
            "clubs",
            (("name", True), ("alias", True), ("slug", True), ("short_name", True)),
            how="(by name, short name, alias or slug)",
            hint="write the full name or the slug",
        )
        self.names = {}

    def add_club(self, key, name, short_name, aliases):
        self.names[key] = name
        self.add(
            key,
            f"{name} ({key})",
            name=name,
            alias=aliases,
            slug=key,
            short_name=short_name,
        )


def competition_directory():
    return Directory(
        "competition",
        "competitions",
        (("name", True), ("slug", True)),
        how="(by name or slug)",
        hint="write the slug",
    )


def source_directory():
    return Directory(
        "source",
        "sources",
        (("slug", False), ("name", True)),
        how="(by slug or name)",
        hint="write the slug",
    )


def article_directory():
    return Directory(
        "article", "articles", (("slug", False),), how="(by slug)", hint=""
    )
