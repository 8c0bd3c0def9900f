"""Agents are linked to the players they represent (#13).

An agent is a source of kind agent: he may be quoted as a claim's speaker,
and the player he represents names him as his agent.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.utils.html import strip_tags

from rumours.models import Player, Source
from rumours.services.interchange import (
    NewsroomImportError,
    export_newsroom,
    import_newsroom,
)

from .factories import PlayerFactory, SourceFactory
from .support.admin_forms import admin_url, assert_saved, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]


def agent(**values):
    return SourceFactory(kind=Source.Kind.AGENT, **values)


def text_of(client, url):
    return " ".join(strip_tags(client.get(url).content.decode()).split())


def test_the_player_page_links_his_agent(client):
    represented = PlayerFactory(agent=agent(name="Nico Berti", slug="nico-berti"))

    html = client.get(represented.get_absolute_url()).content.decode()

    assert (
        '<dt>Agent</dt>\n  <dd><a href="/sources/nico-berti/">Nico Berti</a></dd>'
        in html
    )


def test_the_agents_page_lists_the_players_he_represents_by_name(client):
    berti = agent()
    PlayerFactory(name="Zeno Alti", agent=berti, current_club__short_name="Lindo")
    PlayerFactory(name="Aldo Conti", agent=berti, current_club=None)
    PlayerFactory(name="Bruno Other")

    text = text_of(client, berti.get_absolute_url())

    assert "Represents Aldo Conti Zeno Alti (Lindo) Claims" in text


def test_a_journalists_page_lists_no_one_represented(client):
    journalist = SourceFactory(kind=Source.Kind.JOURNALIST)

    assert "Represents" not in text_of(client, journalist.get_absolute_url())


def test_only_an_agent_can_be_a_players_agent():
    player = PlayerFactory.build(
        current_club=None, agent=SourceFactory(kind=Source.Kind.JOURNALIST)
    )

    with pytest.raises(ValidationError) as error:
        player.full_clean()

    assert "agent" in error.value.message_dict


def test_an_agent_with_players_cannot_be_deleted():
    represented = PlayerFactory(agent=agent())

    with pytest.raises(ProtectedError):
        represented.agent.delete()


def test_an_editor_sets_the_agent_on_the_player_form(admin_client):
    player = PlayerFactory()
    berti = agent()
    url = admin_url(Player, "change", player.pk)
    data = form_data(admin_client.get(url), "player_form")
    data.update(agent=str(berti.pk))

    assert_saved(admin_client.post(url, data))

    player.refresh_from_db()
    assert player.agent == berti


# The newsroom file


def document(agent_kind):
    return {
        "format": "transfer-desk-newsroom",
        "version": 2,
        "sources": [{"name": "Nico Berti", "slug": "nico-berti", "kind": agent_kind}],
        "players": [
            {
                "name": "Ezio Marra",
                "slug": "ezio-marra",
                "primary_position": "CM",
                "agent": "nico-berti",
            }
        ],
    }


def test_the_agent_imports_and_exports_by_slug():
    import_newsroom(document("agent"))

    [player] = export_newsroom()["players"]

    assert player["agent"] == "nico-berti"
    assert Player.objects.get().agent.slug == "nico-berti"


def test_a_journalist_named_as_agent_is_refused_and_nothing_is_stored():
    with pytest.raises(NewsroomImportError) as error:
        import_newsroom(document("journalist"))

    assert (
        "players[0].agent: 'nico-berti' is a source of kind journalist; "
        "a player's agent is a source of kind agent"
    ) in str(error.value)
    assert not Player.objects.exists()
