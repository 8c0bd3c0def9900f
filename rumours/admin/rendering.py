"""A form renderer that writes the admin's commonest form snippets in Python (#19).

A story's change page renders some 900 labels, inputs, selects, options and
empty error lists, each through Django's template machinery; that is a third
of the page's time (bench/README.md). ``AdminFormRenderer`` writes those
snippets itself, byte for byte as Django's templates of ``django/forms``
write them, and hands every other template, and any value it does not know
how to print as the template would, to Django's renderer.
"""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "hidden",
        "date",
        "time",
        "datetime",
        "checkbox",
        "url",
        "number",
        "email",
        "password",
    )
}
ERROR_LIST_TEMPLATES = {
    "django/forms/errors/list/default.html",
    "django/forms/errors/list/ul.html",
}
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


class Fallback(Exception):
    """A value the templates would print differently (localised): use them."""


def _text(value):
    """``{{ value }}`` for a string: escaped unless already safe."""
    if isinstance(value, Promise):
        value = str(value)
    if not isinstance(value, str):
        raise Fallback  # Numbers and dates are localised by the template.
    return conditional_escape(value)


def _stringformat(value):
    """``{{ value|stringformat:'s' }}``."""
    formatted = str(value)
    if isinstance(value, SafeData):
        # nosemgrep: td-mark-safe - the value was marked safe before str()
        formatted = mark_safe(formatted)  # nosec B308 B703 # it was safe already
    return conditional_escape(formatted)


def _attrs(attrs):
    """``django/forms/attrs.html`` and ``django/forms/widgets/attrs.html``."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_text(name)}")
        if value is not True:
            parts.append(f'="{_stringformat(value)}"')
    return "".join(parts)


def _input(widget):
    value = ""
    if widget["value"] is not None:
        value = f' value="{_stringformat(widget["value"])}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{value}{_attrs(widget['attrs'])}>"
    )


def _select(widget):
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION_TEMPLATE:
                raise Fallback
            parts.append(
                f'\n  <option value="{_stringformat(option["value"])}"'
                f"{_attrs(option['attrs'])}>{_text(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget):
    value = _text(widget["value"]) if widget["value"] else ""
    name, attrs = _text(widget["name"]), _attrs(widget["attrs"])
    return f'<textarea name="{name}"{attrs}>\n{value}</textarea>'


def _label(context):
    if not context["use_tag"]:
        return _text(context["label"])
    tag = _text(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{_text(context['label'])}</{tag}>"


class AdminFormRenderer(DjangoTemplates):
    """Django's default form renderer, with its hottest templates in Python."""

    def render(self, template_name, context, request=None):
        try:
            written = self._write(template_name, context)
        except Fallback:
            written = None
        if written is None:
            return super().render(template_name, context, request)
        return written.strip()  # As Django's renderer strips a template's output.

    def _write(self, template_name, context):
        if template_name in ERROR_LIST_TEMPLATES:
            return None if context["errors"] else ""
        if template_name == "django/forms/label.html":
            return _label(context)
        widget = context.get("widget")
        if widget is None:
            return None
        if template_name in INPUT_TEMPLATES:
            return _input(widget)
        if template_name == "django/forms/widgets/select.html":
            return _select(widget)
        if template_name == "django/forms/widgets/textarea.html":
            return _textarea(widget)
        return None


ADMIN_FORM_RENDERER = AdminFormRenderer()


class AdminModelForm(forms.ModelForm):
    """The admin's model forms: rendered by ``ADMIN_FORM_RENDERER``."""

    default_renderer = ADMIN_FORM_RENDERER
