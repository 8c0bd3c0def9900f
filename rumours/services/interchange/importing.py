"""Import a newsroom document: check all of it, then write it in one transaction."""

from collections import defaultdict
from functools import partial

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile

from rumours.images.renditions import delete_picture
from rumours.models import (
    Article,
    Club,
    ClubAlias,
    Competition,
    Player,
    Source,
    SquadTarget,
    TransferClaim,
)
from rumours.models.claims import SUBJECT_FIELDS
from rumours.models.events import newsroom_bulk_written
from rumours.models.history import acting_user

from .batches import Row, RowBatches, loaded_values
from .errors import Problems
from .plan import read_newsroom
from .reading import key_of

MODELS = {
    "competitions": Competition,
    "clubs": Club,
    "players": Player,
    "sources": Source,
    "articles": Article,
    "claims": TransferClaim,
    "squad_targets": SquadTarget,
}
KIND_OF_MODEL = {model: kind for kind, model in MODELS.items()}

# Where a model field sits in an item of the file, when not under its own name.
# "" is the item itself.
FIELD_PATHS = {
    "articles": {
        "hero_image": "hero_image.file",
        "hero_width": "hero_image.file",
        "hero_height": "hero_image.file",
        "hero_credit": "hero_image.credit",
        "hero_caption": "hero_image.caption",
        "hero_alt": "hero_image.alt",
    },
    "claims": {
        "article": "",
        "fee_amount": "fee.amount",
        "fee_upper_amount": "fee.upper_amount",
        "fee_add_ons": "fee.add_ons",
        "fee_currency": "fee.currency",
    },
    "aliases": {"name": "", "club": ""},
    "authors": {"first_name": "name", "last_name": "name", "password": ""},
}
# Not compared when deciding whether a stored row is unchanged.
UNCOMPARED = {"id", "created_at", "updated_at", "body_html"}

COUNTED_KINDS = (
    "competitions",
    "clubs",
    "players",
    "sources",
    "authors",
    "articles",
    "claims",
    "squad_targets",
)


@transaction.atomic
def import_newsroom(data, *, base_dir=None, user=None):
    """Import a newsroom document (docs/interchange.md): all of it, or nothing.

    Check the whole document first and raise NewsroomImportError listing every
    problem, each with its path. Then write it in one transaction, validating
    every row written as ``full_clean()`` does, so a rule only the database
    knows (an alias another club already uses) is reported by path too and
    undoes everything. Hero image files are read relative to ``base_dir``.

    Re-importing updates and never duplicates. Return, per kind, how many
    items were created, updated and left unchanged (and claims deleted).

    Rows are written in bulk, a thousand at a time (``batches``, #6): the
    queries do not grow with the rows but for one INSERT or UPDATE per
    statement's worth (on SQLite, 999 parameters: a few dozen rows), one
    query a club and one an alias (their ``clean()``), and claims deleted.
    Each change is in the history tables (#5), attributed to ``user`` (the
    importing editor) when given.
    """
    plan = read_newsroom(data, base_dir=base_dir)
    with acting_user(user):
        return NewsroomWriter(plan).write()


def summarise_counts(counts):
    """Return the counts of ``import_newsroom`` as one line of text."""
    parts = []
    for kind in COUNTED_KINDS:
        count = counts[kind]
        text = (
            f"{kind.replace('_', ' ')} {count['created']} created, "
            f"{count['updated']} updated, {count['unchanged']} unchanged"
        )
        if "deleted" in count:
            text += f", {count['deleted']} deleted"
        parts.append(text)
    return "; ".join(parts)


class NewsroomWriter:
    """Apply a checked plan; every step notes its problems, then stops if any."""

    def __init__(self, plan):
        self.entries = plan.entries
        self.pks = plan.pks  # kind → {key: pk}, extended as rows are created
        self.problems = Problems()
        self.batches = RowBatches(self.save)
        self.counts = {
            kind: {"created": 0, "updated": 0, "unchanged": 0} for kind in COUNTED_KINDS
        }
        self.counts["claims"]["deleted"] = 0
        self.status = defaultdict(dict)  # kind → {key: "created", ...}
        self.new_images = []  # articles given a picture by this import

    def write(self):
        steps = (
            self.write_competitions,
            self.write_clubs,
            self.write_aliases,
            self.write_sources,
            self.write_players,
            self.write_authors,
            self.write_articles,
            self.write_claims,
            self.write_subjects,
            self.write_squad_targets,
        )
        try:
            for step in steps:
                step()
                self.problems.raise_if_any()
            # Bulk writes send no model signal for the cache or search to hear.
            newsroom_bulk_written.send(
                sender=type(self), article_ids=self.touched_stories()
            )
        except BaseException:
            # The transaction undoes the rows; the image files are ours to undo.
            for article in self.new_images:
                if article.hero_image._committed:
                    delete_picture(article.hero_image.storage, article.hero_image.name)
            raise
        return self.counts

    def touched_stories(self):
        """Return the ids of the stories whose search documents may have changed.

        The file's stories, and every story about a club (its names or
        aliases) or a player the import updated: their names are in the
        documents of stories outside the file too.
        """
        article_ids = set(self.pks["articles"].values())
        for kind, through, column in (
            ("clubs", Article.clubs.through, "club_id"),
            ("players", Article.players.through, "player_id"),
        ):
            updated = [
                self.pks[kind][key]
                for key, status in self.status[kind].items()
                if status == "updated"
            ]
            if updated:
                about = through.objects.filter(**{f"{column}__in": updated})
                article_ids.update(about.values_list("article_id", flat=True))
        return article_ids

    # One row

    def store(self, kind, instance, entry, pending, *, apply=None):
        """Set ``instance`` to what ``entry`` says; add it to ``pending`` if changed.

        Write ``pending`` with ``self.batches.write()``: rows are counted as
        they are saved.
        """
        created = instance.pk is None
        before = None if created else compared_values(instance)
        loaded = None if created else loaded_values(instance)
        for name, value in entry.values.items():
            setattr(instance, name, value)
        for name, ref in entry.refs.items():
            setattr(instance, f"{name}_id", self.pk_of(instance, name, key_of(ref)))
        if apply is not None:
            apply(instance, entry)
        if not created and compared_values(instance) == before:
            self.note(kind, entry.key, "unchanged", instance)
            return
        status = "created" if created else "updated"
        pending.append(
            Row(
                instance,
                entry.path,
                FIELD_PATHS.get(kind, {}),
                partial(self.note, kind, entry.key, status),
                loaded,
            )
        )

    def note(self, kind, key, status, instance):
        self.pks.setdefault(kind, {})[key] = instance.pk
        self.counts[kind][status] += 1
        self.status[kind][key] = status

    def pk_of(self, instance, name, key):
        if key is None:
            return None
        related_model = instance._meta.get_field(name).related_model
        return self.pks[KIND_OF_MODEL[related_model]][key]

    def save(self, instance, path, field_paths):
        """Return True once ``instance`` is valid and saved; else note why not."""
        try:
            instance.full_clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                where = field_paths.get(name, name)
                if name == NON_FIELD_ERRORS or not where:
                    where = path
                else:
                    where = f"{path}.{where}"
                for message in messages:
                    self.problems.add(where, message)
            return False
        if instance.pk is not None and hasattr(instance, "version"):
            # An editor's form loaded before the import is now stale (#5).
            instance.version += 1
        try:
            instance.save()
        except IntegrityError as error:
            # A rule full_clean() does not know of. The transaction cannot go
            # on after a database error, so report what was found and stop.
            self.problems.add(path, f"refused by the database: {error}")
            self.problems.raise_if_any()
        return True

    def mark_updated(self, kind, key):
        """Count a stored item as updated when only its aliases changed."""
        if self.status[kind].get(key) == "unchanged":
            self.status[kind][key] = "updated"
            self.counts[kind]["unchanged"] -= 1
            self.counts[kind]["updated"] += 1

    # The steps, in the order references need

    def upsert(self, kind, entries, *, apply=None):
        stored = MODELS[kind].objects.in_bulk(
            [entry.key for entry in entries], field_name="slug"
        )
        pending = []
        for entry in entries:
            instance = stored.get(entry.key) or MODELS[kind]()
            self.store(kind, instance, entry, pending, apply=apply)
        self.batches.write(pending)

    def write_competitions(self):
        self.upsert("competitions", self.entries["competitions"])

    def write_clubs(self):
        self.upsert("clubs", self.entries["clubs"])

    def write_aliases(self):
        """Make each club's aliases exactly the file's, keeping rows that stay.

        Every alias that goes is deleted before any is added, so an alias can
        move from one club of the file to another.
        """
        entries = self.entries["clubs"]
        club_ids = {entry.key: self.pks["clubs"][entry.key] for entry in entries}
        stored = defaultdict(dict)
        for alias in ClubAlias.objects.filter(club_id__in=club_ids.values()):
            stored[alias.club_id][alias.name.casefold()] = alias
        wanted = {
            entry.key: {
                name.casefold(): (path, name) for path, name in entry.extra["aliases"]
            }
            for entry in entries
        }
        gone = [
            alias.pk
            for key, club_id in club_ids.items()
            for folded, alias in stored[club_id].items()
            if folded not in wanted[key]
        ]
        ClubAlias.objects.filter(pk__in=gone).delete()
        changed = set()
        pending = []
        for key, club_id in club_ids.items():
            if any(folded not in wanted[key] for folded in stored[club_id]):
                changed.add(key)
            for folded, (path, name) in wanted[key].items():
                alias = stored[club_id].get(folded)
                if alias is not None and alias.name == name:
                    continue
                if alias is None:
                    alias = ClubAlias(club_id=club_id)
                alias.name = name
                saved = partial(lambda key, _alias: changed.add(key), key)
                pending.append(Row(alias, path, FIELD_PATHS["aliases"], saved))
        self.batches.write(pending)
        for key in changed:
            self.mark_updated("clubs", key)

    def write_sources(self):
        # Outlets before the journalists who write for them, who need their ids.
        entries = self.entries["sources"]
        self.upsert("sources", [e for e in entries if e.refs["outlet"] is None])
        self.upsert("sources", [e for e in entries if e.refs["outlet"] is not None])

    def write_players(self):
        self.upsert("players", self.entries["players"])

    def write_authors(self):
        """Get or create each author by username: new ones cannot log in."""
        user_model = get_user_model()
        wanted = {}
        for entry in self.entries["articles"]:
            author = entry.extra["author"]
            if author is not None:
                wanted.setdefault(author["username"], author)
        stored = dict(
            user_model.objects.filter(username__in=wanted).values_list("username", "pk")
        )
        self.pks["authors"] = stored
        pending = []
        for username, author in wanted.items():
            if username in stored:
                self.counts["authors"]["unchanged"] += 1
                continue
            user = user_model(
                username=username,
                first_name=author["first_name"],
                last_name=author["last_name"],
            )
            user.set_unusable_password()
            saved = partial(self.note, "authors", username, "created")
            pending.append(Row(user, author["path"], FIELD_PATHS["authors"], saved))
        self.batches.write(pending)

    def write_articles(self):
        def apply(article, entry):
            author = entry.extra["author"]
            article.author_id = author and self.pks["authors"][author["username"]]
            # A stored picture stays: the import never replaces or removes one.
            if entry.extra["image"] is not None and not article.hero_image:
                article.hero_image = entry.extra["image"]
                self.new_images.append(article)

        self.upsert("articles", self.entries["articles"], apply=apply)

    def write_claims(self):
        """Make each article's claims exactly the file's, updating matches in place.

        A claim matches a stored one of the same article with the same player,
        from club, to club and claim type, so its id survives a re-import.
        """
        articles = self.entries["articles"]
        article_ids = {entry.key: self.pks["articles"][entry.key] for entry in articles}
        stored = defaultdict(lambda: defaultdict(list))
        claims = TransferClaim.objects.filter(article_id__in=article_ids.values())
        for claim in claims.order_by("pk"):
            key = (
                claim.player_id,
                claim.from_club_id,
                claim.to_club_id,
                claim.claim_type,
            )
            stored[claim.article_id][key].append(claim)
        pending = []
        for entry in articles:
            article_id = article_ids[entry.key]
            for claim_entry in entry.extra["claims"]:
                player, from_club, to_club, claim_type = claim_entry.key
                key = (
                    self.pks["players"][player],
                    from_club and self.pks["clubs"][from_club],
                    to_club and self.pks["clubs"][to_club],
                    claim_type,
                )
                matches = stored[article_id][key]
                instance = matches.pop(0) if matches else TransferClaim()
                instance.article_id = article_id
                self.store("claims", instance, claim_entry, pending)
        self.batches.write(pending)
        gone = [
            claim.pk
            for by_key in stored.values()
            for matches in by_key.values()
            for claim in matches
        ]
        TransferClaim.objects.filter(pk__in=gone).delete()
        self.counts["claims"]["deleted"] = len(gone)

    def write_subjects(self):
        """Set each article's clubs and players: its claims' and the file's others.

        What ``article.clubs.set()`` and ``sync_article_subjects()`` would
        leave, written in bulk: two queries a relation, plus a delete if any
        link goes and an insert a few thousand links.
        """
        wanted = {"clubs": set(), "players": set()}  # {(article id, club id)}
        for entry in self.entries["articles"]:
            article_id = self.pks["articles"][entry.key]
            for name, claim_refs in SUBJECT_FIELDS.items():
                keys = [key_of(ref) for ref in entry.extra[name]]
                for claim in entry.extra["claims"]:
                    keys += [key_of(claim.refs[ref]) for ref in claim_refs]
                wanted[name].update(
                    (article_id, self.pks[name][key]) for key in keys if key is not None
                )
        stored_ids = [
            self.pks["articles"][entry.key]
            for entry in self.entries["articles"]
            if self.status["articles"].get(entry.key) != "created"
        ]
        for name, pairs in wanted.items():
            set_links(Article._meta.get_field(name), stored_ids, pairs)

    def write_squad_targets(self):
        entries = self.entries["squad_targets"]
        club_ids = {self.pks["clubs"][entry.key[0]] for entry in entries}
        stored = {
            (target.club_id, target.position): target
            for target in SquadTarget.objects.filter(club_id__in=club_ids)
        }
        pending = []
        for entry in entries:
            club, position = entry.key
            instance = stored.get((self.pks["clubs"][club], position)) or SquadTarget()
            self.store("squad_targets", instance, entry, pending)
        self.batches.write(pending)


def set_links(field, stored_ids, pairs):
    """Make the links of many-to-many ``field`` from the file's articles ``pairs``.

    ``pairs`` holds (article id, other id); ``stored_ids`` are the articles
    that may already have links (those the import did not create).
    """
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name()).attname
    target = through._meta.get_field(field.m2m_reverse_field_name()).attname
    stored = {}
    if stored_ids:
        rows = through.objects.filter(**{f"{source}__in": stored_ids})
        for pk, *pair in rows.values_list("pk", source, target):
            stored[tuple(pair)] = pk
    gone = [pk for pair, pk in stored.items() if pair not in pairs]
    if gone:
        through.objects.filter(pk__in=gone).delete()
    through.objects.bulk_create(
        through(**{source: article_id, target: other_id})
        for article_id, other_id in sorted(pairs - stored.keys())
    )


def compared_values(instance):
    values = []
    for model_field in instance._meta.concrete_fields:
        if model_field.name in UNCOMPARED:
            continue
        value = getattr(instance, model_field.attname)
        values.append(value.name if isinstance(value, FieldFile) else value)
    return values
