"""The partner API's filters: a slug naming nothing is a 404 that names it (#17).

The schema says what a well-formed value looks like (a slug, at least one
character); only the server knows which slugs exist. A well-formed request
the schema allows is never refused with a 400: one that names no club,
player, competition or source points at nothing, as a detail URL with an
unknown slug does.
"""

from django_filters import ModelChoiceFilter, utils
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import NotFound

INVALID_CHOICE = "invalid_choice"


class PartnerFilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or not asks_to_filter(request, filterset_class):
            # A filter set without a value filters nothing, but building and
            # validating its form was a sixth of a list's time (#19).
            return queryset
        # DjangoFilterBackend's own steps, on one filterset: validating it
        # twice would look each named club or player up twice.
        kwargs = self.get_filterset_kwargs(request, queryset, view)
        filterset = filterset_class(**kwargs)
        if not filterset.is_valid():
            raise_for_unknown_slugs(filterset)
            raise utils.translate_validation(filterset.errors)
        return filterset.qs


def asks_to_filter(request, filterset_class):
    """Return whether ``request`` names any filter of ``filterset_class``."""
    return not request.query_params.keys().isdisjoint(filterset_class.base_filters)


def raise_for_unknown_slugs(filterset):
    """Raise a 404 when the only problems are slugs that name nothing."""
    errors = filterset.form.errors.as_data()
    unknown = {
        name
        for name, problems in errors.items()
        if isinstance(filterset.filters.get(name), ModelChoiceFilter)
        and all(problem.code == INVALID_CHOICE for problem in problems)
    }
    if unknown and unknown == set(errors):
        names = sorted(unknown)
        raise NotFound(
            "; ".join(
                f"No {filterset.filters[name].queryset.model._meta.verbose_name} "
                f"has the slug {filterset.data[name]!r} ({name})"
                for name in names
            )
            + "."
        )
