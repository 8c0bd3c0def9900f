"""Slug links built without reverse() each time (rumours/links.py, #6)."""

import pytest
from django.test import override_settings
from django.urls import reverse, set_script_prefix

from rumours.models.links import slug_url

SLUG_ROUTES = [
    "rumours:article-detail",
    "rumours:club-detail",
    "rumours:club-squad",
    "rumours:player-detail",
    "rumours:source-detail",
]


@pytest.mark.parametrize("view_name", SLUG_ROUTES)
def test_a_slug_link_is_what_reverse_gives(view_name):
    assert slug_url(view_name, "radu-dragusin") == reverse(
        view_name, kwargs={"slug": "radu-dragusin"}
    )


def test_a_slug_link_follows_the_script_prefix():
    slug_url("rumours:club-detail", "ac-milan")  # remembered under "/"
    set_script_prefix("/desk/")
    try:
        link = slug_url("rumours:club-detail", "ac-milan")
    finally:
        set_script_prefix("/")

    assert link == "/desk/clubs/ac-milan/"


def test_a_slug_link_follows_a_new_root_urlconf():
    slug_url("rumours:club-detail", "ac-milan")  # remembered for the site

    with override_settings(ROOT_URLCONF="tests.support.moved_urls"):
        moved = slug_url("rumours:club-detail", "ac-milan")

    assert moved == "/news/clubs/ac-milan/"
    assert slug_url("rumours:club-detail", "ac-milan") == "/clubs/ac-milan/"
