"""The rules for a player's contract with his own club, and his release clause.

Kept apart from the rules of a move (``kind_rules``), ahead of which they
are tried: "talks over a new contract" is not a move's negotiation.
"""

from ..models.claim_terms import ClaimType as K
from .rule import FROM, PLAYER, Rule

CONTRACT_RULES = [
    Rule(
        "refuses to renew",
        K.REFUSES_TO_RENEW,
        (
            r"(?:refus(?:es|ed|ing)|reject(?:s|ed|ing)?|turn(?:s|ed|ing)? down|"
            r"snub(?:s|bed)?) (?:to (?:sign|renew|extend) )?(?:a |an |the |his |their "
            r")?(?:new|fresh|improved|renewed)? ?(?:contract|deal|terms|renewal|"
            r"extension)",
            r"(?:will not|won't|does not want to|doesn't want to|is not willing to|"
            r"has no intention of) (?:sign(?:ing)?|renew(?:ing)?|extend(?:ing)?)(?: a "
            r"new| his)? ?(?:contract|deal)?",
            r"(?:refus(?:es|ed|ing)|reject(?:s|ed|ing)?|turn(?:s|ed|ing)? down|"
            r"snub(?:s|bed)?) (?:[\w'-]+ ){0,2}offer of (?:a |an )?(?:new |fresh |"
            r"improved )?(?:contract|deal|extension|renewal)",
            r"running down his contract",
            r"stalled? over (?:a |his )?new contract",
        ),
        PLAYER,
        negatable=False,
    ),
    Rule(
        "contract talks",
        K.CONTRACT_TALKS,
        (
            r"(?:talks|negotiations?|discussions?) (?:over|about|on|regarding|for) "
            r"(?:a |an )?(?:new|fresh|improved|extended|renewed|early)? ?(?:contract|"
            r"deal|extension)",
            r"(?:talks|negotiations?|discussions?) (?:[\w'-]+ ){1,4}?(?:over|about|on|"
            r"regarding) (?:a |an |his )?(?:new |fresh |improved |early |extended )?"
            r"(?:contract|extension|renewal)",
            r"(?:working on|discussing|negotiating|talks (?:over|about|on)) (?:the |a "
            r"|his )?renewal",
            r"contract (?:talks|negotiations)",
            r"discussing (?:a |an )?(?:new |improved )?(?:contract|extension)",
        ),
        PLAYER,
    ),
    Rule(
        "contract offer",
        K.CONTRACT_OFFER,
        (
            r"(?:offer(?:ed|s)?|tabled|handed|present(?:ed)?) (?:\w+ ){0,2}(?:a |an )"
            r"?(?:new|fresh|improved|bumper|lucrative|long-term)(?: \w+)? (?:contract|"
            r"deal)",
            r"contract offer",
            r"offer of a new contract",
        ),
        FROM,
    ),
    Rule(
        "contract extension",
        K.CONTRACT_EXTENSION,
        (
            r"(?:sign(?:ed|s)?|put pen to paper on|agreed|commit(?:ted)? (?:his "
            r"future )?to) (?:a |an )?(?:new|fresh|improved|extended|one-year|"
            r"two-year|three-year) ?(?:[\w-]+ )?(?:contract|deal|extension)",
            r"extend(?:ed|s|ing)? (?:his )?(?:contract|deal|stay)",
            r"contract extension",
            r"renew(?:ed|s)? (?:his )?(?:contract|deal)",
        ),
        PLAYER,
    ),
    Rule(
        "release clause",
        K.RELEASE_CLAUSE,
        (
            r"(?:release|buy-?out|exit|termination) clause",
            r"clausola rescissoria",
            r"clausula de rescision",
        ),
        PLAYER,
    ),
]
