"""The newsroom's own names, in one Aho-Corasick automaton.

Players (full name and surname), clubs (full name, short name, aliases),
sources (outlets, journalists, agents, officials, the desk), competitions
and countries are folded (``text.fold``) and put in one automaton, so one
pass over a story finds every name it holds, whatever the size of the
newsroom. Building it reads every name (about 0.3 s for 12,000 players),
so ``current_gazetteer()`` keeps one per process and builds it again only
when a cheap fingerprint of the name tables moves.
"""

import threading
from collections import defaultdict
from dataclasses import dataclass, field

import ahocorasick
from django.db.models import Count, Max, Sum
from django.db.models.functions import Length

from ..models import Club, ClubAlias, Competition, Player, Source
from .text import fold

# The words stories use for a country's clubs, and abbreviations of
# competitions: used only for the names the newsroom holds.
DEMONYMS = {
    "Italian": "Italy",
    "Spanish": "Spain",
    "English": "England",
    "German": "Germany",
    "French": "France",
    "Portuguese": "Portugal",
    "Dutch": "Netherlands",
    "Turkish": "Turkey",
    "Saudi": "Saudi Arabia",
    "American": "United States",
    "Brazilian": "Brazil",
    "Scottish": "Scotland",
    "Belgian": "Belgium",
}
COMPETITION_ABBREVIATIONS = {
    "MLS": "Major League Soccer",
    "EPL": "Premier League",
    "Saudi Pro League": "Saudi Pro League",
    "Brasileirao": "Campeonato Brasileiro Série A",
    "LaLiga": "La Liga",
}
# An outlet's name after a leading article is what copy calls it ("Gazzetta"
# for "La Gazzetta dello Sport").
ARTICLES = {"la", "il", "lo", "le", "el", "the", "l'", "die", "der", "de", "o", "a"}
# Particles that belong to a surname: "van de Ven", "De Winter".
PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "dos", "le"}


@dataclass(frozen=True)
class Entity:
    """A row of the newsroom a story may name, with what the rules need of it."""

    kind: str  # player, club, source, competition, country
    id: int | None
    name: str
    key: str  # how the interchange format refers to it
    club_id: int | None = None  # a player's current club
    agent_id: int | None = None  # a player's agent
    source_kind: str = ""
    outlet_id: int | None = None
    competition_id: int | None = None
    country: str = ""


# Which kind of name wins when one word is several: "Santos" the club over
# "Santos" a player's surname.
HOW_RANK = {"club": 0, "player": 1, "source": 2, "competition": 3, "country": 4}


@dataclass
class Gazetteer:
    entities: dict = field(default_factory=dict)  # (kind, id) -> Entity
    names: dict = field(default_factory=lambda: defaultdict(set))  # folded -> refs
    surnames: dict = field(default_factory=lambda: defaultdict(set))  # -> ids
    automaton: object = None
    fuzzy_names: list = field(default_factory=list)  # for rapidfuzz
    fuzzy_refs: list = field(default_factory=list)  # (kind, id) of each
    acronyms: set = field(default_factory=set)  # folded names written in capitals

    def add(self, entity, *names, how="name"):
        self.entities[(entity.kind, entity.id)] = entity
        for name in names:
            if name and len(name.strip()) > 1:
                self.names[fold(name.strip())].add((entity.kind, entity.id, how))
                # "AS" the paper is not "as" the word, nor "As" starting a sentence.
                if name.strip().isupper() and len(name.strip()) <= 5:
                    self.acronyms.add(fold(name.strip()))

    def add_surname(self, player):
        words = player.name.split()
        if len(words) < 2:
            return
        tails = {words[-1]}
        for index in range(1, len(words) - 1):
            if words[index].lower() in PARTICLES:
                tails.add(" ".join(words[index:]))
                break
        for tail in tails:
            if len(tail) > 2:
                self.surnames[fold(tail)].add(player.id)
                self.names[fold(tail)].add(("player", player.id, "surname"))

    def build(self):
        automaton = ahocorasick.Automaton()
        for name, refs in self.names.items():
            ranked = sorted(
                refs, key=lambda ref: (ref[2] == "surname", HOW_RANK[ref[0]])
            )
            automaton.add_word(name, (len(name), tuple(ranked)))
        automaton.make_automaton()
        self.automaton = automaton
        for name, refs in self.names.items():
            for kind, id, how in refs:
                if kind in {"player", "club"} and how != "surname" and len(name) > 4:
                    self.fuzzy_names.append(name)
                    self.fuzzy_refs.append((kind, id))
        self.names = dict(self.names)
        self.surnames = dict(self.surnames)
        return self

    def entity(self, kind, id):
        return self.entities.get((kind, id))

    def of_kind(self, kind):
        return [entity for (k, _), entity in self.entities.items() if k == kind]


def gazetteer_from_database():
    """Return a ``Gazetteer`` of every name the newsroom holds: five queries."""
    gazetteer = Gazetteer()
    competitions = {}
    for id, name, country in Competition.objects.values_list("id", "name", "country"):
        entity = Entity("competition", id, name, name, country=country)
        competitions[name] = entity
        gazetteer.add(entity, name)
        _add_country(gazetteer, country)
    for short, full in COMPETITION_ABBREVIATIONS.items():
        if full in competitions:
            gazetteer.add(competitions[full], short, how="abbreviation")
    aliases = defaultdict(list)
    for club_id, alias in ClubAlias.objects.values_list("club_id", "name"):
        aliases[club_id].append(alias)
    for id, name, short, competition_id, country in Club.objects.values_list(
        "id", "name", "short_name", "competition_id", "country"
    ):
        entity = Entity(
            "club", id, name, name, competition_id=competition_id, country=country
        )
        gazetteer.add(entity, name, short, *aliases[id])
        _add_country(gazetteer, country)
    for id, name, slug, kind, outlet_id in Source.objects.values_list(
        "id", "name", "slug", "kind", "outlet_id"
    ):
        entity = Entity("source", id, name, slug, source_kind=kind, outlet_id=outlet_id)
        gazetteer.add(entity, name)
        if kind == "outlet":
            gazetteer.add(entity, _short_outlet_name(name), how="short")
    for id, name, club_id, agent_id in Player.objects.values_list(
        "id", "name", "current_club_id", "agent_id"
    ):
        entity = Entity("player", id, name, name, club_id=club_id, agent_id=agent_id)
        gazetteer.add(entity, name)
        gazetteer.add_surname(entity)
    for demonym, country in DEMONYMS.items():
        if ("country", country) in gazetteer.entities:
            gazetteer.add(gazetteer.entities[("country", country)], demonym)
    return gazetteer.build()


def _short_outlet_name(name):
    """Return “Gazzetta” for “La Gazzetta dello Sport”; "" when there is none."""
    words = name.split()
    if len(words) >= 3 and words[0].lower() in ARTICLES and len(words[1]) > 3:
        return words[1]
    return ""


def _add_country(gazetteer, country):
    if country and ("country", country) not in gazetteer.entities:
        gazetteer.add(Entity("country", country, country, country), country)


def names_fingerprint():
    """Return what changes whenever a name the gazetteer holds may have changed.

    Per name table its row count, highest id and the length of its names (a
    rename that keeps the length moves the history tables' latest date, for
    the tables with history); eight aggregate queries.
    """
    fingerprint = []
    for model in (Competition, Club, ClubAlias, Source, Player):
        fingerprint.append(
            tuple(
                model.objects.aggregate(
                    n=Count("pk"), last=Max("pk"), size=Sum(Length("name"))
                ).values()
            )
        )
    for model in (Club, Source, Player):
        history = model.history.model.objects
        fingerprint.append(history.aggregate(at=Max("history_date"))["at"])
    return tuple(fingerprint)


_current = {}
_lock = threading.Lock()


def current_gazetteer():
    """Return the process's gazetteer, built again only when the names moved."""
    fingerprint = names_fingerprint()
    with _lock:
        if _current.get("fingerprint") != fingerprint:
            _current["gazetteer"] = gazetteer_from_database()
            _current["fingerprint"] = fingerprint
        return _current["gazetteer"]
