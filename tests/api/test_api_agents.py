"""The API names the agent who represents a player (#13)."""

import pytest

from rumours.models import Source

from ..factories import PlayerFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_a_player_gives_his_agent(api):
    agent = SourceFactory(slug="nico-berti", kind=Source.Kind.AGENT)
    represented = PlayerFactory(agent=agent)

    body = api.get(f"/api/v1/players/{represented.slug}/").json()

    assert (body["agent"]["slug"], body["agent"]["kind"]) == ("nico-berti", "agent")


def test_a_player_without_an_agent_gives_null(api):
    body = api.get(f"/api/v1/players/{PlayerFactory().slug}/").json()

    assert body["agent"] is None
