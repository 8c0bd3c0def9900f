"""The editorial workflow's steps: submit, publish, schedule, correct, unpublish.

Each step saves row by row through ``save_step()``, so every change is in
the row's history with its user, its version moves on and the save signals
run. Role rules come from ``rumours.models.roles``.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ..models import Article, Correction, Tombstone, roles
from ..models.history import acting_user
from ..models.roles import require
from .notifications import notify_review
from .takedown import recording_withdrawals
from .versioning import save_step

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


class WorkflowError(Exception):
    """A step of the editorial workflow that does not apply to this story."""


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
    submitted = save_step(article, user, status=Article.Status.REVIEW)
    notify_review(submitted, user)  # The editors hear of it (#14).
    return submitted


@transaction.atomic
def publish_article(*, article, user, at=None):
    """Publish ``article`` now, or at ``at`` (a future time schedules it).

    A scheduled story appears on every public surface when its time comes:
    ``published()`` compares with "now" on every call, no job runs.
    """
    require(user, roles.PUBLISH, roles.ONLY_EDITORS_PUBLISH)
    if at is None and article.is_published:
        raise WorkflowError(ALREADY_PUBLISHED.format(headline=article.headline))
    return save_step(
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
    return save_step(article, user, status=Article.Status.DRAFT)


@transaction.atomic
def add_correction(*, article, note, user, at=None):
    """Append a dated correction to the published ``article``; it reads as updated.

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
    save_step(article, user, revised_at=correction.created_at)
    return correction


@transaction.atomic
def unpublish_article(*, article, user=None):
    """Return ``article`` to draft; tombstone it if readers could see it.

    It leaves every public surface at once (pages, feeds, sitemaps, the API),
    and partners are told through the API's ``changes/`` feed.
    """
    require(user, roles.PUBLISH, roles.ONLY_EDITORS_PUBLISH)
    if article.status != Article.Status.PUBLISHED:
        raise WorkflowError(NOT_PUBLISHED.format(headline=article.headline))
    with recording_withdrawals(
        articles=[article.pk], reason=Tombstone.Reason.UNPUBLISHED
    ):
        save_step(article, user, status=Article.Status.DRAFT)
