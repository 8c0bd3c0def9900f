"""The editorial workflow through the admin (#5): who may do what, each step.

Every check goes through real admin requests (forms and changelist actions),
as a browser would send them, and then reads the database.
"""

import datetime as dt
import importlib

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from rumours.models import Article, Player, Source, Tombstone, TransferClaim
from rumours.models.roles import (
    EDITOR,
    ONLY_EDITORS_PUBLISH,
    ONLY_EDITORS_SET_TIER,
    REPORTER,
    ROLE_PERMISSIONS,
)
from rumours.services.workflow import NOT_A_DRAFT

from .factories import (
    ArticleFactory,
    ClubFactory,
    PlayerFactory,
    SourceFactory,
    TransferClaimFactory,
    UserFactory,
)
from .support.admin_forms import admin_url
from .support.editorial import (
    ROLE_MAKERS,
    add_form,
    change_form,
    confirm_action,
    editor,
    errors_of,
    logged_in,
    messages_of,
    reporter,
    run_action,
    save_change,
    schedule_action,
)

pytestmark = pytest.mark.django_db

EDITORIAL_ROLES_MIGRATION = importlib.import_module(
    "rumours.migrations.0004_editorial_roles"
)
ATTRIBUTION_ROLES_MIGRATION = importlib.import_module(
    "rumours.migrations.0013_attribution_roles"
)
LAPSE_DEFAULTS_MIGRATION = importlib.import_module(
    "rumours.migrations.0018_lapse_defaults"
)
AMOUNT_ROLES_MIGRATION = importlib.import_module("rumours.migrations.0022_amount_roles")
SQUAD_NOTES_MIGRATION = importlib.import_module("rumours.migrations.0025_squad_notes")
CLUB_ROLES_MIGRATION = importlib.import_module("rumours.migrations.0026_club_roles")
NEW_NAMES_MIGRATION = importlib.import_module(
    "rumours.migrations.0033_reporters_add_players_and_clubs"
)

ROLES = ["reporter", "editor", "superuser"]


# What each role may do: True allowed, False refused (#5, acceptance).
PERMISSION_MATRIX = {
    "create": {"reporter": True, "editor": True, "superuser": True},
    "edit own": {"reporter": True, "editor": True, "superuser": True},
    "edit other's": {"reporter": False, "editor": True, "superuser": True},
    "submit": {"reporter": True, "editor": True, "superuser": True},
    "publish": {"reporter": False, "editor": True, "superuser": True},
    "schedule": {"reporter": False, "editor": True, "superuser": True},
    "unpublish": {"reporter": False, "editor": True, "superuser": True},
    "resolve claim": {"reporter": False, "editor": True, "superuser": True},
    "change source tier": {"reporter": False, "editor": True, "superuser": True},
    "delete own draft": {"reporter": True, "editor": True, "superuser": True},
    "delete published": {"reporter": False, "editor": True, "superuser": True},
}


def create(client, user):
    data = add_form(client, Article)
    data.update(headline="Milan enquire", slug="milan-enquire", body="Words.")
    client.post(admin_url(Article, "add"), data)
    return Article.objects.filter(slug="milan-enquire", author=user).exists()


def edit(client, article):
    data = change_form(client, article) if _can_open(client, article) else {}
    data.update(headline="Milan bid")
    save_change(client, article, data)
    return Article.objects.get(pk=article.pk).headline == "Milan bid"


def _can_open(client, article):
    return client.get(admin_url(Article, "change", article.pk)).status_code == 200


def edit_own(client, user):
    return edit(client, ArticleFactory(draft=True, author=user))


def edit_others(client, user):
    return edit(client, ArticleFactory(draft=True, author=UserFactory(staff=True)))


def submit(client, user):
    article = ArticleFactory(draft=True, author=user)
    run_action(client, Article, "submit_for_review", [article])
    return Article.objects.get(pk=article.pk).status == Article.Status.REVIEW


def publish(client, user):
    article = ArticleFactory(review=True, author=UserFactory(staff=True))
    run_action(client, Article, "publish_now", [article])
    return Article.objects.published().filter(pk=article.pk).exists()


def schedule(client, user):
    article = ArticleFactory(review=True)
    at = timezone.now() + dt.timedelta(days=2)
    run_action(client, Article, "schedule", [article])
    schedule_action(client, [article], at)
    return Article.objects.scheduled().filter(pk=article.pk).exists()


def unpublish(client, user):
    article = ArticleFactory()
    run_action(client, Article, "unpublish", [article])
    return Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def resolve_claim(client, user):
    claim = TransferClaimFactory()
    run_action(client, TransferClaim, "mark_denied", [claim])
    return TransferClaim.objects.get(pk=claim.pk).outcome == "denied"


def change_source_tier(client, user):
    source = SourceFactory(reliability_tier=4)
    data = change_form(client, source)
    data["reliability_tier"] = "1"
    save_change(client, source, data)
    return Source.objects.get(pk=source.pk).reliability_tier == 1


def delete(client, article):
    client.post(admin_url(Article, "delete", article.pk), {"post": "yes"})
    return not Article.objects.filter(pk=article.pk).exists()


def delete_own_draft(client, user):
    return delete(client, ArticleFactory(draft=True, author=user))


def delete_published(client, user):
    return delete(client, ArticleFactory(author=UserFactory(staff=True)))


ACTIONS = {
    "create": create,
    "edit own": edit_own,
    "edit other's": edit_others,
    "submit": submit,
    "publish": publish,
    "schedule": schedule,
    "unpublish": unpublish,
    "resolve claim": resolve_claim,
    "change source tier": change_source_tier,
    "delete own draft": delete_own_draft,
    "delete published": delete_published,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(PERMISSION_MATRIX))
def test_role_may_or_may_not_take_the_action(client, role, action):
    user = ROLE_MAKERS[role]()
    logged_in(client, user)

    done = ACTIONS[action](client, user)

    assert done is PERMISSION_MATRIX[action][role]


def test_the_migrations_make_the_roles_with_their_permissions():
    Group.objects.filter(name__in=[REPORTER, EDITOR]).delete()
    loader = MigrationLoader(connection)

    EDITORIAL_ROLES_MIGRATION.create_roles(
        loader.project_state(("rumours", "0004_editorial_roles")).apps, None
    )
    ATTRIBUTION_ROLES_MIGRATION.grant(
        loader.project_state(("rumours", "0013_attribution_roles")).apps, None
    )
    LAPSE_DEFAULTS_MIGRATION.seed(
        loader.project_state(("rumours", "0018_lapse_defaults")).apps, None
    )
    AMOUNT_ROLES_MIGRATION.grant(
        loader.project_state(("rumours", "0022_amount_roles")).apps, None
    )
    SQUAD_NOTES_MIGRATION.grant(
        loader.project_state(("rumours", "0025_squad_notes")).apps, None
    )
    CLUB_ROLES_MIGRATION.grant(
        loader.project_state(("rumours", "0026_club_roles")).apps, None
    )
    NEW_NAMES_MIGRATION.grant(
        loader.project_state(("rumours", "0033_reporters_add_players_and_clubs")).apps,
        None,
    )

    made = {
        group.name: {
            f"{app_label}.{codename}"
            for app_label, codename in group.permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        for group in Group.objects.filter(name__in=[REPORTER, EDITOR])
    }
    assert made == {name: set(perms) for name, perms in ROLE_PERMISSIONS.items()}


def test_reporter_posting_published_is_refused_with_a_message(client):
    user = reporter()
    article = ArticleFactory(draft=True, author=user)
    logged_in(client, user)
    data = change_form(client, article)
    data["status"] = "published"

    response = save_change(client, article, data)

    assert response.status_code == 200
    assert ONLY_EDITORS_PUBLISH in errors_of(response)
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_reporter_forging_a_publication_time_is_ignored_with_a_message(client):
    user = reporter()
    article = ArticleFactory(draft=True, author=user)
    logged_in(client, user)
    data = change_form(client, article)
    data.update(published_at_0="01/01/2026", published_at_1="10:00:00")

    response = client.post(admin_url(Article, "change", article.pk), data, follow=True)

    assert ONLY_EDITORS_PUBLISH in messages_of(response)
    assert Article.objects.get(pk=article.pk).published_at is None


def test_reporter_submits_a_draft_through_its_status(client):
    user = reporter()
    article = ArticleFactory(draft=True, author=user)
    logged_in(client, user)
    data = change_form(client, article)
    data["status"] = "review"

    save_change(client, article, data)

    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW


def test_reporter_cannot_edit_her_story_once_submitted(client):
    user = reporter()
    article = ArticleFactory(review=True, author=user)
    logged_in(client, user)

    response = client.post(admin_url(Article, "change", article.pk), {})

    assert response.status_code == 403


def test_reporter_forging_a_source_tier_is_ignored_with_a_message(client):
    source = SourceFactory(reliability_tier=4)
    logged_in(client, reporter())
    data = change_form(client, source)
    data["reliability_tier"] = "1"

    response = client.post(admin_url(Source, "change", source.pk), data, follow=True)

    assert ONLY_EDITORS_SET_TIER.format(tier="tier 4") in messages_of(response)
    assert Source.objects.get(pk=source.pk).reliability_tier == 4


def test_reporter_bulk_deleting_a_published_story_is_refused(client):
    own = ArticleFactory(draft=True, author=(user := reporter()))
    published = ArticleFactory()
    logged_in(client, user)

    response = run_action(
        client, Article, "delete_selected", [own, published], post="yes"
    )

    assert response.status_code == 403
    assert Article.objects.filter(pk__in=[own.pk, published.pk]).count() == 2


def test_reporter_adding_a_story_becomes_its_author(client):
    user = reporter()
    logged_in(client, user)

    create(client, user)

    assert Article.objects.get(slug="milan-enquire").author == user


def test_editor_publishing_with_no_time_publishes_now(client):
    article = ArticleFactory(review=True)
    logged_in(client, editor())
    data = change_form(client, article)
    data.update(status="published", published_at_0="", published_at_1="")

    with time_machine.travel(dt.datetime(2026, 7, 1, 12, tzinfo=dt.UTC), tick=False):
        save_change(client, article, data)

    stored = Article.objects.get(pk=article.pk)
    assert stored.published_at == dt.datetime(2026, 7, 1, 12, tzinfo=dt.UTC)


def test_submitting_a_published_story_is_refused_with_a_message(client):
    article = ArticleFactory(headline="Dragusin signs")
    logged_in(client, editor())

    response = run_action(client, Article, "submit_for_review", [article])

    assert NOT_A_DRAFT.format(headline="Dragusin signs", status="Published") in (
        messages_of(client.get(response.url))
    )


def test_unpublishing_takes_the_story_off_the_site_and_tells_partners(client):
    article = ArticleFactory()
    logged_in(client, editor())

    run_action(client, Article, "unpublish", [article])

    assert client.get(article.get_absolute_url()).status_code == 404
    assert Tombstone.objects.filter(kind="article", object_id=article.pk).exists()


def test_editor_sends_a_story_in_review_back_to_draft(client):
    article = ArticleFactory(review=True)
    logged_in(client, editor())

    run_action(client, Article, "send_back_to_draft", [article])

    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_scheduling_in_the_past_is_refused(client):
    article = ArticleFactory(review=True)
    logged_in(client, editor())

    response = schedule_action(
        client, [article], dt.datetime(2020, 1, 1, 10, tzinfo=dt.UTC)
    )

    assert response.status_code == 200
    assert "Choose a time in the future." in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW


def test_changelist_shows_status_author_and_who_last_changed_it(client):
    author = UserFactory(staff=True, username="ann")
    article = ArticleFactory(scheduled=True, author=author)
    user = editor(username="bob")
    logged_in(client, user)
    data = change_form(client, article)
    data["headline"] = "Edited by Bob"
    save_change(client, article, data)

    response = client.get(admin_url(Article, "changelist"))

    row = response.content.decode()
    assert "Scheduled for" in row
    assert ">ann<" in row
    assert ">bob<" in row


def test_editor_resolving_a_claim_in_the_inline_sets_its_resolution_time(client):
    claim = TransferClaimFactory()
    logged_in(client, editor())
    data = change_form(client, claim.article)
    data["claims-0-outcome"] = "lapsed"

    save_change(client, claim.article, data)

    stored = TransferClaim.objects.get(pk=claim.pk)
    assert (stored.outcome, stored.resolved_at is not None) == ("lapsed", True)


@pytest.mark.parametrize("action", ["mark_confirmed", "mark_denied", "mark_lapsed"])
def test_bulk_resolution_resolves_every_selected_claim(client, action):
    claims = TransferClaimFactory.create_batch(3)
    logged_in(client, editor())

    run_action(client, TransferClaim, action, claims)

    outcomes = TransferClaim.objects.filter(resolved_at__isnull=False).values_list(
        "outcome", flat=True
    )
    assert sorted(outcomes) == [action.removeprefix("mark_")] * 3


def test_confirming_a_completed_claim_offers_to_move_the_player(client):
    claim = TransferClaimFactory(claim_type=TransferClaim.Type.COMPLETED)
    logged_in(client, editor())

    response = run_action(client, TransferClaim, "mark_confirmed", [claim])

    assert response.status_code == 200
    assert "Move players to their new clubs?" in response.content.decode()
    assert Player.objects.get(pk=claim.player.pk).current_club == claim.from_club


def test_accepting_the_offer_moves_the_player_to_his_new_club(client):
    old_club, new_club = ClubFactory(), ClubFactory()
    claim = TransferClaimFactory(
        claim_type=TransferClaim.Type.COMPLETED,
        player=PlayerFactory(current_club=old_club),
        to_club=new_club,
    )
    logged_in(client, editor())
    run_action(client, TransferClaim, "mark_confirmed", [claim])

    confirm_action(client, TransferClaim, "move_players_to_new_clubs", [claim])

    player = Player.objects.get(pk=claim.player.pk)
    assert (player.current_club, player.previous_club) == (new_club, old_club)


def test_moving_the_player_of_an_unconfirmed_claim_is_refused(client):
    claim = TransferClaimFactory(claim_type=TransferClaim.Type.COMPLETED)
    logged_in(client, editor())

    run_action(client, TransferClaim, "move_players_to_new_clubs", [claim])

    assert Player.objects.get(pk=claim.player.pk).current_club == claim.from_club


def test_reporter_edits_the_claims_of_her_own_draft_inline(client):
    user = reporter()
    claim = TransferClaimFactory(article=ArticleFactory(draft=True, author=user))
    logged_in(client, user)
    data = change_form(client, claim.article)
    data["claims-0-quote"] = "A new quote."

    save_change(client, claim.article, data)

    assert TransferClaim.objects.get(pk=claim.pk).quote == "A new quote."


def test_reporter_cannot_resolve_a_claim_through_its_form(client):
    user = reporter()
    claim = TransferClaimFactory(article=ArticleFactory(draft=True, author=user))
    logged_in(client, user)
    data = change_form(client, claim)
    data["outcome"] = "confirmed"

    save_change(client, claim, data)

    assert TransferClaim.objects.get(pk=claim.pk).outcome == "open"
