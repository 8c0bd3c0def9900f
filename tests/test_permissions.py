"""R8: the permission matrix, one committed table of expected status codes.

Six roles (anonymous, a revoked partner key, a valid partner key, reporter,
editor, superuser) × every URL pattern (reader pages, feeds, sitemaps, the
partner API, the staff preview, the admin's index and every registered
model's changelist, add, change, delete and history pages) × the methods
that matter, forged POSTs included: a reporter posting ``status=published``,
a partner POSTing to the API, a reporter deleting published work.

Each role gets its own newsroom, so a POST that one role may make (an editor
publishing) does not change what the next role finds.
"""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve
from rest_framework_api_key.models import APIKey

from rumours.models import (
    Article,
    LapseWindow,
    Tombstone,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)

from .factories import (
    ArticleFactory,
    AttributionFactory,
    ClaimAmountFactory,
    ClubAliasFactory,
    ClubRoleFactory,
    CorrectionFactory,
    SquadNoteFactory,
    TransferClaimFactory,
    UserFactory,
)
from .support.admin_forms import form_data
from .support.editorial import editor, reporter, superuser

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "revoked key", "valid key", "reporter", "editor", "superuser")

# Expected codes, in the order of ROLES.
READER = (200, 200, 200, 200, 200, 200)
REDIRECT = (302, 302, 302, 302, 302, 302)
GONE = (404, 404, 404, 404, 404, 404)
STAFF_PREVIEW = (404, 404, 404, 200, 200, 200)
API_READ = (401, 403, 200, 401, 401, 401)
API_WRITE = (401, 403, 405, 401, 401, 401)
# The admin sends everyone without a staff session to its login page.
STAFF = (302, 302, 302, 200, 200, 200)
EDITORS = (302, 302, 302, 403, 200, 200)
SUPERUSERS = (302, 302, 302, 403, 403, 200)
NOBODY = (302, 302, 302, 403, 403, 403)
# A forged publication: the reporter's form comes back with the error.
FORGED_PUBLISH = (302, 302, 302, 200, 302, 302)
# A forged delete of published work: refused for the reporter.
FORGED_DELETE = (302, 302, 302, 403, 302, 302)


def admin_rows(model, obj, *, changelist, add, change, delete, history):
    base = f"/admin/{model}/"
    return [
        ("GET", base, changelist),
        ("GET", f"{base}add/", add),
        ("GET", f"{base}{{{obj}}}/change/", change),
        ("GET", f"{base}{{{obj}}}/delete/", delete),
        ("GET", f"{base}{{{obj}}}/history/", history),
    ]


def view_only(model, obj):
    """Reporters view; editors manage."""
    return admin_rows(
        model,
        obj,
        changelist=STAFF,
        add=EDITORS,
        change=STAFF,
        delete=EDITORS,
        history=STAFF,
    )


MATRIX = [
    # Reader pages, feeds, sitemaps, the health check: the same for everyone.
    ("GET", "/", READER),
    ("GET", "/healthz", READER),
    ("GET", "/healthz/live", READER),
    ("GET", "/healthz/ready", READER),
    ("GET", "/stories/{article_slug}/", READER),
    ("GET", "/players/{player_slug}/", READER),
    ("GET", "/clubs/{club_slug}/", READER),
    ("GET", "/clubs/{club_slug}/squad/", READER),
    ("GET", "/sources/{source_slug}/", READER),
    ("GET", "/search/?q=Player", READER),
    ("GET", "/clubs/", READER),
    ("GET", "/players/", READER),
    ("GET", "/sources/", READER),
    ("GET", "/competitions/", READER),
    ("GET", "/market/", READER),
    ("GET", "/methodology/", READER),
    ("GET", "/api/v1/start/", READER),
    ("GET", "/favicon.ico", REDIRECT),
    ("GET", "/feeds/latest.atom", READER),
    ("GET", "/feeds/latest.rss", READER),
    ("GET", "/feeds/latest.json", READER),
    ("GET", "/clubs/{club_slug}/feed.atom", READER),
    ("GET", "/sitemap.xml", READER),
    ("GET", "/news-sitemap.xml", READER),
    # A draft is nobody's public page; staff see it in the preview only.
    ("GET", "/stories/{draft_slug}/", GONE),
    ("GET", "/preview/stories/{draft}/", STAFF_PREVIEW),
    ("GET", "/preview/stories/{article}/", STAFF_PREVIEW),
    # The partner API: a valid key reads, nobody writes.
    *(
        row
        for path in (
            "articles/",
            "articles/{article_slug}/",
            "claims/",
            "claims/{claim}/",
            "players/",
            "players/{player_slug}/",
            "clubs/",
            "clubs/{club_slug}/",
            "clubs/{club_slug}/squad/",
            "sources/",
            "sources/{source_slug}/",
            "competitions/",
            "competitions/{competition_slug}/",
            "changes/",
            "market/",
            "calibration/",
        )
        for row in (
            ("GET", f"/api/v1/{path}", API_READ),
            ("POST", f"/api/v1/{path}", API_WRITE),
        )
    ),
    ("GET", "/api/v1/articles/{draft_slug}/", (401, 403, 404, 401, 401, 401)),
    ("GET", "/api/v1/schema/", READER),
    ("GET", "/api/v1/docs/", READER),
    ("GET", "/api/v1/no-such-endpoint/", GONE),
    # The admin.
    ("GET", "/admin/", STAFF),
    *admin_rows(
        "rumours/article",
        "article",
        changelist=STAFF,
        add=STAFF,
        change=STAFF,  # a reporter sees someone else's story read-only
        delete=EDITORS,
        history=STAFF,
    ),
    ("GET", "/admin/rumours/article/{own_draft}/change/", STAFF),
    ("GET", "/admin/rumours/article/{own_draft}/delete/", STAFF),
    # Claims from copy (#14): proposals for a story its user may change.
    ("GET", "/admin/rumours/article/propose/", STAFF),
    ("GET", "/admin/rumours/article/{own_draft}/propose/", STAFF),
    ("GET", "/admin/rumours/article/{article}/propose/", EDITORS),
    ("GET", "/admin/rumours/article/money/?text=30m", STAFF),
    *admin_rows(
        "rumours/transferclaim",
        "claim",
        changelist=STAFF,
        add=STAFF,
        change=STAFF,
        delete=EDITORS,
        history=STAFF,
    ),
    # Relays and speakers: browsed here, changed on their claim's page.
    *admin_rows(
        "rumours/attribution",
        "attribution",
        changelist=STAFF,
        add=NOBODY,
        change=STAFF,
        delete=NOBODY,
        history=STAFF,
    ),
    # Amounts likewise (#13).
    *admin_rows(
        "rumours/claimamount",
        "amount",
        changelist=STAFF,
        add=NOBODY,
        change=STAFF,
        delete=NOBODY,
        history=STAFF,
    ),
    *admin_rows(
        "rumours/source",
        "source",
        changelist=STAFF,
        add=STAFF,
        change=STAFF,
        delete=EDITORS,
        history=STAFF,
    ),
    # Reporters add the clubs and players a draft names (#14).
    *admin_rows(
        "rumours/club",
        "club",
        changelist=STAFF,
        add=STAFF,
        change=STAFF,
        delete=EDITORS,
        history=STAFF,
    ),
    *view_only("rumours/clubalias", "alias"),
    *admin_rows(
        "rumours/player",
        "player",
        changelist=STAFF,
        add=STAFF,
        change=STAFF,
        delete=EDITORS,
        history=STAFF,
    ),
    *view_only("rumours/competition", "competition"),
    *view_only("rumours/squadnote", "note"),
    *view_only("rumours/clubrole", "role"),
    *view_only("rumours/lapsewindow", "lapse"),
    *admin_rows(
        "rumours/correction",
        "correction",
        changelist=STAFF,
        add=NOBODY,  # appended from the story's page only
        change=STAFF,
        delete=EDITORS,
        history=STAFF,
    ),
    *admin_rows(
        "rumours/tombstone",
        "tombstone",
        changelist=EDITORS,
        add=NOBODY,
        change=EDITORS,
        delete=NOBODY,
        history=EDITORS,
    ),
    *admin_rows(
        "auth/user",
        "user",
        changelist=EDITORS,
        add=SUPERUSERS,
        change=EDITORS,
        delete=SUPERUSERS,
        history=EDITORS,
    ),
    *admin_rows(
        "auth/group",
        "group",
        changelist=SUPERUSERS,
        add=SUPERUSERS,
        change=SUPERUSERS,
        delete=SUPERUSERS,
        history=SUPERUSERS,
    ),
    *admin_rows(
        "rest_framework_api_key/apikey",
        "api_key_id",
        changelist=SUPERUSERS,
        add=SUPERUSERS,
        change=SUPERUSERS,
        delete=SUPERUSERS,
        history=SUPERUSERS,
    ),
    # Failed sign-ins (#18): administrators read and clear them.
    *admin_rows(
        "axes/accessattempt",
        "access_attempt",
        changelist=SUPERUSERS,
        add=NOBODY,
        change=SUPERUSERS,
        delete=SUPERUSERS,
        history=SUPERUSERS,
    ),
    *admin_rows(
        "axes/accesslog",
        "access_log",
        changelist=SUPERUSERS,
        add=NOBODY,
        change=SUPERUSERS,
        delete=SUPERUSERS,
        history=SUPERUSERS,
    ),
    *admin_rows(
        "axes/accessfailurelog",
        "access_failure_log",
        changelist=SUPERUSERS,
        add=NOBODY,
        change=SUPERUSERS,
        delete=SUPERUSERS,
        history=SUPERUSERS,
    ),
    # Partners' webhooks (#17): administrators subscribe keys and read the log.
    *admin_rows(
        "rumours/webhooksubscription",
        "webhook_subscription",
        changelist=SUPERUSERS,
        add=SUPERUSERS,
        change=SUPERUSERS,
        delete=SUPERUSERS,
        history=SUPERUSERS,
    ),
    *admin_rows(
        "rumours/webhookdelivery",
        "webhook_delivery",
        changelist=SUPERUSERS,
        add=NOBODY,
        change=SUPERUSERS,
        delete=NOBODY,
        history=SUPERUSERS,
    ),
    # Forged writes, last: they change the role's newsroom.
    ("POST publish", "/admin/rumours/article/{own_draft}/change/", FORGED_PUBLISH),
    ("POST delete", "/admin/rumours/article/{victim}/delete/", FORGED_DELETE),
]


@dataclass
class Newsroom:
    names: dict
    publish_form: dict


def build_newsroom(reporter_user, key_holder):
    """Create one of everything the matrix names; return the URL names."""
    claim = TransferClaimFactory(article=ArticleFactory(author=UserFactory()))
    attribution = AttributionFactory(claim=claim)
    amount = ClaimAmountFactory(claim=claim)
    article = claim.article
    article.clubs.add(claim.to_club)
    own_draft = ArticleFactory(draft=True, author=reporter_user)
    draft = ArticleFactory(draft=True)
    alias = ClubAliasFactory(club=claim.to_club)
    note = SquadNoteFactory(club=claim.to_club)
    role = ClubRoleFactory(club=claim.to_club)
    correction = CorrectionFactory(article=article)
    tombstone = Tombstone.objects.create(kind="claim", object_id=0, reason="deleted")
    victim = ArticleFactory()
    names = {
        "article": article.pk,
        "article_slug": article.slug,
        "claim": claim.pk,
        "attribution": attribution.pk,
        "amount": amount.pk,
        "player": claim.player.pk,
        "player_slug": claim.player.slug,
        "club": claim.to_club.pk,
        "club_slug": claim.to_club.slug,
        "source": claim.source.pk,
        "source_slug": claim.source.slug,
        "competition": claim.to_club.competition.pk,
        "competition_slug": claim.to_club.competition.slug,
        "alias": alias.pk,
        "note": note.pk,
        "role": role.pk,
        "lapse": LapseWindow.objects.update_or_create(
            claim_type="bid", defaults={"window": dt.timedelta(days=21)}
        )[0].pk,
        "correction": correction.pk,
        "tombstone": tombstone.pk,
        "user": reporter_user.pk,
        "group": reporter_user.groups.get().pk,
        "api_key_id": key_holder.pk,
        **sign_in_records(),
        **webhook_records(key_holder),
        "draft": draft.pk,
        "draft_slug": draft.slug,
        "own_draft": own_draft.pk,
        "victim": victim.pk,
    }
    return Newsroom(names=names, publish_form=publish_form(own_draft))


def webhook_records(key_holder):
    """Create a subscription and one delivery of an event; return their ids."""
    subscription = WebhookSubscription.objects.create(
        api_key=key_holder, url="https://partner.example/hooks"
    )
    event = WebhookEvent.objects.create(
        type="claim.published", claim_id=0, payload={"data": {"id": 0}}
    )
    delivery = WebhookDelivery.objects.create(event=event, subscription=subscription)
    return {"webhook_subscription": subscription.pk, "webhook_delivery": delivery.pk}


def sign_in_records():
    """Create one row of each kind django-axes keeps; return their ids."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    number = AccessAttempt.objects.count()
    who = {
        "username": f"guesser-{number}",
        "ip_address": "192.0.2.9",
        "user_agent": "x",
    }
    attempt = AccessAttempt.objects.create(failures_since_start=1, **who)
    log = AccessLog.objects.create(**who)
    failure = AccessFailureLog.objects.create(locked_out=False, **who)
    return {
        "access_attempt": attempt.pk,
        "access_log": log.pk,
        "access_failure_log": failure.pk,
    }


def publish_form(article):
    """Return the draft's change form, as its author sees it, set to published."""
    client = Client()
    client.force_login(article.author)
    response = client.get(f"/admin/rumours/article/{article.pk}/change/")
    data = form_data(response, "article_form")
    return data | {"status": Article.Status.PUBLISHED}


def client_for(role, reporter_user):
    if role in ("revoked key", "valid key"):
        api_key, key = APIKey.objects.create_key(name=f"Partner ({role})")
        if role == "revoked key":
            api_key.revoked = True
            api_key.save()
        return Client(HTTP_AUTHORIZATION=f"Api-Key {key}")
    client = Client()
    user = {
        "anonymous": None,
        "reporter": reporter_user,
        "editor": editor(),
        "superuser": superuser(),
    }[role]
    if user is not None:
        client.force_login(user)
    return client


def request(client, method, url, newsroom):
    if method == "GET":
        return client.get(url)
    if method == "POST":
        return client.post(url, {"headline": "From outside"})
    if method == "POST publish":
        return client.post(url, newsroom.publish_form)
    return client.post(url, {"post": "yes"})  # POST delete


@pytest.mark.slow
def test_r8_permission_matrix(reliability_report):
    mismatches = []
    cells = 0
    for index, role in enumerate(ROLES):
        reporter_user = reporter()
        key_holder, _ = APIKey.objects.create_key(name="Listed partner")
        newsroom = build_newsroom(reporter_user, key_holder)
        client = client_for(role, reporter_user)
        for method, template, expected in MATRIX:
            url = template.format(**newsroom.names)
            status = request(client, method, url, newsroom).status_code
            cells += 1
            if status != expected[index]:
                mismatches.append(
                    f"{role} {method} {url}: {status}, not {expected[index]}"
                )

    reliability_report(
        f"R8 perm-matrix: {cells} cells, {len(mismatches)} mismatches "
        f"({len(MATRIX)} url × method rows × {len(ROLES)} roles)"
    )
    assert mismatches == []


def test_a_forged_publication_leaves_the_reporters_draft_a_draft():
    reporter_user = reporter()
    key_holder, _ = APIKey.objects.create_key(name="Listed partner")
    newsroom = build_newsroom(reporter_user, key_holder)
    client = client_for("reporter", reporter_user)

    request(
        client,
        "POST publish",
        "/admin/rumours/article/{own_draft}/change/".format(**newsroom.names),
        newsroom,
    )

    draft = Article.objects.get(pk=newsroom.names["own_draft"])
    assert draft.status == Article.Status.DRAFT


def url_routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from url_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            # ResolverMatch.route drops a regex pattern's leading "^".
            yield prefix + str(pattern.pattern).removeprefix("^")


def test_the_matrix_covers_every_url_pattern_outside_the_admin():
    key_holder, _ = APIKey.objects.create_key(name="Listed partner")
    names = build_newsroom(reporter(), key_holder).names
    covered = {
        resolve(template.format(**names).split("?")[0]).route
        for _, template, _ in MATRIX
    }

    missing = {
        route
        for route in url_routes(get_resolver().url_patterns)
        if not route.startswith(("admin/", "media/"))
    } - covered

    assert missing == set()


def test_the_matrix_covers_every_model_registered_in_the_admin():
    listed = {template for _, template, _ in MATRIX}

    missing = [
        model._meta.label
        for model in admin.site._registry
        if f"/admin/{model._meta.app_label}/{model._meta.model_name}/" not in listed
    ]

    assert missing == []
