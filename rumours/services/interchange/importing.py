"""Import a newsroom document: check all of it, then write it in one transaction."""

from collections import defaultdict
from functools import partial

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile

from rumours.images.pending import journalled_pictures
from rumours.images.renditions import delete_picture
from rumours.models import (
    Article,
    Club,
    Competition,
    Player,
    Source,
    SquadNote,
    TransferClaim,
)
from rumours.models.events import newsroom_bulk_written
from rumours.models.history import acting_user
from rumours.services.versioning import mark_changed

from .batches import Row, RowBatches, loaded_values
from .club_roles import RoleWriter
from .errors import Problems
from .fields import FIELD_PATHS
from .interrupted import recover_interrupted_imports
from .plan import read_newsroom
from .reading import key_of
from .writers import ItemWriters

MODELS = {
    "competitions": Competition,
    "clubs": Club,
    "players": Player,
    "sources": Source,
    "articles": Article,
    "claims": TransferClaim,
    "squad_targets": SquadNote,
}
KIND_OF_MODEL = {model: kind for kind, model in MODELS.items()}

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


def import_newsroom(data, *, base_dir=None, user=None):
    """Import a newsroom document (docs/interchange.md): all of it, or nothing.

    Check the whole document first and raise NewsroomImportError listing every
    problem, each with its path. Then write it in one transaction, validating
    every row written as ``full_clean()`` does, so a rule only the database
    knows (an alias another club already uses) is reported by path too and
    undoes everything. Hero image files are read relative to ``base_dir``;
    those it stores are journalled until the rows commit, so even a killed
    import leaves none behind once the next one starts (``interrupted``).

    Re-importing updates and never duplicates. Return, per kind, how many
    items were created, updated and left unchanged (and claims deleted).

    Rows are written in bulk, a thousand at a time (``batches``, #6): the
    queries do not grow with the rows but for one INSERT or UPDATE per
    statement's worth (on SQLite, 999 parameters: a few dozen rows), one
    query a club and one an alias (their ``clean()``), and claims deleted.
    Each change is in the history tables (#5), attributed to ``user`` (the
    importing editor) when given.
    """
    recover_interrupted_imports()
    with journalled_pictures(), transaction.atomic():
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


class NewsroomWriter(ItemWriters, RoleWriter):
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
        self.new_images = []  # the pictures this import gives rows (FieldFiles)

    def write(self):
        steps = (
            self.write_competitions,
            self.write_clubs,
            self.write_aliases,
            self.write_sources,
            self.write_club_roles,
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
            for picture in self.new_images:
                if picture._committed:
                    delete_picture(picture.storage, picture.name)
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
        mark_changed(instance)
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


def compared_values(instance):
    values = []
    for model_field in instance._meta.concrete_fields:
        if model_field.name in UNCOMPARED:
            continue
        value = getattr(instance, model_field.attname)
        values.append(value.name if isinstance(value, FieldFile) else value)
    return values
