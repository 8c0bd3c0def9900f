"""The demo story's body yields the claims the demo newsroom stores for it (#14)."""

import pytest

from rumours.extraction import propose_claims
from rumours.models import Article

pytestmark = pytest.mark.django_db


def test_the_demo_story_yields_most_of_its_stored_claims(demo):
    article = Article.objects.get()
    stored = {
        (claim.player.name, claim.to_club and claim.to_club.name, claim.claim_type)
        for claim in article.claims.select_related("player", "to_club")
    }

    proposed = {
        (p.player.key, p.to_club and p.to_club.key, p.claim_type)
        for p in propose_claims(article.body)
    }

    assert len(stored & proposed) >= 0.8 * len(stored)
    assert len(stored & proposed) / len(proposed) >= 0.6
