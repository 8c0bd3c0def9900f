"""Check a whole newsroom document and turn it into a plan of writes.

Nothing here writes. ``read_newsroom`` reads the stored rows that references
may name (one query a kind, whatever the sizes), reads every item of the
document, resolves every reference through in-memory directories, checks the
rules that span fields and items, and either raises NewsroomImportError with
every problem found or returns the ``Plan``. Rules across rows (unique names,
aliases) are the database's: the writer reports those by path.
"""

from dataclasses import dataclass

from rumours.models import Article, Club, ClubAlias, Competition, Player, Source

from .claim_checks import ClaimChecks
from .directory import (
    ClubDirectory,
    PlayerDirectory,
    article_directory,
    competition_directory,
    source_directory,
)
from .errors import Problems, describe
from .fields import (
    ARTICLE_FIELDS,
    CLUB_READ_FIELDS,
    COMPETITION_FIELDS,
    DOCUMENT_FIELDS,
    FORMAT,
    KINDS,
    PLAYER_FIELDS,
    READABLE_VERSIONS,
    SOURCE_FIELDS,
    SQUAD_TARGET_FIELDS,
)
from .items import ItemReader
from .reading import INVALID, MISSING, Fields, Ref, key_of


class Unkeyed:
    """The key of an item whose slug is bad: the file is refused anyway."""

    def __init__(self, path):
        self.path = path

    def __str__(self):
        return f"the item at {self.path}"


@dataclass
class Plan:
    entries: dict  # kind → [Entry], in the file's order
    pks: dict  # kind → {key: pk} of the rows already stored


# References to a source from a field whose choices allow only some kinds
# (its ``limit_choices_to``): the items, model, field and the rule in words.
KIND_LIMITED_SOURCES = (
    ("players", Player, "agent", "a player's agent is a source of kind agent"),
    (
        "articles",
        Article,
        "original_source",
        "a story is based on a report by an outlet or a journalist",
    ),
)


def allowed_source_kinds(model, name):
    """Return the source kinds ``model.name`` may refer to, from its choices."""
    limit = model._meta.get_field(name).remote_field.limit_choices_to
    return limit["kind__in"] if "kind__in" in limit else [limit["kind"]]


def read_newsroom(data, *, base_dir=None):
    """Return the plan for ``data``, or raise NewsroomImportError listing every problem.

    Six queries, whatever the sizes of the file and of the newsroom.
    """
    reader = NewsroomReader(base_dir)
    plan = reader.read(data)
    reader.problems.raise_if_any()
    return plan


class NewsroomReader(ClaimChecks):
    def __init__(self, base_dir):
        self.base_dir = base_dir
        self.problems = Problems()
        self.entries = {kind: [] for kind in KINDS}
        self.first = {kind: {} for kind in KINDS}  # key → the entry that has it
        self.pks = {}
        self.stored = {}
        self.directories = {}
        self.version = None

    def read(self, data):
        if not isinstance(data, dict):
            self.problems.add(
                "document", f"expected a JSON object {{...}}, not {describe(data)}"
            )
            return None
        document = Fields(
            data, "", DOCUMENT_FIELDS, self.problems, noun="newsroom file"
        )
        if not self.read_header(document):
            return None
        self.load_stored()
        reader = ItemReader(
            self.problems,
            base_dir=self.base_dir,
            pictured={
                kind: {slug for slug, row in self.stored[kind].items() if row["image"]}
                for kind in ("clubs", "players", "articles")
            },
        )
        readers = {
            "competitions": (
                reader.read_competition,
                COMPETITION_FIELDS,
                "competition",
            ),
            "clubs": (reader.read_club, CLUB_READ_FIELDS, "club"),
            "players": (reader.read_player, PLAYER_FIELDS, "player"),
            "sources": (reader.read_source, SOURCE_FIELDS, "source"),
            "articles": (reader.read_article, ARTICLE_FIELDS, "article"),
            "squad_targets": (
                reader.read_squad_target,
                SQUAD_TARGET_FIELDS,
                "squad target",
            ),
        }
        lists = {kind: document.items(kind) for kind in KINDS}
        if INVALID in lists.values():
            return None  # Every reference into a list that is not one would fail.
        for kind, (read_item, allowed, noun) in readers.items():
            for path, value in lists[kind]:
                fields = Fields(value, path, allowed, self.problems, noun=noun)
                if fields.ok:
                    self.add(kind, read_item(fields), noun)
        self.resolve()
        self.check_sources()
        self.check_source_kinds()
        self.check_claims()
        self.check_claim_links()
        self.check_squad_targets()
        return Plan(self.entries, self.pks)

    def read_header(self, document):
        """Return True if the document says it is this format, in this version."""
        ok = True
        value = document.get("format", required=True)
        if value is MISSING:
            ok = False
        elif value != FORMAT:
            document.fail(
                "format",
                f"{describe(value)} is not {FORMAT!r}; "
                "this is not a Transfer Desk newsroom file",
            )
            ok = False
        value = document.get("version", required=True)
        if value is MISSING:
            ok = False
        elif type(value) is not int or value not in READABLE_VERSIONS:
            document.fail(
                "version",
                f"{describe(value)} is not a version this Transfer Desk reads; "
                f"expected {' or '.join(map(str, READABLE_VERSIONS))}",
            )
            ok = False
        else:
            self.version = value
        return ok

    def load_stored(self):
        """Read what references may name: one query a kind."""
        rows = list(Competition.objects.values_list("pk", "slug", "name"))
        self.pks["competitions"] = {slug: pk for pk, slug, _ in rows}
        self.stored["competitions"] = {slug: {"name": name} for _, slug, name in rows}

        rows = list(
            Club.objects.values_list("pk", "slug", "name", "short_name", "crest")
        )
        self.pks["clubs"] = {slug: pk for pk, slug, *_ in rows}
        self.stored["clubs"] = {
            slug: {"name": name, "short_name": short_name, "aliases": [], "image": c}
            for _, slug, name, short_name, c in rows
        }
        for slug, name in ClubAlias.objects.values_list("club__slug", "name"):
            self.stored["clubs"][slug]["aliases"].append(name)

        rows = list(
            Player.objects.values_list(
                "pk", "slug", "name", "current_club__slug", "picture"
            )
        )
        self.pks["players"] = {slug: pk for pk, slug, *_ in rows}
        self.stored["players"] = {
            slug: {"name": name, "club": club, "image": picture}
            for _, slug, name, club, picture in rows
        }

        rows = list(Source.objects.values_list("pk", "slug", "name", "kind"))
        self.pks["sources"] = {slug: pk for pk, slug, _, _ in rows}
        self.stored["sources"] = {
            slug: {"name": name, "kind": kind} for _, slug, name, kind in rows
        }

        rows = list(Article.objects.values_list("pk", "slug", "hero_image"))
        self.pks["articles"] = {slug: pk for pk, slug, _ in rows}
        self.stored["articles"] = {slug: {"image": image} for _, slug, image in rows}

    def add(self, kind, entry, noun):
        self.entries[kind].append(entry)
        if entry.key is INVALID:
            # Still findable by its other names, so that references to an
            # item with a bad slug do not each report a problem of their own.
            entry.key = Unkeyed(entry.path)
        if entry.key is None:
            return
        first = self.first[kind].setdefault(entry.key, entry)
        if first is not entry:
            self.problems.add(
                f"{entry.path}.slug",
                f"{entry.key!r} is also the slug of {first.path}; "
                f"each {noun} needs its own",
            )

    # References: the file's items overlay the stored ones, so a reference may
    # name an item of the file or of the database, under its new names.

    def merged(self, kind, record_of):
        records = dict(self.stored[kind])
        for entry in self.entries[kind]:
            if entry.key not in (None, INVALID):
                records[entry.key] = record_of(entry)
        return records

    def resolve(self):
        competitions = competition_directory()
        records = self.merged("competitions", lambda e: {"name": e.values["name"]})
        for key, record in records.items():
            label = f"{record['name']} ({key})"
            competitions.add(key, label, name=record["name"], slug=key)

        clubs = ClubDirectory()
        records = self.merged(
            "clubs",
            lambda e: {
                "name": e.values["name"],
                "short_name": e.values["short_name"],
                "aliases": [alias for _, alias in e.extra["aliases"]],
            },
        )
        for key, record in records.items():
            clubs.add_club(key, record["name"], record["short_name"], record["aliases"])

        sources = source_directory()
        self.source_kinds = {}
        records = self.merged(
            "sources", lambda e: {"name": e.values["name"], "kind": e.values["kind"]}
        )
        for key, record in records.items():
            sources.add(key, f"{record['name']} ({key})", slug=key, name=record["name"])
            self.source_kinds[key] = record["kind"]

        self.directories = {
            "competitions": competitions,
            "clubs": clubs,
            "sources": sources,
        }
        for kind in ("clubs", "players", "sources"):
            for entry in self.entries[kind]:
                self.resolve_refs(entry.refs.values())
                self.resolve_refs(role.person for role in entry.extra.get("roles", ()))

        players = PlayerDirectory(clubs)
        records = self.merged(
            "players",
            lambda e: {
                "name": e.values["name"],
                "club": key_of(e.refs["current_club"]),
            },
        )
        for key, record in records.items():
            players.add_player(key, record["name"], record["club"])
        articles = article_directory()
        for key in self.merged("articles", lambda e: {}):
            articles.add(key, key, slug=key)
        self.directories.update(players=players, articles=articles)

        for entry in self.entries["articles"]:
            self.resolve_refs(entry.refs.values())
            self.resolve_refs(entry.extra["clubs"] + entry.extra["players"])
            for claim in entry.extra["claims"]:
                self.resolve_refs(claim.refs.values())
                self.resolve_refs(ref for _, ref in claim.extra["attributions"])
                if claim.extra["answers"] not in (None, INVALID):
                    self.resolve_refs(claim.extra["answers"][:1])
        for entry in self.entries["squad_targets"]:
            self.resolve_refs(entry.refs.values())

    def resolve_refs(self, refs):
        for ref in refs:
            if isinstance(ref, Ref):
                self.directories[ref.kind].resolve(ref, self.problems)

    def check_sources(self):
        for entry in self.entries["sources"]:
            ref = entry.refs["outlet"]
            outlet = key_of(ref)
            if outlet in (None, INVALID):
                continue
            kind = entry.values["kind"]
            if kind not in (Source.Kind.JOURNALIST, INVALID):
                self.problems.add(
                    ref.path,
                    f"only a journalist writes for an outlet, and this source's "
                    f"kind is {kind}; use null",
                )
            elif outlet == entry.key:
                self.problems.add(ref.path, "a source cannot be its own outlet")
            elif self.source_kinds[outlet] != Source.Kind.OUTLET:
                self.problems.add(
                    ref.path,
                    f"{ref.value!r} is a source of kind {self.source_kinds[outlet]}; "
                    "a journalist's outlet must be of kind outlet",
                )

    def check_source_kinds(self):
        """Refuse a source whose kind the referring field does not allow."""
        for items, model, name, rule in KIND_LIMITED_SOURCES:
            allowed = allowed_source_kinds(model, name)
            for entry in self.entries[items]:
                ref = entry.refs[name]
                key = key_of(ref)
                if key in (None, INVALID):
                    continue
                kind = self.source_kinds[key]
                if kind not in allowed:
                    self.problems.add(
                        ref.path, f"{ref.value!r} is a source of kind {kind}; {rule}"
                    )

    def check_squad_targets(self):
        first = {}
        for entry in self.entries["squad_targets"]:
            day = (entry.values[name] for name in ("position", "kind", "noted_on"))
            key = (key_of(entry.refs["club"]), *day)
            if INVALID in key:
                continue
            entry.key = key
            if first.setdefault(key, entry) is not entry:
                self.problems.add(
                    entry.path,
                    f"repeats {first[key].path} (the same club, position, kind "
                    "and date); a club has one such note a day",
                )
