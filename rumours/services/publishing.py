"""Taking stories and claims down, so partners can take them down too (#4).

Whoever withdraws a published story or claim (an editor in the admin, a
script) goes through these functions: each records a ``Tombstone`` that the
API's ``changes/`` feed hands to partners. Nothing is recorded for an item
readers never saw (a draft, a story still scheduled).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .. import roles
from ..history import acting_user, changes_since
from ..models import Article, Correction, Tombstone, TransferClaim

NOT_A_DRAFT = "Only a draft can be submitted for review: “{headline}” is {status}."
NOT_YOURS = "Only its author or an editor can submit “{headline}” for review."
ALREADY_PUBLISHED = "“{headline}” is already published."
NOT_PUBLISHED = "“{headline}” is not published, so there is nothing to take down."
SCHEDULE_IN_PAST = (
    "Choose a time in the future to schedule “{headline}”, or publish it now instead."
)
CORRECTION_NEEDS_PUBLISHED = (
    "Only a published story takes a correction: edit the draft of “{headline}” instead."
)
CORRECTION_EMPTY = "Write the correction: what was wrong, and what is right."
STALE_SAVE = (
    "Not saved: {who} saved this {thing} while you were editing it{fields}. "
    "Reload the page to see their version, then make your changes again; "
    "both versions are kept in its history."
)


class WorkflowError(Exception):
    """A step of the editorial workflow that does not apply to this story."""


class VersionConflict(Exception):
    """A save from a form loaded before someone else's save (#5, R19)."""


def require(user, permission, message):
    """Raise PermissionDenied(``message``) unless ``user`` holds ``permission``.

    ``user=None`` is the system itself (a script, an import): always allowed.
    """
    if user is not None and not user.has_perm(permission):
        raise PermissionDenied(message)


def stale_message(instance, version):
    """Return what to tell an editor whose form was loaded at ``version``."""
    users, fields = changes_since(instance, version)
    return STALE_SAVE.format(
        who=" and ".join(users) or "someone else",
        thing=type(instance)._meta.verbose_name,
        fields=f" (changed: {', '.join(fields)})" if fields else "",
    )


def claim_version(*, instance, expected_version):
    """Move ``instance``'s stored version on by one, if it is still the expected one.

    One ``UPDATE ... WHERE version = expected``: the database decides, so of
    two concurrent saves from forms loaded at the same version exactly one
    goes ahead (on PostgreSQL the second waits for the first to commit, then
    matches no row). Raise VersionConflict otherwise. Call inside the
    transaction that then saves ``instance``.
    """
    model = type(instance)
    claimed = model._default_manager.filter(
        pk=instance.pk, version=expected_version
    ).update(version=F("version") + 1)
    if not claimed:
        raise VersionConflict(stale_message(instance, expected_version))
    instance.version = expected_version + 1


def _save_step(instance, user, **changes):
    """Apply ``changes`` to the locked row of ``instance`` and save it, versioned.

    The row is read again under ``select_for_update()``, so a step never
    writes back fields an editor changed since ``instance`` was loaded. The
    caller's ``instance`` gets the new values too.
    """
    locked = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.version += 1
    with acting_user(user):
        locked.save()
    for name in (*changes, "version", "updated_at"):
        setattr(instance, name, getattr(locked, name))
    return instance


@transaction.atomic
def submit_article(*, article, user):
    """Send the draft ``article`` to the editors: draft → in review."""
    if article.status != Article.Status.DRAFT:
        raise WorkflowError(
            NOT_A_DRAFT.format(
                headline=article.headline, status=article.get_status_display()
            )
        )
    if (
        user is not None
        and article.author_id != user.pk
        and not roles.can_publish(user)
    ):
        raise PermissionDenied(NOT_YOURS.format(headline=article.headline))
    return _save_step(article, user, status=Article.Status.REVIEW)


@transaction.atomic
def publish_article(*, article, user, at=None):
    """Publish ``article`` now, or at ``at`` (a future time schedules it).

    A scheduled story appears on every public surface when its time comes:
    ``published()`` compares with "now" on every call, no job runs.
    """
    require(user, roles.PUBLISH, roles.ONLY_EDITORS_PUBLISH)
    if at is None and article.is_published:
        raise WorkflowError(ALREADY_PUBLISHED.format(headline=article.headline))
    return _save_step(
        article,
        user,
        status=Article.Status.PUBLISHED,
        published_at=at or timezone.now(),
    )


@transaction.atomic
def schedule_article(*, article, user, at):
    """Publish ``article`` at the future time ``at``."""
    require(user, roles.PUBLISH, roles.ONLY_EDITORS_PUBLISH)
    if at <= timezone.now():
        raise WorkflowError(SCHEDULE_IN_PAST.format(headline=article.headline))
    return publish_article(article=article, user=user, at=at)


@transaction.atomic
def send_back_article(*, article, user):
    """Return a story in review to its author as a draft."""
    require(user, roles.PUBLISH, roles.ONLY_EDITORS_PUBLISH)
    return _save_step(article, user, status=Article.Status.DRAFT)


@transaction.atomic
def add_correction(*, article, note, user, at=None):
    """Append a dated correction to the published ``article``; move ``updated_at``.

    The story page, the feeds and the API show corrections under the story.
    """
    require(user, roles.PUBLISH, roles.ONLY_EDITORS_CORRECT)
    if article.status != Article.Status.PUBLISHED:
        raise WorkflowError(
            CORRECTION_NEEDS_PUBLISHED.format(headline=article.headline)
        )
    if not note.strip():
        raise WorkflowError(CORRECTION_EMPTY)
    with acting_user(user):
        correction = Correction.objects.create(
            article=article,
            note=note.strip(),
            created_at=at or timezone.now(),
            created_by=user,
        )
    _save_step(article, user)
    return correction


def tombstone_article(*, article, reason):
    """Record that ``article`` and its claims left the public site.

    Two queries: the claims' ids, and one insert of every tombstone.
    """
    claim_ids = TransferClaim.objects.filter(article=article).values_list(
        "pk", flat=True
    )
    Tombstone.objects.bulk_create(
        [
            Tombstone(
                kind=Tombstone.Kind.ARTICLE,
                object_id=article.pk,
                slug=article.slug,
                reason=reason,
            ),
            *(
                Tombstone(kind=Tombstone.Kind.CLAIM, object_id=pk, reason=reason)
                for pk in claim_ids
            ),
        ]
    )


def tombstone_claims(*, claim_ids, reason):
    """Record that the claims ``claim_ids`` left the public site."""
    Tombstone.objects.bulk_create(
        Tombstone(kind=Tombstone.Kind.CLAIM, object_id=pk, reason=reason)
        for pk in claim_ids
    )


def is_public(article_id):
    """Return True if the stored story ``article_id`` is published and due."""
    return Article.objects.published().filter(pk=article_id).exists()


@transaction.atomic
def unpublish_article(*, article, user=None):
    """Return ``article`` to draft; tombstone it if readers could see it.

    It leaves every public surface at once (pages, feeds, sitemaps, the API),
    and partners are told through the API's ``changes/`` feed.
    """
    require(user, roles.PUBLISH, roles.ONLY_EDITORS_PUBLISH)
    if article.status != Article.Status.PUBLISHED:
        raise WorkflowError(NOT_PUBLISHED.format(headline=article.headline))
    was_public = is_public(article.pk)
    _save_step(article, user, status=Article.Status.DRAFT)
    if was_public:
        tombstone_article(article=article, reason=Tombstone.Reason.UNPUBLISHED)


@transaction.atomic
def delete_articles(*, articles):
    """Delete the stories ``articles`` (a queryset), tombstoning the public ones."""
    for article in articles.published():
        tombstone_article(article=article, reason=Tombstone.Reason.DELETED)
    articles.delete()


@transaction.atomic
def delete_claims(*, claims):
    """Delete the claims ``claims`` (a queryset), tombstoning the public ones."""
    tombstone_claims(
        claim_ids=list(claims.public().values_list("pk", flat=True)),
        reason=Tombstone.Reason.DELETED,
    )
    claims.delete()
