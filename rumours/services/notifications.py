"""Telling the editors a story waits for them (#14).

Submitting for review e-mails every active user who may publish (through a
group, their own permissions or as a superuser) and has an address, once
the submission commits. Django's mail framework sends it: the console
backend in development, SMTP in production (docs/deploy.md).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from ..models import roles

REVIEW_SUBJECT = "For review: {headline}"
REVIEW_BODY = (
    "{author} submitted “{headline}” for review.\n\nReview and publish it here: {url}\n"
)


def editors():
    """Return the active users who may publish and have an e-mail address."""
    app_label, codename = roles.PUBLISH.split(".")
    publish = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    )
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=publish)
            | Q(groups__permissions__in=publish),
            is_active=True,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def notify_review(article, submitter):
    """E-mail the editors that ``article`` waits for review, after the commit."""
    # robust: a mail relay that fails is logged; the submission stands.
    transaction.on_commit(lambda: send_review_mail(article, submitter), robust=True)


def send_review_mail(article, submitter):
    """Send the review notice now; return the number of messages sent."""
    recipients = [
        user.email for user in editors() if submitter is None or user.pk != submitter.pk
    ]
    if not recipients:
        return 0
    author = "The desk"
    if submitter is not None:
        author = submitter.get_full_name() or submitter.get_username()
    url = settings.PUBLIC_BASE_URL.rstrip("/") + reverse(
        "admin:rumours_article_change", args=[article.pk]
    )
    return send_mail(
        REVIEW_SUBJECT.format(headline=article.headline),
        REVIEW_BODY.format(author=author, headline=article.headline, url=url),
        None,
        recipients,
    )
