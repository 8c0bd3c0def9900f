"""A small newsroom for the extraction tests, and proposals read as tuples."""

from rumours.extraction import RuleProposer, gazetteer_from_database
from rumours.models import Source

from ..factories import ClubAliasFactory, ClubFactory, PlayerFactory, SourceFactory


def small_newsroom():
    """Spurs, Milan and Napoli, three players, an outlet, a journalist, an agent."""
    spurs = ClubFactory(name="Tottenham Hotspur", short_name="Tottenham", slug="spurs")
    ClubAliasFactory(club=spurs, name="Spurs")
    milan = ClubFactory(name="AC Milan", short_name="AC Milan", slug="ac-milan")
    ClubAliasFactory(club=milan, name="Rossoneri")
    napoli = ClubFactory(name="SSC Napoli", short_name="Napoli", slug="napoli")
    outlet = SourceFactory(name="Kicker", slug="kicker", kind=Source.Kind.OUTLET)
    SourceFactory(name="Sky Italia", slug="sky-italia", kind=Source.Kind.OUTLET)
    SourceFactory(
        name="Lena Vogt", slug="lena-vogt", kind=Source.Kind.JOURNALIST, outlet=outlet
    )
    agent = SourceFactory(name="Paolo Serra", slug="paolo-serra", kind="agent")
    PlayerFactory(name="Radu Drăgușin", slug="radu", current_club=spurs, agent=agent)
    PlayerFactory(name="Marco Rossi", slug="marco-rossi", current_club=milan)
    PlayerFactory(name="Luca Rossi", slug="luca-rossi", current_club=napoli)


def propose(text, **options):
    """Return the proposals for ``text`` as dicts, from a gazetteer built now."""
    proposer = RuleProposer(gazetteer_from_database())
    return [proposal.as_dict() for proposal in proposer.propose(text, **options)]


def claims(text, **options):
    """Return ``(player, from, to, kind)`` of each proposal for ``text``."""
    return [
        (p["player"], p["from_club"], p["to_club"], p["claim_type"])
        for p in propose(text, **options)
    ]
