"""Claims from copy in the admin (#14): the proposals review page."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from rumours.models import Article, Player, TransferClaim
from rumours.services.proposals import MAY_NOT_ADD_PLAYER

from .factories import (
    ArticleFactory,
    ClubFactory,
    CompetitionFactory,
    PlayerFactory,
    SourceFactory,
    UserFactory,
)
from .support.admin_forms import count_queries, form_data
from .support.editorial import editor, logged_in, reporter

pytestmark = pytest.mark.django_db

COPY = (
    "Chelsea have made a £30m bid for Brentford striker Ivan Toney. "
    "Arsenal have enquired about Toney. "
    "Fulham are interested in Toney, according to Sky Sports."
)


@pytest.fixture
def football(db):
    brentford = ClubFactory(name="Brentford", short_name="Brentford")
    for name in ("Chelsea", "Arsenal", "Fulham"):
        ClubFactory(name=name, short_name=name)
    SourceFactory(name="Sky Sports")
    return PlayerFactory(name="Ivan Toney", current_club=brentford)


def propose_url(article):
    return reverse("admin:rumours_article_propose", args=[article.pk])


def proposals_of(client, article):
    response = client.get(propose_url(article))
    assert response.status_code == 200
    return form_data(response, "proposals")


def test_the_proposals_page_saves_nothing(client, football):
    article = ArticleFactory(draft=True, body=COPY)
    logged_in(client, editor())

    response = client.get(propose_url(article))

    assert response.status_code == 200
    assert response.content.decode().count('class="module aligned proposal"') == 3
    assert TransferClaim.objects.count() == 0


def test_accepting_two_of_three_proposals_saves_exactly_two(client, football):
    article = ArticleFactory(draft=True, body=COPY)
    logged_in(client, editor())
    data = proposals_of(client, article)
    data["proposal-1-decision"] = "reject"
    data["proposal-0-amounts"] = "£32m plus add-ons"
    data["_save"] = "Save"

    response = client.post(propose_url(article), data)

    assert response.status_code == 302
    saved = [
        (claim.player.name, claim.to_club.name, claim.claim_type, claim.fee_display)
        for claim in article.claims.select_related("player", "to_club").with_amounts()
    ]
    assert saved == [
        ("Ivan Toney", "Chelsea", "bid", "a fee of £32m plus add-ons"),
        ("Ivan Toney", "Fulham", "interest", ""),
    ]


def test_accepted_claims_keep_the_source_and_seller_shown(client, football):
    article = ArticleFactory(draft=True, body=COPY)
    logged_in(client, editor())
    data = proposals_of(client, article)
    data["proposal-0-decision"] = data["proposal-1-decision"] = "reject"
    data["_save"] = "Save"

    client.post(propose_url(article), data)

    claim = article.claims.get()
    assert (claim.source.name, claim.from_club.name) == ("Sky Sports", "Brentford")


def test_a_bad_field_rerenders_with_the_input_and_saves_nothing(client, football):
    article = ArticleFactory(draft=True, body=COPY)
    logged_in(client, editor())
    data = proposals_of(client, article)
    data["proposal-0-amounts"] = "30"
    data["proposal-2-to_described"] = "a mystery Championship side"
    data["_save"] = "Save"

    response = client.post(propose_url(article), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "“30” has no currency: did you mean £30m?" in page
    assert 'value="a mystery Championship side"' in page
    assert TransferClaim.objects.count() == 0


def test_a_reporters_accepted_claims_stay_on_her_unpublished_draft(client, football):
    author = reporter()
    article = ArticleFactory(draft=True, body=COPY, author=author)
    logged_in(client, author)
    data = {**proposals_of(client, article), "_accept_all": "Accept all"}

    client.post(propose_url(article), data)

    article.refresh_from_db()
    assert (article.status, article.claims.count()) == (Article.Status.DRAFT, 3)


def test_a_reporter_may_not_propose_on_a_story_in_review(client, football):
    author = reporter()
    article = ArticleFactory(review=True, body=COPY, author=author)
    logged_in(client, author)

    response = client.get(propose_url(article))

    assert response.status_code == 403


def test_a_reporter_may_not_propose_on_anothers_draft(client, football):
    article = ArticleFactory(draft=True, body=COPY)
    logged_in(client, reporter())

    response = client.post(propose_url(article), {"_accept_all": "Accept all"})

    assert response.status_code == 403
    assert TransferClaim.objects.count() == 0


def test_the_sentence_is_escaped_and_its_names_marked(client, football):
    body = "<script>alert(1)</script> Arsenal have enquired about Ivan Toney."
    article = ArticleFactory(draft=True, body=body)
    logged_in(client, editor())

    page = client.get(propose_url(article)).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<mark>Ivan Toney</mark>" in page


def test_reject_all_saves_nothing(client, football):
    article = ArticleFactory(draft=True, body=COPY)
    logged_in(client, editor())
    data = {**proposals_of(client, article), "_reject_all": "Reject all"}

    response = client.post(propose_url(article), data)

    assert response.status_code == 302
    assert TransferClaim.objects.count() == 0


def test_pasted_copy_becomes_the_users_draft_with_its_claims(client, football):
    author = reporter()
    logged_in(client, author)
    url = reverse("admin:rumours_article_propose_copy")
    proposed = client.post(
        url, {"headline": "Toney latest", "body": COPY, "_propose": "1"}
    )
    data = {**form_data(proposed, "proposals"), "_accept_all": "Accept all"}

    client.post(url, data)

    article = Article.objects.get()
    assert (article.headline, article.status, article.author) == (
        "Toney latest",
        Article.Status.DRAFT,
        author,
    )
    assert (article.body, article.claims.count()) == (COPY, 3)


def test_proposing_from_pasted_copy_saves_no_story(client, football):
    logged_in(client, reporter())

    client.post(
        reverse("admin:rumours_article_propose_copy"),
        {"headline": "Toney latest", "body": COPY, "_propose": "1"},
    )

    assert Article.objects.count() == 0


NEW_PLAYER_COPY = "Chelsea have made a £30m bid for Brentford striker Zed Nobody."


def test_an_editor_accepting_a_new_name_creates_the_player(client, football):
    article = ArticleFactory(draft=True, body=NEW_PLAYER_COPY)
    logged_in(client, editor())
    data = {**proposals_of(client, article), "proposal-0-player_position": "ST"}
    data["_save"] = "Save"

    client.post(propose_url(article), data)

    player = Player.objects.get(name="Zed Nobody")
    assert (player.primary_position, player.current_club.name) == ("ST", "Brentford")
    assert article.claims.get().player == player


def test_a_reporter_accepting_a_new_name_creates_the_player(client, football):
    author = reporter()
    article = ArticleFactory(draft=True, body=NEW_PLAYER_COPY, author=author)
    logged_in(client, author)
    data = {**proposals_of(client, article), "_save": "Save"}

    client.post(propose_url(article), data)

    assert article.claims.get().player.name == "Zed Nobody"


def writer_who_may_not_add_players():
    user = UserFactory(staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=["view_article", "change_article", "add_transferclaim"]
        )
    )
    return user


def test_a_user_who_may_not_add_players_gets_a_clear_error(client, football):
    author = writer_who_may_not_add_players()
    article = ArticleFactory(draft=True, body=NEW_PLAYER_COPY, author=author)
    logged_in(client, author)
    data = {**proposals_of(client, article), "_save": "Save"}

    response = client.post(propose_url(article), data)

    assert MAY_NOT_ADD_PLAYER.format(name="Zed Nobody") in response.content.decode()
    assert not Player.objects.filter(name="Zed Nobody").exists()


def test_a_newsroom_with_no_names_yet_proposes_them_as_new(client, db):
    article = ArticleFactory(draft=True, body="Arsenal have made a bid for Zed Nobody.")
    logged_in(client, editor())

    response = client.get(propose_url(article))

    assert "Zed Nobody (player), Arsenal (to_club)" in response.content.decode()


def test_accepting_keeps_the_replaced_player_and_the_quoted_speakers(client, demo):
    seed = Article.objects.get()
    logged_in(client, editor())
    url = reverse("admin:rumours_article_propose_copy")
    proposed = client.post(url, {"body": seed.body, "_propose": "1"})
    data = {**form_data(proposed, "proposals"), "_accept_all": "Accept all"}

    client.post(url, data)

    claims = TransferClaim.objects.exclude(article=seed).select_related("replaces")
    gallagher = claims.get(player__name="Conor Gallagher")
    leaving = claims.get(claim_type="wants_to_leave")
    assert gallagher.replaces.name == "Radu Dragusin"
    assert [
        (credit.source.slug, credit.role) for credit in leaving.attributions.all()
    ] == [("radu-dragusin-agent", "speaker")]


def test_a_position_is_asked_only_for_a_new_player(client, football):
    article = ArticleFactory(draft=True, body=f"{COPY} {NEW_PLAYER_COPY}")
    logged_in(client, editor())

    data = proposals_of(client, article)

    assert [name for name in data if name.endswith("player_position")] == [
        "proposal-3-player_position"
    ]


def test_a_bad_field_is_announced_at_the_top(client, football):
    article = ArticleFactory(draft=True, body=COPY)
    logged_in(client, editor())
    data = {**proposals_of(client, article), "proposal-0-amounts": "£30", "_save": "1"}

    page = client.post(propose_url(article), data).content.decode()

    assert "Nothing was saved: correct the 1 error below" in page


def test_a_described_suitor_keeps_its_league_and_country(client, football):
    CompetitionFactory(name="Bundesliga", country="Germany")
    body = "A host of Bundesliga clubs are interested in Brentford's Ivan Toney."
    article = ArticleFactory(draft=True, body=body)
    logged_in(client, editor())
    data = {**proposals_of(client, article), "_save": "Save"}

    client.post(propose_url(article), data)

    claim = article.claims.select_related("to_competition").get()
    assert (claim.to_described, claim.to_competition.name, claim.to_country) == (
        "A host of Bundesliga clubs",
        "Bundesliga",
        "Germany",
    )


def test_the_proposals_page_runs_as_many_queries_for_one_proposal_as_for_three(
    client, football
):
    one = ArticleFactory(draft=True, body="Arsenal have enquired about Ivan Toney.")
    three = ArticleFactory(draft=True, body=COPY)
    logged_in(client, editor())
    client.get(propose_url(one))  # the gazetteer is built once per process

    small, _ = count_queries(client, propose_url(one))
    large, response = count_queries(client, propose_url(three))

    assert response.content.decode().count('class="module aligned proposal"') == 3
    assert small == large
