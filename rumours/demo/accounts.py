"""The demo newsroom and its accounts, for `make run` only."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from ..models.roles import EDITOR, REPORTER, ensure_role_groups

DEMO_FILE = Path(__file__).resolve().parent.parent / "demo" / "newsroom.json"
DEMO_EDITOR_USERNAME = "editor"
DEMO_EDITOR_PASSWORD = "transfer-desk-demo"
DEMO_REPORTER_USERNAME = "reporter"
DEMO_REPORTER_PASSWORD = "transfer-desk-demo"

# username → (password, role, first name, last name)
DEMO_ACCOUNTS = {
    # Distinct names, so a tester sees whose session a window holds (#14).
    DEMO_EDITOR_USERNAME: (DEMO_EDITOR_PASSWORD, EDITOR, "Eddie", "Editor"),
    DEMO_REPORTER_USERNAME: (DEMO_REPORTER_PASSWORD, REPORTER, "Rita", "Reporter"),
}


@transaction.atomic
def ensure_demo_account(username):
    """Return ``(user, created)`` for a demo account, creating it if missing.

    The account is put in its role's group (#5) every time. An existing
    account keeps its password, so running `make run` again never undoes a
    change the demo user made.
    """
    password, role, first_name, last_name = DEMO_ACCOUNTS[username]
    groups = ensure_role_groups()
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": last_name, "is_staff": True},
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    elif user.first_name in ("", "Demo"):  # named before #14: both "Demo"
        user.first_name, user.last_name = first_name, last_name
        user.save(update_fields=["first_name", "last_name"])
    user.groups.add(groups[role])
    return user, created


def ensure_demo_editor():
    """Return ``(user, created)`` for the demo editor (the Editor role)."""
    return ensure_demo_account(DEMO_EDITOR_USERNAME)


def ensure_demo_reporter():
    """Return ``(user, created)`` for the demo reporter (the Reporter role)."""
    return ensure_demo_account(DEMO_REPORTER_USERNAME)
