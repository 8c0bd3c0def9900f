"""Writes on articles that span models."""

from django.db import transaction


@transaction.atomic
def sync_article_subjects(article):
    """Add to ``article`` the clubs and players its claims name.

    Editors may add further subjects by hand, so nothing is removed. Three
    queries whatever the number of claims.
    """
    club_ids, player_ids = set(), set()
    rows = article.claims.values_list(
        "player_id", "replaces_id", "from_club_id", "to_club_id"
    )
    for player_id, replaces_id, from_club_id, to_club_id in rows:
        player_ids.update(filter(None, (player_id, replaces_id)))
        club_ids.update(filter(None, (from_club_id, to_club_id)))
    article.clubs.add(*club_ids)
    article.players.add(*player_ids)
