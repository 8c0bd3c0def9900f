"""Helpers for driving the admin through real requests, as a browser would."""

from html.parser import HTMLParser
from io import BytesIO

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image


class FormParser(HTMLParser):
    """Collect what a browser would submit from the form with ``form_id``."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.data = {}
        self.in_form = False
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
        elif not self.in_form:
            return
        elif tag == "input":
            self.add_input(attrs)
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.data[self.textarea] = ""
        elif tag == "select":
            self.select = {"name": attrs["name"], "multiple": "multiple" in attrs}
            self.select["first"] = None
            self.data[attrs["name"]] = [] if self.select["multiple"] else None
        elif tag == "option" and self.select is not None:
            self.add_option(attrs)

    def add_input(self, attrs):
        kind = attrs.get("type", "text")
        if "name" not in attrs or kind in {"submit", "button", "image", "file"}:
            return
        if kind in {"checkbox", "radio"}:
            if "checked" in attrs:
                self.data.setdefault(attrs["name"], []).append(attrs.get("value", "on"))
            return
        self.data[attrs["name"]] = attrs.get("value", "")

    def add_option(self, attrs):
        name, value = self.select["name"], attrs.get("value", "")
        if self.select["first"] is None:
            self.select["first"] = value
        if "selected" not in attrs:
            return
        if self.select["multiple"]:
            self.data[name].append(value)
        else:
            self.data[name] = value

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select is not None:
            name = self.select["name"]
            if self.data[name] is None:  # A browser submits the first option.
                self.data[name] = self.select["first"] or ""
            self.select = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.data[self.textarea] += data


def form_data(response, form_id):
    """Return the POST data a browser would send for ``form_id`` unchanged."""
    parser = FormParser(form_id)
    parser.feed(response.content.decode())
    # Browsers drop the newline that opens a textarea's content.
    return {
        name: value[1:] if isinstance(value, str) and value[:1] == "\n" else value
        for name, value in parser.data.items()
    }


def add_inline_form(data, prefix):
    """Add a form to an inline as "Add another" does; return its prefix."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    template = f"{prefix}-__prefix__-"
    for name, value in list(data.items()):
        if name.startswith(template):
            data[name.replace("__prefix__", str(index))] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    return f"{prefix}-{index}-"


def fill_claim(data, form_prefix, claim):
    """Fill an inline claim form with the parties of an unsaved ``claim``."""
    data.update(
        {
            f"{form_prefix}player": str(claim.player.pk),
            f"{form_prefix}from_club": str(claim.from_club.pk),
            f"{form_prefix}to_club": str(claim.to_club.pk),
            f"{form_prefix}source": str(claim.source.pk),
            f"{form_prefix}claim_type": claim.claim_type,
            f"{form_prefix}quote": claim.quote,
        }
    )


def assert_saved(response):
    assert response.status_code == 302, response.context["errors"]


class ImageTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def images_in(response):
    parser = ImageTags()
    parser.feed(response.content.decode())
    return parser.images


def png_upload(name="hero.png"):
    buffer = BytesIO()
    Image.new("RGB", (8, 6), "green").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def count_queries(client, url):
    """Return the number of queries a GET of ``url`` runs, and the response."""
    ContentType.objects.clear_cache()  # Both sizes start cold, whatever ran before.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)
