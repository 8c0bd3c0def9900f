"""Admin widgets whose queries do not grow with the number of inline forms."""

from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property

from .rendering import ADMIN_FORM_RENDERER


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete select that reads its selected label from ``labels``.

    Django's ``AutocompleteSelect`` runs one query per widget to find the label
    of the selected option, so fifty inline claims with five autocomplete fields
    cost 250 queries. ``preload_autocomplete_labels()`` fills ``labels`` for
    every form of a formset with one query per field; a widget left without
    labels (the formset's empty form) behaves like Django's.
    """

    labels = None  # {str(key): label}

    def render(self, name, value, attrs=None, renderer=None):
        # The admin's related-widget wrapper renders it with no renderer.
        return super().render(name, value, attrs, renderer or ADMIN_FORM_RENDERER)

    def optgroups(self, name, value, attr=None):
        if self.labels is None:
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        for key in value:
            if str(key) in self.labels:
                label = self.labels[str(key)]
                options.append(self.create_option(name, key, label, True, len(options)))
                break  # A single select shows one selected option.
        return [(None, options, 0)]


def preload_autocomplete_labels(forms):
    """Give the preloaded autocomplete widgets of ``forms`` their labels.

    One query per autocomplete field, whatever the number of forms. The forms
    must share their fields (the forms of one formset do).
    """
    if not forms:
        return
    for name, field in forms[0].fields.items():
        if not isinstance(_unwrap(field.widget), PreloadedAutocompleteSelect):
            continue
        key_field = field.queryset.model._meta.get_field(
            field.to_field_name or field.queryset.model._meta.pk.name
        )
        keys = set()
        for form in forms:
            value = form[name].value()
            if value in field.empty_values:
                continue
            try:
                keys.add(key_field.to_python(value))
            except ValidationError:
                continue  # Garbage in the POST: the form reports it, no label.
        rows = field.queryset.filter(**{f"{key_field.attname}__in": keys})
        labels = {
            str(getattr(obj, key_field.attname)): field.label_from_instance(obj)
            for obj in rows
        }
        for form in forms:
            _unwrap(form.fields[name].widget).labels = labels


def _unwrap(widget):
    # The admin wraps relation widgets in RelatedFieldWidgetWrapper.
    return getattr(widget, "widget", widget)


class PreloadedAutocompleteFormSet(BaseInlineFormSet):
    @cached_property
    def forms(self):
        forms = super().forms
        preload_autocomplete_labels(forms)
        return forms


class PreloadedAutocompleteInlineMixin:
    """Autocomplete inline fields with one label query per field, not per form."""

    formset = PreloadedAutocompleteFormSet

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                PreloadedAutocompleteSelect(
                    db_field, self.admin_site, using=kwargs.get("using")
                ),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
