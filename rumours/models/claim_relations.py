"""A page of claims' relations, from SQL compiled once per number of claims (#19).

What ``for_api()`` prefetches (the described sides' competitions, the relays
and speakers with their sources, the amounts), for claims loaded without
it: Django's prefetches compile their SQL on every request, for an ``IN``
list as long as the page.
"""

from operator import attrgetter

from .prepared import ParamList, PreparedByLength, set_prefetched

SIDES = ("from_competition", "to_competition")


def _claims(length):
    from .claims import TransferClaim

    return ParamList("claims", TransferClaim._meta.pk, length)


def _attributions(length):
    from .attributions import Attribution

    claims = _claims(length)
    return Attribution.objects.filter(claim__in=claims).select_related("source")


def _amounts(length):
    from .amounts import ClaimAmount

    return ClaimAmount.objects.filter(claim__in=_claims(length))


def _competitions(length):
    from .football import Competition

    pks = ParamList("competitions", Competition._meta.pk, length)
    return Competition.objects.filter(pk__in=pks)


ATTRIBUTIONS = PreparedByLength(_attributions, "claims")
AMOUNTS = PreparedByLength(_amounts, "claims")
COMPETITIONS = PreparedByLength(_competitions, "competitions")


def attach_api_relations(claims):
    """Give ``claims`` what ``for_api()`` prefetches on them: three queries at most."""
    if not claims:
        return
    pks = [claim.pk for claim in claims]
    for name, query in (("attributions", ATTRIBUTIONS), ("amounts", AMOUNTS)):
        set_prefetched(claims, name, query.run(claims=pks), attrgetter("claim_id"))
    sides = [claims[0]._meta.get_field(name) for name in SIDES]
    named = {getattr(claim, side.attname) for claim in claims for side in sides}
    found = COMPETITIONS.run(competitions=sorted(named - {None}))
    competitions = {competition.pk: competition for competition in found}
    for claim in claims:
        for side in sides:
            side.set_cached_value(claim, competitions.get(getattr(claim, side.attname)))
