"""The desk's two roles and what each may do to a story (#5).

Roles are groups made by a data migration (``0004_editorial_roles``): their
permissions say what a member may do, so a superuser (who has every
permission) keeps everything. The rules that depend on the row as well as the
role (a reporter edits only her own drafts) live here, and the admin and the
services both ask these functions.
"""

from django.core.exceptions import PermissionDenied

REPORTER = "Reporter"
EDITOR = "Editor"

PUBLISH = "rumours.publish_article"
RESOLVE = "rumours.resolve_transferclaim"
SET_TIER = "rumours.set_source_tier"

ONLY_EDITORS_PUBLISH = "Only editors can publish, schedule or unpublish stories."
ONLY_EDITORS_RESOLVE = "Only editors can mark claims confirmed, denied or lapsed."
ONLY_EDITORS_SET_TIER = (
    "Only editors can set a source's reliability tier; it was left as it was ({tier})."
)
ONLY_EDITORS_CORRECT = "Only editors can append corrections to a published story."

# A claim's fields that say how it turned out.
RESOLUTION_FIELDS = (
    "outcome",
    "resolved_at",
    "resolution_note",
    "evidence_article",
    "evidence_url",
)

_MODEL_PERMISSIONS = ("add", "change", "delete", "view")

# The permissions each group is given, as "app_label.codename".
REPORTER_PERMISSIONS = (
    *(f"rumours.{action}_article" for action in _MODEL_PERMISSIONS),
    *(f"rumours.{action}_transferclaim" for action in _MODEL_PERMISSIONS),
    *(f"rumours.{action}_attribution" for action in _MODEL_PERMISSIONS),
    *(f"rumours.{action}_claimamount" for action in _MODEL_PERMISSIONS),
    "rumours.add_source",
    "rumours.change_source",
    "rumours.view_source",
    # Names new to the newsroom, created from a draft's claims (#14).
    "rumours.add_club",
    "rumours.add_player",
    "rumours.view_club",
    "rumours.view_clubalias",
    "rumours.view_clubrole",
    "rumours.view_player",
    "rumours.view_competition",
    "rumours.view_squadnote",
    "rumours.view_correction",
    "rumours.view_lapsewindow",
)
EDITOR_NEWSROOM_MODELS = (
    "article",
    "transferclaim",
    "attribution",
    "claimamount",
    "correction",
    "source",
    "club",
    "clubalias",
    "clubrole",
    "player",
    "competition",
    "squadnote",
    "lapsewindow",
)
EDITOR_PERMISSIONS = (
    *(
        f"rumours.{action}_{model}"
        for model in EDITOR_NEWSROOM_MODELS
        for action in _MODEL_PERMISSIONS
    ),
    "rumours.view_tombstone",
    PUBLISH,
    RESOLVE,
    SET_TIER,
    "auth.view_user",  # The author field's autocomplete lists the staff.
)
ROLE_PERMISSIONS = {REPORTER: REPORTER_PERMISSIONS, EDITOR: EDITOR_PERMISSIONS}


def can_publish(user):
    """Return True if ``user`` may publish, schedule and unpublish stories."""
    return user.has_perm(PUBLISH)


def can_resolve(user):
    return user.has_perm(RESOLVE)


def closed_claim_fields(user):
    """Return the claim fields ``user`` sees but may not change.

    A claim's outcome and resolution time belong to those who may resolve.
    """
    return [] if can_resolve(user) else list(RESOLUTION_FIELDS)


def can_set_tier(user):
    return user.has_perm(SET_TIER)


def may_edit_article(user, article):
    """Return True if ``user`` may change ``article`` (given the change permission).

    Editors change any story; a reporter only her own drafts. Once submitted,
    a story is the editors' until one of them sends it back to draft.
    """
    if can_publish(user):
        return True
    return article.author_id == user.pk and article.status == article.Status.DRAFT


def ensure_role_groups():
    """Return the Reporter and Editor groups, (re)made with their permissions.

    The data migration makes them; this restores them where a database was
    emptied after migrating (a flush, a transactional test).
    """
    from django.contrib.auth.models import Group, Permission

    groups = {}
    for name, permissions in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = Permission.objects.none()
        for permission in permissions:
            app_label, codename = permission.split(".")
            wanted |= Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            )
        group.permissions.set(wanted)
        groups[name] = group
    return groups


def require(user, permission, message):
    """Raise PermissionDenied(``message``) unless ``user`` holds ``permission``.

    ``user=None`` is the system itself (a script, an import): always allowed.
    """
    if user is not None and not user.has_perm(permission):
        raise PermissionDenied(message)
