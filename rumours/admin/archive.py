"""Admin lists whose cost does not grow with the archive (#19).

The date hierarchy: Django's lists its years with
``queryset.datetimes(field, "year")``, a ``SELECT DISTINCT`` that reads every
row and truncates its date. Between the first and the last date there are
only a few years; one query asks each of them whether it has a row, through
the date's index.

The action checkboxes: a hundred a page, each rendered through Django's
form templates, were a third of a list's template time; ``AdminFormRenderer``
writes them.
"""

import datetime as dt

from django import forms
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.db.models import Exists
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .rendering import ADMIN_FORM_RENDERER


class YearsByRangeQuerySetMixin:
    """Answers ``datetimes()``/``dates()`` by year without truncating each row."""

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None, **kwargs):
        if kind != "year" or kwargs:
            return super().datetimes(field_name, kind, order, tzinfo, **kwargs)
        zone = tzinfo or timezone.get_current_timezone()
        return self._years(
            field_name,
            order,
            lambda year: timezone.make_aware(dt.datetime(year, 1, 1), zone),
            lambda value: timezone.localtime(value, zone).year,
        )

    def dates(self, field_name, kind, order="ASC"):
        if kind != "year":
            return super().dates(field_name, kind, order)
        return self._years(
            field_name,
            order,
            lambda year: dt.date(year, 1, 1),
            lambda value: value.year,
        )

    def _years(self, field_name, order, start_of, year_of):
        """Return the starts of the years with a row, ``order`` "ASC" or "DESC"."""
        dated = self.filter(**{f"{field_name}__isnull": False}).order_by()
        first = dated.order_by(field_name).values_list(field_name, flat=True)[:1]
        last = dated.order_by(f"-{field_name}").values_list(field_name, flat=True)[:1]
        if not first:
            return []
        candidates = range(year_of(first[0]), year_of(last[0]) + 1)
        if len(candidates) == 1:
            years = list(candidates)
        else:
            years = self._years_with_rows(dated, field_name, candidates, start_of)
        starts = [start_of(year) for year in years]
        return starts if order == "ASC" else starts[::-1]

    def _years_with_rows(self, dated, field_name, candidates, start_of):
        # One query: an EXISTS per year, on one row of the table.
        probes = {
            f"year_{year}": Exists(
                dated.filter(
                    **{
                        f"{field_name}__gte": start_of(year),
                        f"{field_name}__lt": start_of(year + 1),
                    }
                )
            )
            for year in candidates
        }
        found = (
            self.model._base_manager.order_by().annotate(**probes).values(*probes)[:1]
        )
        row = found[0]
        return [year for year in candidates if row[f"year_{year}"]]


_QUERYSET_CLASSES = {}


def _years_by_range(queryset):
    base = type(queryset)
    if base not in _QUERYSET_CLASSES:
        _QUERYSET_CLASSES[base] = type(
            f"YearsByRange{base.__name__}", (YearsByRangeQuerySetMixin, base), {}
        )
    queryset.__class__ = _QUERYSET_CLASSES[base]
    return queryset


class ArchiveChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        return _years_by_range(super().get_queryset(request, exclude_parameters))


class ArchiveAdminMixin:
    """For the ModelAdmin of a table that grows: its list's years and checkboxes."""

    def get_changelist(self, request, **kwargs):
        return ArchiveChangeList

    def action_checkbox(self, obj):
        # Django's own, but written by ADMIN_FORM_RENDERER.
        attrs = {
            "class": "action-select",
            "aria-label": format_html(
                _("Select this object for an action - {}"), str(obj)
            ),
        }
        checkbox = forms.CheckboxInput(attrs, lambda value: False)
        return checkbox.render(
            helpers.ACTION_CHECKBOX_NAME, str(obj.pk), renderer=ADMIN_FORM_RENDERER
        )
