"""Editors saving through the admin of a live server, without a pause (#18).

``EDITOR`` (run with ``stack.python``) makes the account; each ``Editor``
thread signs in and adds stories one after another until told to stop,
keeping the saves the admin acknowledged.
"""

import threading
import time

from django.utils.text import slugify

from .admin_forms import form_data
from .live_servers import Browser

EDITOR = """
from django.contrib.auth import get_user_model
get_user_model().objects.create_superuser(
    "desk-editor", "c@example.com", "saves-survive-9"
)
"""

ADD_STORY = "/admin/rumours/article/add/"


def signed_in_editor(server):
    browser = Browser()
    browser.get(server, "/admin/login/")
    answer = browser.post(
        server,
        "/admin/login/",
        {
            "username": "desk-editor",
            "password": "saves-survive-9",
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            "next": "/admin/",
        },
    )
    assert answer.status == 302
    return browser


class Editor(threading.Thread):
    """Adds stories through the admin, one after another, until told to stop.

    ``statuses`` holds the status of every answer; ``acknowledged`` holds
    (when, headline) for each save the admin answered with its redirect:
    the editor was told the story is saved.
    """

    def __init__(self, server, number, stopping):
        super().__init__(daemon=True)
        self.server, self.number, self.stopping = server, number, stopping
        self.browser = signed_in_editor(server)
        self.acknowledged = []
        self.statuses = []  # of every page and save asked for

    def run(self):
        form, count = None, 0
        while not self.stopping.is_set():
            try:
                if form is None:
                    page = self.browser.get(self.server, ADD_STORY)
                    self.statuses.append(page.status)
                    if page.status != 200:
                        time.sleep(0.05)
                        continue
                    form = form_data(page, "article_form")
                headline = f"Live save {self.number}-{count}"
                count += 1
                answer = self.browser.post(
                    self.server,
                    ADD_STORY,
                    {
                        **form,
                        "headline": headline,
                        "slug": slugify(headline),
                        "body": "Saved while the database may be going down.",
                    },
                )
                self.statuses.append(answer.status)
                if answer.status == 302:
                    self.acknowledged.append((time.monotonic(), headline))
            except OSError:
                time.sleep(0.05)
