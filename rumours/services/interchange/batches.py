"""Write the rows of an import in batches, as saving them one by one would (#6).

Saving 100,000 claims one by one ran ``full_clean()`` (a query a foreign
key, unique field and constraint), an INSERT, a history row and a cache bump
for each. ``RowBatches`` writes a batch of rows of one model with
``bulk_create`` or ``bulk_update`` and their history rows in bulk, inside a
savepoint, after checking them in Python: ``full_clean()`` without its
queries, and uniqueness against the file and one query a model.

A batch is written row by row instead, through the import's own row path,
whenever that path might say something the bulk write would not: a row
fails validation, a row may repeat a unique value, or the database refuses
the batch (a CHECK constraint; the savepoint is rolled back first). So every
problem is reported exactly as before, with its path.
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Lower

from rumours.models import Article
from rumours.services.versioning import is_versioned, mark_changed

# Rows a batch: a fallback to the row path redoes at most this many.
BATCH_SIZE = 1000


@dataclass
class Row:
    """One row to write, where its item is, and what to do once it is stored."""

    instance: models.Model
    path: str
    field_paths: dict
    saved: Any  # called with the instance once it is stored
    loaded: dict | None = None  # a stored row's loaded_values(), to update less


def loaded_values(instance):
    """Return ``{attname: value}`` of ``instance`` as loaded, to compare later."""
    return {
        field.attname: comparable(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
    }


def comparable(value):
    # A file changes its name in place when saved.
    return value.name if isinstance(value, FieldFile) else value


class RowBatches:
    """Write rows in bulk where that gives the rows the row path would."""

    def __init__(self, save_one):
        # The row path: save_one(instance, path, field_paths) returns True once
        # the row is valid and saved, else notes its problems and returns False.
        self.save_one = save_one
        self.uniques = {}  # model → Uniques

    def write(self, rows):
        """Write ``rows``, all of one model, in the order given."""
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start : start + BATCH_SIZE]
            if self.may_bulk(batch) and write_in_bulk(batch):
                for row in batch:
                    row.saved(row.instance)
                continue
            for row in batch:
                if self.save_one(row.instance, row.path, row.field_paths):
                    row.saved(row.instance)

    def may_bulk(self, batch):
        """Return whether the row path would save every row of ``batch`` quietly.

        What only the database can tell (CHECK constraints) it tells when
        the batch is written.
        """
        model = type(batch[0].instance)
        if save_steps(model) is None:
            return False
        if model not in self.uniques:
            self.uniques[model] = Uniques(model)
        # Every row is noted, even of a batch that fails below: the rows
        # after it must be compared with the values it stores.
        if not self.uniques[model].admit([row.instance for row in batch]):
            return False
        keys = foreign_keys(model)
        exclude = [key.name for key in keys]
        for row in batch:
            try:
                # Its foreign keys come from rows read or written by the
                # import, so they exist; the reading checked their choices.
                row.instance.full_clean(
                    exclude=exclude, validate_unique=False, validate_constraints=False
                )
            except ValidationError:
                return False
            for key in keys:
                if getattr(row.instance, key.attname) is None and not (
                    key.null and key.blank
                ):
                    return False
        return True


def write_in_bulk(batch):
    """Write ``batch`` and its history in a savepoint; False if the database refuses.

    The instances end as saving each would leave them; when refused, as
    they were before.
    """
    model = type(batch[0].instance)
    prepare = save_steps(model)
    created = [row.instance for row in batch if row.instance.pk is None]
    updated = [row.instance for row in batch if row.instance.pk is not None]
    versioned = is_versioned(model)
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    history = history_manager(model)
    for instance in created:
        prepare(instance)
    # save() writes every field; writing just those that changed leaves the
    # same row, and bulk_update() costs a CASE a field.
    changes = defaultdict(list)  # (names of the fields changed) → [instance]
    for row in batch:
        instance = row.instance
        if instance.pk is None:
            continue
        mark_changed(instance)
        prepare(instance)
        for field in fields:
            # What save() does: auto_now times, image files written.
            setattr(instance, field.attname, field.pre_save(instance, False))
        names = tuple(
            field.name
            for field in fields
            if row.loaded is None
            or comparable(getattr(instance, field.attname)) != row.loaded[field.attname]
        )
        changes[names].append(instance)
    try:
        with transaction.atomic():
            if created:
                model._base_manager.bulk_create(created)
            for names, instances in changes.items():
                model._base_manager.bulk_update(instances, names)
            if history is not None:
                # The user and date are found as the post_save receiver does.
                history.bulk_history_create(created, default_change_reason=None)
                history.bulk_history_create(
                    updated, update=True, default_change_reason=None
                )
    except IntegrityError:
        for instance in created:
            instance.pk = None
            instance._state.adding = True
            instance._state.db = None
        if versioned:
            for instance in updated:
                instance.version -= 1
        return False
    return True


def save_steps(model):
    """Return what ``model.save()`` does besides saving, or None if not known.

    A bulk write skips ``save()``, so it does these first. A model that
    overrides ``save()`` in a way not named here is written row by row.
    """
    if model is Article:
        return Article.render_body
    # AbstractBaseUser.save() tells the password validators of a password
    # set in plain text; an import sets none.
    if model.save in (models.Model.save, AbstractBaseUser.save):
        return keep_as_it_is
    return None


def keep_as_it_is(instance):
    pass


def foreign_keys(model):
    return [field for field in model._meta.concrete_fields if field.is_relation]


def history_manager(model):
    """Return ``model``'s django-simple-history manager, or None if it has none."""
    name = getattr(model._meta, "simple_history_manager_attribute", None)
    return None if name is None else getattr(model, name)


class Uniques:
    """The unique values of one model: stored (one query) and written by the import.

    Values are compared loosely (a Lower() constraint by ``casefold()``), so
    a row that may clash is never missed; the row path then decides.
    """

    def __init__(self, model):
        self.model = model
        self.rules = unique_rules(model)
        self.stored = None  # rule index → {value: {pk}}, read on first use
        self.written = [defaultdict(set) for _ in self.rules or ()]

    def admit(self, instances):
        """Note the values of ``instances``; return False if any may clash."""
        if self.rules is None:
            return False
        if self.stored is None:
            self.stored = self.read_stored()
        admitted = True
        for instance in instances:
            for index, rule in enumerate(self.rules):
                value = rule_value(rule, partial(getattr, instance))
                if value is None:
                    continue
                if self.stored[index].get(value, set()) - {instance.pk}:
                    admitted = False
                written = self.written[index][value]
                if written - {id(instance)}:
                    admitted = False
                written.add(id(instance))
        return admitted

    def read_stored(self):
        stored = [defaultdict(set) for _ in self.rules]
        if not self.rules:
            return stored
        attnames = sorted({name for names, _ in self.rules for name in names})
        for pk, *values in self.model._base_manager.values_list("pk", *attnames):
            row = dict(zip(attnames, values, strict=True))
            for index, (names, folded) in enumerate(self.rules):
                value = rule_value((names, folded), row.get)
                if value is not None:
                    stored[index][value].add(pk)
        return stored


def rule_value(rule, get):
    """Return the value ``rule`` compares, ``get`` reading attributes; or None."""
    names, folded = rule
    values = tuple(get(name) for name in names)
    if any(value is None for value in values):
        return None  # NULLs never clash
    if folded:
        return tuple(str(value).casefold() for value in values)
    return values


def unique_rules(model):
    """Return ``[(attnames, folded)]``, the model's uniqueness rules.

    None when a rule cannot be checked in memory (a condition, an expression
    other than Lower()), so that the model is always written row by row.
    """
    opts = model._meta
    rules = [
        ((field.attname,), False)
        for field in opts.concrete_fields
        if field.unique and not field.primary_key
    ]
    for names in opts.unique_together:
        rules.append((tuple(opts.get_field(name).attname for name in names), False))
    for constraint in opts.constraints:
        if not isinstance(constraint, models.UniqueConstraint):
            continue  # The database refuses a row breaking a CHECK.
        if constraint.condition is not None or constraint.nulls_distinct is False:
            return None
        if constraint.fields:
            names = tuple(opts.get_field(name).attname for name in constraint.fields)
            rules.append((names, False))
            continue
        names = []
        for expression in constraint.expressions:
            if not isinstance(expression, Lower):
                return None
            (source,) = expression.get_source_expressions()
            if not isinstance(source, models.F):
                return None
            names.append(opts.get_field(source.name).attname)
        rules.append((tuple(names), True))
    return rules
