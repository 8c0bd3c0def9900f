"""A stacked inline whose forms' fieldsets are written in Python (#19).

A story's change page with nine claims rendered Django's
``admin/includes/fieldset.html`` for each claim's 27 fields, half the page's
time, most of it the template language itself. An inline with
``PythonFieldsetsInlineMixin``, under a ModelAdmin with
``PythonFieldsetsAdminMixin``, has its unnamed fieldsets (the claims' own)
written by ``fieldset_html()``, byte for byte as that template writes them;
a named or described fieldset still goes through the template.
"""

from django.contrib.admin import helpers
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

FIELD_INDENT = "\n" + " " * 16


def fieldset_html(fieldset):
    """``admin/includes/fieldset.html`` for a fieldset with no name or description."""
    lines = "".join(_line(line) for line in fieldset)
    classes = conditional_escape(fieldset.classes)
    # Every value in the markup is escaped here or is Django's own safe HTML
    # (a field's widget, label and errors; help text, which Django's admin
    # template prints as safe too), as the template would print it.
    # nosemgrep: td-mark-safe - built from escaped values and safe HTML only
    return mark_safe(  # nosec B308 B703 # escaped values and safe HTML only
        f'<fieldset class="module aligned {classes}">\n    \n    \n    '
        f"{lines}\n    \n</fieldset>\n"
    )


def _line(line):
    fields = list(line)
    single = len(line.fields) == 1
    row = "form-row"
    if single and line.errors():
        row += " errors"
    if not line.has_visible_field:
        row += " hidden"
    for field in fields:
        name = _name(field)
        if name:
            row += f" field-{conditional_escape(name)}"
    opening = line.errors() if single else '<div class="flex-container form-multiline">'
    closing = "" if single else "</div>"
    return (
        f'\n        <div class="{row}">\n            {opening}\n            '
        f"{''.join(_field(field, single) for field in fields)}"
        f"\n            {closing}\n        </div>\n    "
    )


def _field(field, single):
    errors = ""
    if not single and not field.is_readonly:
        errors = field.errors()
    box = "flex-container"
    if not single:
        box += " fieldBox"
        name = _name(field)
        if name:
            box += f" field-{conditional_escape(name)}"
        if not field.is_readonly and field.errors():
            box += " errors"
        if _bound(field, "is_hidden"):
            box += " hidden"
    if field.is_checkbox:
        box += " checkbox-row"
    indent = "\n" + " " * 32
    if field.is_checkbox:
        body = f"{indent}{field.field}{field.label_tag()}\n" + " " * 28
    elif field.is_readonly:
        body = (
            f"{indent}{field.label_tag()}{indent}{indent}    "
            f'<div class="readonly">{field.contents()}</div>{indent}\n' + " " * 28
        )
    else:
        body = (
            f"{indent}{field.label_tag()}{indent}{indent}    {field.field}{indent}\n"
            + " " * 28
        )
    return (
        f"{FIELD_INDENT}<div>\n{' ' * 20}{errors}\n{' ' * 24}"
        f'<div class="{box}">\n{" " * 28}{body}\n{" " * 24}</div>\n{" " * 20}'
        f"{_help(field)}{FIELD_INDENT}</div>\n{' ' * 12}"
    )


def _help(field):
    help_text = _bound(field, "help_text")
    if not help_text:
        return ""
    hidden = " hidden" if _bound(field, "is_hidden") else ""
    label_id = _bound(field, "id_for_label")
    id_attr = format_html(' id="{}_helptext"', label_id) if label_id else ""
    return (
        f'\n{" " * 24}<div class="help{hidden}"{id_attr}>\n{" " * 28}'
        f"<div>{help_text}</div>\n{' ' * 24}</div>\n{' ' * 20}"
    )


def _bound(field, attribute):
    """``field.field.<attribute>``: a bound field's, or a read-only field's dict."""
    if isinstance(field.field, dict):
        return field.field.get(attribute)
    return getattr(field.field, attribute)


def _name(field):
    return _bound(field, "name")


class PythonFieldset(helpers.InlineFieldset):
    def html(self):
        return fieldset_html(self)


class PythonFieldsetsInlineAdminForm(helpers.InlineAdminForm):
    def __iter__(self):
        for fieldset in super().__iter__():
            fieldset.__class__ = PythonFieldset
            yield fieldset


class PythonFieldsetsInlineAdminFormSet(helpers.InlineAdminFormSet):
    def __iter__(self):
        for inline_admin_form in super().__iter__():
            inline_admin_form.__class__ = PythonFieldsetsInlineAdminForm
            yield inline_admin_form


class PythonFieldsetsInlineMixin:
    """For a stacked inline: its unnamed fieldsets written by ``fieldset_html``."""

    template = "admin/edit_inline/stacked_python_fieldsets.html"


class PythonFieldsetsAdminMixin:
    """For a ModelAdmin with a ``PythonFieldsetsInlineMixin`` inline."""

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_admin_formsets = super().get_inline_formsets(
            request, formsets, inline_instances, obj
        )
        for inline_admin_formset in inline_admin_formsets:
            if isinstance(inline_admin_formset.opts, PythonFieldsetsInlineMixin):
                inline_admin_formset.__class__ = PythonFieldsetsInlineAdminFormSet
        return inline_admin_formsets
