"""Querysets compiled to SQL once per process, run again with fresh values (#19).

Django compiles a queryset's SQL on every evaluation; for a query joining
ten tables that costs far more than running it. A ``PreparedQuery`` builds
its queryset once, with a ``Param`` where each value goes, and compiles it
once per database; each run reuses that SQL and Django's own reading of the
rows (``select_related`` instances, annotations; ``prefetch_related``
lookups are queried as usual) and binds only the values it is given.
Where every instance is reached by one value (a story's claims by the
story), ``set_prefetched`` gives them a relation read by a ``PreparedQuery``
of its own instead.

A value is bound through its ``Param``'s field, as Django binds a lookup's
value, so "now" or a slug is one SQL statement for every value. The SQL
must not depend on the value: a ``Param`` cannot stand for ``None``. A list
(``IN``) has SQL of its own for each length: a ``ParamList`` of a given
length stands for one, and ``PreparedByLength`` keeps a ``PreparedQuery``
for each length it meets (a page's ten stories, a squad's sources).
"""

from functools import partial

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Expression


class Param(Expression):
    """The value named ``name`` of each run, converted as ``field`` converts it."""

    def __init__(self, name, field):
        super().__init__(output_field=field)
        self.name = name

    def __repr__(self):
        return f"Param({self.name!r})"

    def as_sql(self, compiler, connection):
        # The Param itself stands in the params until a run binds its value.
        return "%s", [self]

    def bind(self, values, connection):
        """Return this parameter's value in ``values``, converted for ``connection``."""
        value = values[self.name]
        if value is None:
            raise ValueError(f"{self!r} cannot be None: NULL needs other SQL.")
        return self.output_field.get_db_prep_value(value, connection)


class ParamList(Expression):
    """The ``length`` values of the list named ``name`` of each run, for ``IN``.

    ``field__in=ParamList("ids", field, 10)`` compiles to ``IN (%s, … %s)``;
    each run binds a list of exactly ``length`` values.
    """

    def __init__(self, name, field, length):
        super().__init__(output_field=field)
        self.name = name
        self.length = length

    def __repr__(self):
        return f"ParamList({self.name!r}, {self.length})"

    def as_sql(self, compiler, connection):
        items = [ListItem(self.name, index, self) for index in range(self.length)]
        return ", ".join(["%s"] * self.length), items


class ListItem:
    """The value at ``index`` of the list ``name``, as its ``ParamList`` binds it."""

    def __init__(self, name, index, param_list):
        self.name = name
        self.index = index
        self.param_list = param_list

    def bind(self, values, connection):
        listed = values[self.name]
        param_list = self.param_list
        if len(listed) != param_list.length:
            raise ValueError(f"{param_list!r} binds {len(listed)} values.")
        value = listed[self.index]
        if value is None:
            raise ValueError(f"{param_list!r} cannot hold None: NULL needs other SQL.")
        return param_list.output_field.get_db_prep_value(value, connection)


class PreparedQuery:
    """The queryset ``build()`` returns, compiled once per database, run with values.

    ``build`` is called at the first run (models may be imported there) and
    returns a queryset holding a ``Param`` for each value; ``run(**values)``
    evaluates it with them and returns the results as a list.
    """

    def __init__(self, build):
        self.build = build
        self._queryset = None
        self._compiled = {}
        self._converters = {}

    def run(self, *, using=None, **values):
        """Return the results of the queryset with ``values`` bound, as a list."""
        if self._queryset is None:
            self._queryset = self.build()
        queryset = self._queryset._chain()
        if using is not None:
            queryset = queryset.using(using)
        query = queryset.query
        query.get_compiler = lambda using=None, connection=None, elide_empty=True: (
            self._compiler(query, using, connection, elide_empty, values)
        )
        return list(queryset)

    def _compiler(self, query, using, connection, elide_empty, values):
        """Return a compiler for ``query`` that answers with the SQL compiled once."""
        if connection is None:
            connection = connections[using or DEFAULT_DB_ALIAS]
        compiler = connection.ops.compiler(query.compiler)(
            query, connection, using, elide_empty
        )
        key = (connection.alias, connection.vendor)
        if key not in self._compiled:
            sql, params = compiler.as_sql()
            # What compiling learnt about the columns, which reading rows needs.
            state = {
                name: value
                for name, value in vars(compiler).items()
                if name not in ("query", "connection", "using")
            }
            names = {param.name for param in params if isinstance(param, BOUND)}
            self._compiled[key] = (sql, tuple(params), state, names)
        sql, params, state, names = self._compiled[key]
        if names != values.keys():
            raise TypeError(f"Expected values for {sorted(names)}.")
        vars(compiler).update(state)
        bound = [
            param.bind(values, connection) if isinstance(param, BOUND) else param
            for param in params
        ]
        compiler.as_sql = lambda *args, **kwargs: (sql, bound)
        compiler.get_converters = self._converters_of(key, compiler.get_converters)
        return compiler

    def _converters_of(self, key, get_converters):
        """Return ``get_converters`` answered once per database, as the SQL is.

        The columns are those compiled once, so their converters (dates
        from text on SQLite, decimals, JSON) are too: finding them asks
        every column of every run otherwise.
        """

        def converters(expressions):
            if key not in self._converters:
                self._converters[key] = get_converters(expressions)
            return self._converters[key]

        return converters


# What a compiled query's parameters hold in place of each run's values.
BOUND = (Param, ListItem)


class PreparedByLength:
    """A ``PreparedQuery`` for each length of the lists ``names`` it is run with.

    ``build(*lengths)`` returns the queryset with a ``ParamList`` of each
    length, in the order of ``names``; ``run(**values)`` runs the one of
    its lists' lengths, compiled the first time those lengths come (they
    are few: a page's ten stories, a squad's sources). An empty list
    answers nothing without a query (``IN ()`` is no SQL).
    """

    def __init__(self, build, *names):
        self.build = build
        self.names = names
        self.queries = {}

    def run(self, **values):
        lengths = tuple(len(values[name]) for name in self.names)
        if not all(lengths):
            return []
        query = self.queries.get(lengths)
        if query is None:
            query = self.queries[lengths] = PreparedQuery(partial(self.build, *lengths))
        return query.run(**values)


def set_prefetched(instances, name, rows, key):
    """Give each of ``instances`` its relation ``name`` as ``prefetch_related`` would.

    ``rows`` are the related objects of them all, in order, and ``key(row)``
    the pk of the instance each belongs to: a ``PreparedQuery`` of a
    relation stands in for Django's prefetch, whose ``IN`` list of
    instances makes new SQL for each number of them. A reverse foreign key's
    rows get their instance, as Django's prefetch sets it.
    """
    if not instances:
        return
    groups = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    relation = instances[0]._meta.get_field(name)
    remote = relation.field.name if relation.one_to_many else None
    for instance in instances:
        found = groups.get(instance.pk, [])
        if remote is not None:
            for row in found:
                setattr(row, remote, instance)
        queryset = getattr(instance, name).get_queryset()
        queryset._result_cache = found
        queryset._prefetch_done = True
        instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset
