"""The names an export gives each item: ones that resolve to it alone on import."""

from collections import Counter


class References:
    """The name each item goes by in the file: one that resolves to it alone."""

    def __init__(self, competitions, clubs, players, sources, articles):
        repeated = Counter(item.name.casefold() for item in competitions)
        self.competitions = {
            item.pk: item.slug if repeated[item.name.casefold()] > 1 else item.name
            for item in competitions
        }
        # A full name is unique, and wins over every other word for a club.
        self.clubs = {item.pk: item.name for item in clubs}
        self.club_slugs = {item.pk: item.slug for item in clubs}
        self.players = player_references(players, self.clubs)
        self.player_slugs = {item.pk: item.slug for item in players}
        self.sources = {item.pk: item.slug for item in sources}
        self.articles = {item.pk: item.slug for item in articles}
        # A claim is named by its story and its place in the story's list.
        self.claim_places = {
            claim.pk: (item.slug, index)
            for item in articles
            for index, claim in enumerate(item.claims.all())
        }

    def club(self, pk):
        return None if pk is None else self.clubs[pk]

    def player(self, pk):
        return None if pk is None else self.players[pk]

    def claim(self, pk):
        if pk is None:
            return None
        article, index = self.claim_places[pk]
        return {"article": article, "claim": index}


def player_references(players, club_names):
    """Return each player's reference: the name if it is unambiguous.

    A slug wins over a name on import, so a name is used only if no other
    player has it as a slug. Namesakes at different clubs are written as
    ``{"name": ..., "club": ...}``; anything still ambiguous, as the slug.
    """
    by_slug = {player.slug: player for player in players}
    names = Counter(player.name.casefold() for player in players)
    names_at = Counter(
        (player.name.casefold(), player.current_club_id) for player in players
    )
    references = {}
    for player in players:
        folded = player.name.casefold()
        owner = by_slug.get(player.name)
        if owner is player or (owner is None and names[folded] == 1):
            references[player.pk] = player.name
        elif names_at[folded, player.current_club_id] == 1:
            club = player.current_club_id
            references[player.pk] = {
                "name": player.name,
                "club": None if club is None else club_names[club],
            }
        else:
            references[player.pk] = player.slug
    return references
