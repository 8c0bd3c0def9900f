"""The named rules that say what kind of claim a sentence makes.

Each ``Rule`` names one kind and its wording, as alternatives a UI can list
("bid: made a bid, lodged an offer ..."), with the side a sentence's subject
usually stands for under it (``kinds`` explains how they are applied).
"""

from ..models.claim_terms import ClaimType as K
from .contract_rules import CONTRACT_RULES
from .rule import FROM, PLAYER, TO, Rule

__all__ = ["FROM", "PLAYER", "RULES", "TO", "Rule"]

RULES = [
    Rule(
        "denial",
        K.DENIED,
        (
            r"den(?:y|ies|ied|ying)",
            r"dismiss(?:ed|es)?",
            r"rubbish(?:ed)?",
            r"played down",
            r"shot down",
            r"ruled out",
            r"no truth",
            r"nothing in (?:the |these )?(?:reports?|rumours?|stories)",
            r"fake news",
            r"categorically not",
        ),
        TO,
        negatable=False,
    ),
    Rule(
        "not confirmed",
        K.NOT_CONFIRMED,
        (
            r"(?:refused|declined|would not|wouldn't|did not|didn't) (?:to )"
            r"?(?:confirm|comment|be drawn)",
            r"neither confirm(?:ed)? nor den(?:y|ied)",
            r"unconfirmed",
            r"could not confirm",
            r"(?:has|have) not been confirmed",
            r"no comment",
        ),
        FROM,
        negatable=False,
    ),
    *CONTRACT_RULES,
    Rule(
        "player rejects",
        K.PLAYER_REJECTS,
        (
            r"(?:turn(?:s|ed)? down|reject(?:s|ed)?|snub(?:s|bed)?|rebuff(?:s|ed)?|"
            r"said no to|refus(?:es|ed) to (?:join|move to|go to)) (?:a |an |the )"
            r"?(?:\w+ ){0,3}(?:move|switch|transfer|chance to join|approach from|"
            r"proposal from)",
            r"(?:said|says|say|saying) no to",
        ),
        PLAYER,
    ),
    Rule(
        "bid rejected",
        K.BID_REJECTED,
        (
            r"(?:bid|offer|proposal|approach)s?\b[^.;]{0,40}(?:rejected|turned down|"
            r"knocked back|rebuffed|snubbed|refused|dismissed|declined)",
            r"(?:reject(?:ed|s)?|turn(?:ed|s)? down|knock(?:ed|s)? back|rebuff(?:ed|s)"
            r"?|snub(?:bed|s)?|said no to) (?:a |an |the |their |two |another )"
            r"?(?:[^.;,]{0,30})(?:bid|offer|proposal|approach)",
        ),
        FROM,
    ),
    Rule(
        "fee agreed",
        K.FEE_AGREED,
        (
            r"(?:agreed|agree|agreement on|struck|reached|finalised|accepted) (?:a |"
            r"an |the )?(?:[\w€£$-]+ ){0,3}(?:fee|price|deal with|club-to-club|"
            r"agreement with)",
            r"(?:fee|price) (?:has been |is |was )?agreed",
            r"(?:full|total|complete) (?:agreement|accord) between",
            r"(?:clubs|sides) (?:have |are )?(?:reached|struck|in) (?:an )?agreement",
            r"agreement in principle",
            r"found (?:an |the )?(?:agreement|accord)",
            r"(?:agreed|struck|reached) (?:a |an |the )?(?:[\w-]+ )?(?:loan|deal|"
            r"transfer|move) (?:for|to sign)",
            r"accept(?:ed|s)? (?:a |an |the |their )?(?:[\w€£$-]+ ){0,3}(?:bid|offer)",
        ),
    ),
    Rule(
        "personal terms agreed",
        K.PERSONAL_TERMS_AGREED,
        (
            r"(?:agreed|agree|reached|accepted|settled) (?:an agreement on )"
            r"?(?:personal )?terms",
            r"personal terms (?:have been |are |were )?(?:agreed|in place|sorted|done|"
            r"settled)",
            r"(?:verbal )?agreement with the player",
            r"said yes to",
        ),
        PLAYER,
    ),
    Rule(
        "medical",
        K.MEDICAL,
        (
            r"medicals?\b(?! staff| department| team)",
            r"(?:his|a|the|undergo\w*|passed|booked) physicals?\b(?! (?:presence|"
            r"battle|condition|side|attributes|strength|game))",
        ),
        PLAYER,
    ),
    Rule(
        "here we go",
        K.COMPLETED,
        (r"here we go",),
    ),
    Rule(
        "completed",
        K.COMPLETED,
        (
            r"(?:has|have|had) (?:now |officially )?(?:signed|completed|sealed|joined)"
            r"\b(?! (?:his |a |the |their )?medical)",
            r"signed for",
            r"complet(?:es|ed|ing) (?:a |an |his |the |their )?(?:[\w€£$-]+ )"
            r"{0,2}(?:move|transfer|switch|signing|deal)",
            r"(?:deal|move|transfer|switch) (?:is|was|has been) (?:done|complete|"
            r"completed|finali[sz]ed|official|confirmed)",
            r"done deal",
            r"(?:officially )?(?:unveiled|announced|confirmed) (?:the )?(?:signing|"
            r"arrival)",
            r"joins",
            r"joined",
            r"sealed (?:a |his )?(?:\w+ )?(?:move|switch|transfer)",
            r"(?:sanctioned|completed|confirmed) the (?:departure|sale|exit) of",
            r"\bsold\b",
            r"\bsigned\b",
        ),
    ),
    Rule(
        "negotiation",
        K.NEGOTIATION,
        (
            r"closing in on",
            r"close to (?:signing|a deal|an agreement|completing)",
            r"nearing (?:a deal|an agreement|a move)",
            r"on the verge of",
            r"talks",
            r"negotiat(?:ions?|ing|e)",
            r"in discussions?",
            r"discussing",
            r"discuss(?:es|ed)?\b",
            r"in contact",
            r"contacts? (?:with|between)",
            r"trattativa",
        ),
    ),
    Rule(
        "wants to leave",
        K.WANTS_TO_LEAVE,
        (
            r"(?:want(?:s|ed)?|wanting|keen|eager|desperate|determined|asked|pushing|"
            r"angling|itching|looking) (?:to|for) (?:leave|quit|depart|move on|go|an? "
            r"(?:exit|move away|departure|fresh start))",
            r"wants? out",
            r"(?:handed|put) in a transfer request",
            r"push(?:ing|es|ed)? for (?:an? )?(?:exit|move|departure)",
            r"seeking an exit",
            r"(?:has|have) asked to leave",
            r"(?:open|ready) to (?:leaving|a move away)",
        ),
        PLAYER,
    ),
    Rule(
        "blocked",
        K.BLOCKED,
        (
            r"block(?:ed|s|ing)?",
            r"veto(?:ed)?",
            r"stand(?:s|ing)? in the way",
            r"refus(?:e|es|ed|ing) to (?:sell|let|sanction|release|entertain)",
            r"not for sale",
            r"(?:do|does|did|will) ?(?:not|n't) want to (?:sell|let|lose)",
            r"(?:will not|won't) (?:let|allow|sell)(?![^.;:]{0,40}\bless than)",
            r"put (?:a stop|an end|the brakes) to",
            r"(?:are|is) not selling",
            r"no intention of selling",
            r"slammed the door",
            r"(?:is|are) going nowhere",
            r"non-negotiable",
            r"untouchable",
            r"not (?:be )?(?:sold|leaving)",
        ),
        FROM,
        negatable=False,
    ),
    Rule(
        "asking price",
        K.ASKING_PRICE,
        (
            r"asking price",
            r"price[- ]tag",
            r"valu(?:e|ed|es|ing|ation)\b",
            r"(?:want|demand|ask)(?:s|ed|ing)? (?:for )?(?:a (?:fee|sum|price) of )?"
            r"(?:at least |around |about |in the region of )?[€£$\d]",
            r"hold(?:ing)? out for",
            r"will not (?:accept|sell for) less than",
            r"want (?:a|big) (?:fee|money)",
            r"asking for [€£$\d]",
            r"(?:set|put) (?:a |an |their )?(?:price|valuation)",
            r"priced at",
        ),
        FROM,
    ),
    # "will not let him go for less than €45m": the negation is the price's own.
    Rule(
        "asking price floor",
        K.ASKING_PRICE,
        (r"(?:go|leave|be sold|sell(?: him)?) for (?:any )?less than",),
        FROM,
        negatable=False,
    ),
    Rule(
        "willing to sell",
        K.WILLING_TO_SELL,
        (
            r"(?:willing|ready|prepared|open|happy|set) to (?:sell|selling|let (?:\w+ )"
            r"{1,3}(?:go|leave)|offload|offloading|mov(?:e|ing) (?:[\w'-]+ ){1,3}on\b|"
            r"cash in|part (?:ways )?with|listen to offers|"
            r"sanction (?:a|his) (?:sale|departure|exit))",
            r"open to (?:offers|a sale|selling)",
            r"would (?:sell|let him go)",
            r"could be sold",
        ),
        FROM,
    ),
    Rule(
        "transfer-listed",
        K.TRANSFER_LISTED,
        (
            r"transfer[- ]list(?:ed)?",
            r"(?:placed|put|made|declared) (?:\w+ ){0,3}(?:on the transfer list|"
            r"available for transfer|up for sale|surplus)",
            r"surplus to requirements",
            r"not (?:in|part of) (?:\w+ ){0,3}plans",
            r"free to (?:find|leave|look)",
            r"told (?:he|him) (?:can|to) (?:leave|find)",
            r"on the market",
            r"up for sale",
            r"fuori (?:dal )?progetto",
        ),
        FROM,
    ),
    Rule(
        "bid",
        K.BID,
        (
            r"bids?",
            r"offers?",
            r"offered",
            r"proposals?",
            r"opening offer",
            r"(?:made|submitted|lodged|tabled|launched) (?:a |an )?(?:\w+ )"
            r"{0,2}(?:bid|offer|proposal)",
            r"(?:launch|table|lodge|submit|make|made)\w* (?:an? )?[€£$][\w.,]*(?: "
            r"million| mln| bn)? (?:move|swoop|approach)",
            r"oferta",
            r"offerta",
        ),
    ),
    Rule(
        "enquiry",
        K.ENQUIRY,
        (
            r"enquir(?:y|ies|ed|e|es|ing)",
            r"inquir(?:y|ies|ed|e|es|ing)",
            r"asked (?:\w+ ){0,2}about",
            r"ask(?:ed)? (?:for|about) (?:information|details)",
            r"sounded out",
            r"made (?:an )?(?:approach|contact)",
            r"requested information",
            r"probed",
            r"sondaggio",
            r"sondeo",
            r"approach(?:ed)?",
            r"(?:opened|initiated) contacts?",
        ),
    ),
    Rule(
        "interest",
        K.INTEREST,
        (
            r"interest(?:ed)?",
            r"keen on",
            r"keen\b(?! to)",
            r"keen to (?:sign|land|bring)",
            r"eye(?:s|ing|d)?",
            r"monitor(?:ing|ed|s)?",
            r"track(?:ing|ed|s)?",
            r"keep(?:ing)? tabs",
            r"admire(?:rs|s|d)?",
            r"target(?:s|ing|ed)?",
            r"want(?:s|ed)?",
            r"circl(?:e|ing)",
            r"scout(?:ed|ing|s)?",
            r"consider(?:ing)?",
            r"linked",
            r"looking at",
            r"in the race",
            r"race for",
            r"suitors?",
            r"after (?:his|the player's) signature",
            r"swoop",
            r"pursuit",
            r"chas(?:e|ing)",
            r"on (?:the|their|his) (?:radar|shortlist|list|wishlist)",
            r"shortlist(?:ed)?",
            r"lining up",
            r"plotting",
            r"fans? of",
            r"set their sights",
            r"courting",
            r"pursu(?:e|ing)",
            r"in for",
            r"inserted",
            r"alert(?:ed)?",
            r"like(?:s)? ",
            r"move for",
            r"vying",
            r"follow(?:s|ing|ed)? (?:the )?(?:situation|progress|development)s? of",
            r"follow(?:s|ing|ed)? (?:[\w'-]+ ){1,4}(?:closely|with (?:great |much )?"
            r"(?:attention|interest))",
            r"keep(?:s|ing)? (?:a close |an )?eye on",
            r"(?:ready|poised|waiting) to pounce",
            r"waiting in the wings",
            r"(?:prepar(?:e|es|ing)|plan(?:s|ning)?|consider(?:s|ing)?|weigh(?:s|ing)?"
            r"(?: up)?|mull(?:s|ing)?) (?:an? |their |a fresh |a new )?(?:[\w€£$.,-]+ )"
            r"{0,3}(?:bid|offer|approach)",
        ),
    ),
]
