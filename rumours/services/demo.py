"""The demo newsroom and its editor account, for `make run` only."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction

DEMO_FILE = Path(__file__).resolve().parent.parent / "demo" / "newsroom.json"
DEMO_EDITOR_USERNAME = "editor"
DEMO_EDITOR_PASSWORD = "transfer-desk-demo"


@transaction.atomic
def ensure_demo_editor():
    """Return ``(user, created)`` for the demo editor, creating it if missing.

    An existing account keeps its password, so running `make run` again never
    undoes a change the demo user made.
    """
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=DEMO_EDITOR_USERNAME,
        defaults={"first_name": "Demo", "last_name": "Editor", "is_staff": True},
    )
    if created:
        user.set_password(DEMO_EDITOR_PASSWORD)
        user.save(update_fields=["password"])
        user.user_permissions.set(
            Permission.objects.filter(content_type__app_label="rumours")
            | Permission.objects.filter(
                content_type__app_label="auth", codename="view_user"
            )
        )
    return user, created
