"""Which clubs and players a story is about."""

from django.db import transaction

from ..models.claims import SUBJECT_FIELDS


@transaction.atomic
def sync_article_subjects(article):
    """Add to ``article`` the clubs and players its claims name.

    Editors may add further subjects by hand, so nothing is removed. Three
    queries whatever the number of claims.
    """
    named = {relation: set() for relation in SUBJECT_FIELDS}
    columns = [f"{name}_id" for names in SUBJECT_FIELDS.values() for name in names]
    for claim in article.claims.only(*columns):
        for relation, ids in claim.subject_ids().items():
            named[relation].update(ids)
    article.clubs.add(*named["clubs"])
    article.players.add(*named["players"])
