"""The reader pages (#3) on the demo newsroom, and what they must never show."""

import json
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rumours.models import Article

from .factories import (
    ArticleFactory,
    ClubFactory,
    CompetitionFactory,
    PlayerFactory,
    SourceFactory,
    SquadNoteFactory,
    TransferClaimFactory,
)

pytestmark = pytest.mark.django_db

SEED_SLUG = "ac-milan-enquire-about-tottenham-radu-dragusin"
SEED_HEADLINE = (
    "AC Milan enquire about Tottenham’s Radu Dragusin as Napoli and Roma circle"
)
MILAN_QUOTE = (
    "AC Milan have closely monitored Dragusin’s situation in north London and "
    "‘in the last few hours’ they have submitted an enquiry for the defender, "
    "according to Italian journalist Mirko Di Natale."
)
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def text_of(response):
    """Return the page's visible text, tags removed and spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"</?(?:a|span|strong|em|q|time|abbr)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def get(client, name, **kwargs):
    return client.get(reverse(f"rumours:{name}", kwargs=kwargs))


def story_url(slug=SEED_SLUG):
    return reverse("rumours:article-detail", kwargs={"slug": slug})


# ------------------------------------------------------------------ story page


def test_story_page_shows_headline_standfirst_byline_and_times(client, demo):
    response = client.get(story_url())

    text = text_of(response)
    assert SEED_HEADLINE in text
    assert "Thomas Frank wants four specialist centre-backs" in text
    assert "By Transfer Desk staff" in text
    assert '<time datetime="2026-01-08T09:30:00+00:00">' in response.content.decode()


def test_story_page_states_the_milan_claim_with_source_tier_and_quote(client, demo):
    response = client.get(story_url())

    assert (
        "AC Milan have made an enquiry for Radu Dragusin (Tottenham → AC Milan), "
        f"according to Mirko Di Natale (tier 3): {MILAN_QUOTE}"
    ) in text_of(response)


def test_story_page_states_every_seed_claim_in_plain_words(client, demo):
    response = client.get(story_url())

    text = text_of(response)
    assert (
        "Radu Dragusin wants to leave Tottenham, "
        "according to Radu Dragusin’s agent (tier 2)" in text
    )
    assert "Napoli have made an enquiry for Radu Dragusin (Tottenham → Napoli)" in text
    assert "Roma are interested in Radu Dragusin (Tottenham → Roma)" in text
    assert "Tottenham are blocking a move for Radu Dragusin" in text
    assert (
        "Tottenham are interested in Alessandro Buongiorno (Napoli → Tottenham)" in text
    )
    assert "Would replace Radu Dragusin" in text
    assert text.count("Outcome: Confirmed") == 4


def test_the_seeds_milan_departures_have_a_destination_not_named(client, demo):
    text = text_of(client.get(story_url()))

    for player in ("Malik Thiaw", "Pierre Kalulu"):
        assert (
            f"{player} has completed a move to an unnamed club "
            "(AC Milan → unnamed club)"
        ) in text
    assert "free agent" not in text


def test_the_seeds_milan_departures_happened_in_the_summer_window(client, demo):
    text = text_of(client.get(story_url()))

    assert text.count("When: summer window 2025") == 2  # Thiaw and Kalulu


def test_the_seed_story_credits_the_report_it_is_based_on(client, demo):
    text = text_of(client.get(story_url()))

    assert "Based on a report by Mirko Di Natale" in text


def test_state_of_play_links_player_club_and_source_pages(client, demo):
    response = client.get(story_url())

    html = response.content.decode()
    assert 'href="/players/radu-dragusin/"' in html
    assert 'href="/clubs/ac-milan/"' in html
    assert 'href="/sources/mirko-di-natale/"' in html


def test_story_page_shows_the_sanitised_body_with_its_table(client, demo):
    response = client.get(story_url())

    html = response.content.decode()
    assert "<td>Archie Gray</td>" in html
    assert "Serie A giants AC Milan have enquired" in html


@pytest.mark.parametrize(
    "url", [story_url(), "/clubs/tottenham-hotspur/squad/", "/players/radu-dragusin/"]
)
def test_demo_page_headings_never_skip_a_level(client, demo, url):
    response = client.get(url)

    levels = [int(n) for n in re.findall(r"<h([1-6])\b", response.content.decode())]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_story_body_script_is_never_rendered(client):
    article = ArticleFactory(body='Hello <script>alert("x")</script> **world**')

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert "alert(" not in html
    assert "<strong>world</strong>" in html
    assert html.count("<script") == 1  # the JSON-LD only


def test_story_page_has_hero_caption_and_credit(client, demo):
    response = client.get(story_url())

    html = response.content.decode()
    assert "<figcaption>Radu Dragusin is wanted by AC Milan, Napoli and Roma." in html
    assert "Lewis Storey/Getty Images" in html


def test_story_page_lists_related_stories_about_the_same_player(client):
    player = PlayerFactory()
    story, related = ArticleFactory(), ArticleFactory(headline="Dragusin latest")
    unrelated = ArticleFactory(headline="Nothing to do with him")
    story.players.add(player)
    related.players.add(player)

    response = client.get(story.get_absolute_url())

    assert "Dragusin latest" in text_of(response)
    assert unrelated.headline not in text_of(response)


def test_related_stories_leave_out_unpublished_ones(client):
    player = PlayerFactory()
    story, draft = ArticleFactory(), ArticleFactory(draft=True, headline="Secret")
    story.players.add(player)
    draft.players.add(player)

    response = client.get(story.get_absolute_url())

    assert "Secret" not in text_of(response)


@pytest.mark.parametrize("state", ["draft", "review", "scheduled"])
def test_unpublished_story_page_is_not_found(client, state):
    article = ArticleFactory(**{state: True})

    response = client.get(article.get_absolute_url())

    assert response.status_code == 404


def test_unknown_story_is_not_found(client):
    response = client.get(story_url("no-such-story"))

    assert response.status_code == 404


# ------------------------------------------------------------------ SEO


def test_story_page_has_canonical_and_social_tags(client, demo):
    response = client.get(story_url())

    html = response.content.decode()
    url = f"http://testserver/stories/{SEED_SLUG}/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:title" content="{SEED_HEADLINE}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/heroes/\S+-1600w\.jpg">',
        html,
    )


def test_story_page_json_ld_is_a_news_article(client, demo):
    response = client.get(story_url())

    [raw] = JSON_LD.findall(response.content.decode())
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == SEED_HEADLINE
    assert data["datePublished"] == "2026-01-08T09:30:00+00:00"
    assert data["dateModified"] >= data["datePublished"]
    assert data["author"] == [{"@type": "Person", "name": "Transfer Desk staff"}]
    assert data["publisher"]["name"] == "Transfer Desk"
    assert data["image"][0].endswith("-1600w.jpg")


def test_json_ld_escapes_markup_in_the_headline(client):
    article = ArticleFactory(headline="</script><b>Bold & brave</b>")

    response = client.get(article.get_absolute_url())

    [raw] = JSON_LD.findall(response.content.decode())
    assert "<" not in raw
    assert "&" not in raw
    assert json.loads(raw)["headline"] == "</script><b>Bold & brave</b>"


# ------------------------------------------------------------------ home page


def test_home_lists_the_seed_story(client, demo):
    response = get(client, "home")

    assert SEED_HEADLINE in text_of(response)


def test_home_lists_no_unpublished_story(client):
    ArticleFactory(headline="Live story")
    for state in ("draft", "review", "scheduled"):
        ArticleFactory(**{state: True}, headline=f"Hidden {state}")

    response = get(client, "home")

    text = text_of(response)
    assert "Live story" in text
    assert "Hidden" not in text


def test_home_is_paginated_ten_a_page(client):
    ArticleFactory.create_batch(12)

    first = get(client, "home")
    second = client.get("/?page=2")

    assert len(first.context["articles"]) == 10
    assert len(second.context["articles"]) == 2
    assert "Page 2" in text_of(second)
    assert "Older stories" in text_of(first)
    assert "Older stories" not in text_of(second)


def test_home_with_exactly_one_page_of_stories_offers_no_older_page(client):
    ArticleFactory.create_batch(10)

    response = get(client, "home")

    assert len(response.context["articles"]) == 10
    assert "Older stories" not in text_of(response)
    assert client.get("/?page=2").status_code == 404


def test_home_never_counts_the_archive(client):
    ArticleFactory.create_batch(12)

    with CaptureQueriesContext(connection) as queries:
        client.get("/?page=2")

    # Django's count() names its result __count: no query counts stories.
    counts = [q for q in queries.captured_queries if "__COUNT" in q["sql"].upper()]
    assert not counts


@pytest.mark.parametrize(
    "page", ["2", "0", "abc", "-1", "1.5", "last", "99999999999999999999"]
)
def test_home_bad_or_out_of_range_page_is_not_found(client, page):
    ArticleFactory()

    response = client.get("/", {"page": page})

    assert response.status_code == 404


def test_home_filters_by_club(client):
    club = ClubFactory(slug="spurs")
    about, other = ArticleFactory(headline="About Spurs"), ArticleFactory()
    about.clubs.add(club)

    response = client.get("/", {"club": "spurs"})

    assert list(response.context["articles"]) == [about]
    assert other.headline not in text_of(response)


def test_home_filters_by_competition(client):
    league = CompetitionFactory(slug="serie-a")
    about = ArticleFactory()
    about.clubs.add(ClubFactory(competition=league), ClubFactory(competition=league))
    ArticleFactory().clubs.add(ClubFactory())

    response = client.get("/", {"competition": "serie-a"})

    assert list(response.context["articles"]) == [about]


@pytest.mark.parametrize("parameter", ["club", "competition"])
def test_home_unknown_filter_slug_is_not_found(client, parameter):
    response = client.get("/", {parameter: "nowhere"})

    assert response.status_code == 404


def test_home_club_filter_with_no_stories_says_so(client):
    ClubFactory(slug="quiet", name="Quiet FC")

    response = client.get("/", {"club": "quiet"})

    assert "No published stories about Quiet FC yet." in text_of(response)


# ------------------------------------------------------------------ player page


def test_player_page_groups_dragusin_claims_by_suitor(client, demo):
    response = get(client, "player-detail", slug="radu-dragusin")

    suitors = response.context["suitors"]
    assert [s.club.name if s.club else None for s in suitors] == [
        "AC Milan",
        "SSC Napoli",
        "AS Roma",
        None,
    ]
    assert [c.claim_type for c in suitors[-1].claims] == ["blocked", "wants_to_leave"]
    assert "No destination" in text_of(response)


def test_player_page_shows_profile_and_outcomes(client, demo):
    response = get(client, "player-detail", slug="malik-thiaw")

    text = text_of(response)
    assert "Centre-back" in text
    assert "Newcastle United" in text
    assert "Outcome: Confirmed" in text


def test_player_page_stages_run_in_order_within_a_suitor(client):
    player, club = PlayerFactory(), ClubFactory()
    for stage in ("bid", "interest", "enquiry"):
        TransferClaimFactory(player=player, to_club=club, claim_type=stage)

    response = get(client, "player-detail", slug=player.slug)

    [suitor] = response.context["suitors"]
    assert [c.claim_type for c in suitor.claims] == ["interest", "enquiry", "bid"]


def test_player_page_without_claims_is_public(client):
    player = PlayerFactory(name="Quiet Player")

    response = get(client, "player-detail", slug=player.slug)

    assert response.status_code == 200
    assert "No published claims about Quiet Player yet." in text_of(response)


def test_player_page_leaves_out_unpublished_claims(client):
    player = PlayerFactory()
    TransferClaimFactory(
        player=player, article=ArticleFactory(draft=True), quote="Hidden words"
    )

    response = get(client, "player-detail", slug=player.slug)

    assert "Hidden words" not in text_of(response)


def test_unknown_player_is_not_found(client):
    response = get(client, "player-detail", slug="nobody")

    assert response.status_code == 404


# ------------------------------------------------------------------ club pages


def test_club_page_shows_stories_and_rumours_in_and_out(client, demo):
    response = get(client, "club-detail", slug="tottenham-hotspur")

    assert [a.slug for a in response.context["articles"]] == [SEED_SLUG]
    rumours_in = {c.player.name for c in response.context["claims_in"]}
    rumours_out = {c.player.name for c in response.context["claims_out"]}
    assert rumours_in == {"Alessandro Buongiorno", "Conor Gallagher", "Souza"}
    assert rumours_out == {"Radu Dragusin"}


def test_club_page_leaves_out_unpublished_stories_and_claims(client):
    club = ClubFactory()
    hidden = ArticleFactory(scheduled=True, headline="Hidden story")
    hidden.clubs.add(club)
    TransferClaimFactory(article=hidden, to_club=club, quote="Hidden quote")

    response = get(client, "club-detail", slug=club.slug)

    text = text_of(response)
    assert "Hidden story" not in text
    assert "Hidden quote" not in text


def test_squad_page_shows_tottenham_centre_back_row(client, demo, in_the_seeds_week):
    response = get(client, "club-squad", slug="tottenham-hotspur")

    text = text_of(response)
    assert "Centre-back (CB) Balanced" in text
    assert (
        "Specialists Cristian Romero, Kevin Danso, Micky van de Ven, Radu Dragusin "
        "Cover Archie Gray, Ben Davies Squad note Target 4. Thomas Frank wants four "
        "specialist centre-backs in his squad. (8 January 2026, from the story)"
    ) in text
    assert (
        "Radu Dragusin: linked with AC Milan, Napoli and Roma; wants to leave; "
        "Tottenham are blocking a move"
    ) in text
    assert "Rumours in Alessandro Buongiorno: from Napoli" in text


def test_squad_page_shows_ac_milan_need(client, demo, in_the_seeds_week):
    response = get(client, "club-squad", slug="ac-milan")

    text = text_of(response)
    assert "Centre-back (CB) Need 1" in text
    assert "Balance Need 1 (the number the note gives)" in text
    assert "Rumours in Radu Dragusin: from Tottenham" in text


def test_squad_page_marks_an_injured_player_and_draws_the_chart(client):
    club = ClubFactory()
    SquadNoteFactory(club=club, count=1)
    PlayerFactory(current_club=club, name="Hurt Player", injured=True)

    response = get(client, "club-squad", slug=club.slug)

    html = response.content.decode()
    assert 'Hurt Player</a> <span class="unavailable">(injured, not counted)' in html
    assert (
        'aria-label="Centre-back: 0 available specialists, 1 unavailable, '
        '0 cover, target 1"' in html
    )
    assert "Need 1" in text_of(response)


def test_squad_page_leaves_out_unpublished_rumours(client):
    club = ClubFactory()
    player = PlayerFactory(current_club=club, name="Stays Put")
    TransferClaimFactory(player=player, article=ArticleFactory(review=True))

    response = get(client, "club-squad", slug=club.slug)

    assert "Stays Put:" not in text_of(response)


@pytest.mark.parametrize("name", ["club-detail", "club-squad"])
def test_unknown_club_is_not_found(client, name):
    response = get(client, name, slug="nowhere-fc")

    assert response.status_code == 404


# ------------------------------------------------------------------ source page


def test_source_page_shows_profile_and_claims_with_outcomes(
    client, demo, in_the_seeds_week
):
    response = get(client, "source-detail", slug="mirko-di-natale")

    text = text_of(response)
    assert "Kind Journalist" in text
    assert "Reliability Tier 3: mixed record" in text
    assert MILAN_QUOTE in text
    assert "Outcome: Open" in text


def test_source_page_names_the_outlet(client):
    outlet = SourceFactory(kind="outlet", name="Gazzetta")
    source = SourceFactory(outlet=outlet)

    response = get(client, "source-detail", slug=source.slug)

    assert (
        f'<a href="{outlet.get_absolute_url()}">Gazzetta</a>'
        in response.content.decode()
    )


def test_source_page_leaves_out_unpublished_claims(client):
    source = SourceFactory()
    TransferClaimFactory(
        source=source, article=ArticleFactory(draft=True), quote="Hidden"
    )

    response = get(client, "source-detail", slug=source.slug)

    assert "Hidden" not in text_of(response)


def test_unknown_source_is_not_found(client):
    response = get(client, "source-detail", slug="nobody")

    assert response.status_code == 404


# ------------------------------------------------------------------ site chrome


def test_pages_have_landmarks_skip_link_and_language(client, demo):
    response = get(client, "home")

    html = response.content.decode()
    assert '<html lang="en-GB">' in html
    assert '<a class="skip-link" href="#main">' in html
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in html
    assert 'role="search"' in html


def test_favicon_redirects_to_the_static_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.ico"


def test_story_page_is_published_only_through_the_gate(client):
    article = ArticleFactory(draft=True)
    article.status = Article.Status.PUBLISHED
    article.published_at = None

    response = client.get(article.get_absolute_url())

    assert response.status_code == 404


def test_home_club_filter_offers_only_the_chosen_competitions_clubs(client):
    league = CompetitionFactory(slug="serie-a")
    ClubFactory(competition=league, name="AC Milan", slug="ac-milan")
    ClubFactory(name="Tottenham Hotspur", slug="tottenham-hotspur")

    response = client.get("/", {"competition": "serie-a"})

    assert [club.slug for club in response.context["club_choices"]] == ["ac-milan"]
    assert 'value="tottenham-hotspur"' not in response.text


def test_home_without_a_competition_asks_for_one_before_listing_clubs(client):
    ClubFactory(slug="ac-milan")

    response = client.get("/")

    assert response.context["club_choices"] == []
    assert "Choose a competition to pick one of its clubs." in text_of(response)


def test_home_filtered_by_club_offers_its_competitions_clubs_with_it_selected(client):
    league = CompetitionFactory()
    milan = ClubFactory(competition=league, slug="ac-milan")
    ClubFactory(competition=league, slug="napoli")

    response = client.get("/", {"club": "ac-milan"})

    assert {club.slug for club in response.context["club_choices"]} == {
        "ac-milan",
        "napoli",
    }
    assert f'value="{milan.slug}" selected' in response.text


def test_a_story_card_names_four_clubs_and_counts_the_rest(client):
    article = ArticleFactory()
    clubs = [ClubFactory(short_name=f"Club {letter}") for letter in "ABCDEF"]
    article.clubs.add(*clubs)

    text = text_of(get(client, "home"))

    assert "Club A, Club B, Club C, Club D and 2 more" in text
    assert "Club E" not in text


def test_each_story_card_names_its_own_clubs(client):
    round_up = ArticleFactory(headline="Round-up")
    round_up.clubs.add(*[ClubFactory(short_name=f"Club {c}") for c in "ABCDEF"])
    single = ArticleFactory(headline="Single story")
    single.clubs.add(ClubFactory(short_name="Napoli"))

    text = text_of(get(client, "home"))

    assert "Single story" in text
    assert "Napoli and" not in text
    assert text.count(" more") == 1
    assert "Club A, Club B, Club C, Club D and 2 more" in text
