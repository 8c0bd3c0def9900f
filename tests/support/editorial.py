"""Helpers for the editorial workflow's tests (#5): roles, forms, actions."""

from django.contrib.admin import helpers

from rumours.models import Article
from rumours.models.roles import EDITOR, REPORTER, ensure_role_groups

from ..factories import UserFactory
from .admin_forms import admin_url, form_data


def reporter(**kwargs):
    ensure_role_groups()  # A transactional test empties the migration's groups.
    return UserFactory(staff=True, roles=[REPORTER], **kwargs)


def editor(**kwargs):
    ensure_role_groups()
    return UserFactory(staff=True, roles=[EDITOR], **kwargs)


def superuser(**kwargs):
    return UserFactory(superuser=True, **kwargs)


ROLE_MAKERS = {"reporter": reporter, "editor": editor, "superuser": superuser}


def logged_in(client, user):
    client.force_login(user)
    return client


def change_form(client, obj):
    """Return the POST data of ``obj``'s change form as a browser would send it."""
    response = client.get(admin_url(type(obj), "change", obj.pk))
    assert response.status_code == 200
    return form_data(response, f"{type(obj)._meta.model_name}_form")


def story_form(client, article):
    """Return the story's change URL and the data its form would post."""
    url = admin_url(Article, "change", article.pk)
    return url, form_data(client.get(url), "article_form")


def add_form(client, model):
    response = client.get(admin_url(model, "add"))
    assert response.status_code == 200
    return form_data(response, f"{model._meta.model_name}_form")


def save_change(client, obj, data):
    return client.post(admin_url(type(obj), "change", obj.pk), data)


def run_action(client, model, action, objects, **extra):
    """POST a changelist action for ``objects`` as the action bar does."""
    return client.post(
        admin_url(model, "changelist"),
        {
            "action": action,
            helpers.ACTION_CHECKBOX_NAME: [str(obj.pk) for obj in objects],
            "index": "0",
            **extra,
        },
    )


def confirm_action(client, model, action, objects, **extra):
    """POST the page an action showed (schedule, move players), as its form does."""
    return client.post(
        admin_url(model, "changelist"),
        {
            "action": action,
            helpers.ACTION_CHECKBOX_NAME: [str(obj.pk) for obj in objects],
            **extra,
        },
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def errors_of(response):
    """Return every error message the admin form page shows."""
    return [str(error) for errors in response.context["errors"] for error in errors]


def schedule_action(client, articles, at):
    """POST the schedule action's page for ``articles``, choosing ``at``."""
    return confirm_action(
        client,
        Article,
        "schedule",
        articles,
        apply="1",
        publish_at_0=at.strftime("%d/%m/%Y"),
        publish_at_1=at.strftime("%H:%M:%S"),
    )
