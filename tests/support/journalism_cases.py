"""The case book: short transfer paragraphs and the claims each must store (#13).

Every paragraph is written for this book (no outlet's words); the players
are invented, the clubs and outlets real, so the wording reads like the copy
the desk receives. ``docs/journalism-cases.md`` prints the same cases and
``tests/test_journalism_cases.py`` holds the two together.

A case is one story: its paragraph, its claims in the newsroom file's terms
(docs/interchange.md; every key a case leaves out takes ``CLAIM_DEFAULTS``),
story-level fields, and phrases its page must show.
"""

from dataclasses import dataclass, field

PUBLISHED_AT = "2026-11-02T08:00:00Z"

CLAIM_DEFAULTS = {
    "player": None,
    "from_club": None,
    "from_described": None,
    "free_agent": False,
    "to_club": None,
    "to_described": None,
    "claim_type": None,
    "occurrence": 1,
    "deal_type": None,
    "amounts": [],
    "source": None,
    "attributions": [],
    "quote": None,
    "reported_at": PUBLISHED_AT,
    "event": None,
    "replaces": None,
    "answers": None,
    "swap_with": None,
    "outcome": "open",
    "resolved_at": None,
}


@dataclass
class Case:
    slug: str
    causes: tuple  # the causes 1-8 it covers
    title: str
    paragraph: str
    claims: list
    shows: list = field(default_factory=list)  # phrases of the story page
    hides: list = field(default_factory=list)  # phrases it must not show
    article: dict = field(default_factory=dict)  # story-level fields
    squad_notes: list = field(default_factory=list)  # squad_targets items
    pages: dict = field(default_factory=dict)  # {other page: [phrases]}

    def claim_items(self):
        """Return the claims as the file writes them: every key, in order."""
        return [
            {**CLAIM_DEFAULTS, "quote": self.paragraph, **claim}
            for claim in self.claims
        ]


def described(text, competition=None, country=""):
    return {"text": text, "competition": competition, "country": country}


def relay(source):
    return {"source": source, "role": "relay"}


def speaker(source):
    return {"source": source, "role": "speaker"}


COMPETITIONS = [
    {"name": "Bundesliga", "slug": "bundesliga", "country": "Germany"},
    {"name": "Major League Soccer", "slug": "mls", "country": "United States"},
    {"name": "Premier League", "slug": "premier-league", "country": "England"},
    {"name": "Serie A", "slug": "serie-a", "country": "Italy"},
    {"name": "Serie B", "slug": "serie-b", "country": "Italy"},
]


def club(name, slug, competition, country, roles=()):
    return {
        "name": name,
        "short_name": name,
        "slug": slug,
        "aliases": [],
        "competition": competition,
        "country": country,
        "roles": list(roles),
    }


def amount(kind, value=None, currency=None, qualifier="exact", **rest):
    """Return an amount item as the file writes it: every key, in order."""
    return {
        "kind": kind,
        "amount": value,
        "upper_amount": rest.get("upper"),
        "currency": currency,
        "qualifier": qualifier,
        "converted_amount": rest.get("converted"),
        "converted_currency": rest.get("converted_currency"),
        "period": rest.get("period"),
    }


def squad_note(club, position, kind, count, note, noted_on, article):
    return {
        "club": club,
        "position": position,
        "kind": kind,
        "target_count": count,
        "note": note,
        "noted_on": noted_on,
        "article": article,
        "source": None,
    }


CLUBS = [
    club("AC Milan", "ac-milan", "Serie A", "Italy"),
    club("Brighton", "brighton", "Premier League", "England"),
    club("Eintracht Frankfurt", "eintracht-frankfurt", "Bundesliga", "Germany"),
    club(
        "Genoa",
        "genoa",
        "Serie A",
        "Italy",
        roles=[
            {
                "role": "sporting_director",
                "name": "Luca Ferrando",
                "person": "genoa-director",
                "started_on": "2024-07-01",
                "ended_on": None,
            }
        ],
    ),
    club("Inter", "inter", "Serie A", "Italy"),
    club("Juventus", "juventus", "Serie A", "Italy"),
    club("Tottenham Hotspur", "tottenham-hotspur", "Premier League", "England"),
]


def player(name, slug, position, current_club, agent=None):
    return {
        "name": name,
        "slug": slug,
        "date_of_birth": None,
        "nationality": "",
        "primary_position": position,
        "secondary_positions": [],
        "current_club": current_club,
        "previous_club": None,
        "fitness": "available",
        "fitness_note": "",
        "agent": agent,
    }


PLAYERS = [
    player("Ari Lindqvist", "ari-lindqvist", "CM", "Tottenham Hotspur"),
    player("Dario Neri", "dario-neri", "CB", "Genoa", agent="paolo-serra"),
    player("Enzo Ferri", "enzo-ferri", "AM", "Juventus"),
    player("Jonas Keller", "jonas-keller", "DF", "Eintracht Frankfurt"),
    player("Lukas Brenner", "lukas-brenner", "ST", "Eintracht Frankfurt"),
    player("Marek Novak", "marek-novak", "RB", None),
    player("Mateo Ruiz", "mateo-ruiz", None, "Juventus"),
    player("Pietro Galli", "pietro-galli", "DM", "Inter"),
    player("Sam Okafor", "sam-okafor", "ST", None),
    player("Tom Ashby", "tom-ashby", "CM", "Brighton"),
]


def source(name, slug, kind, tier, outlet=None):
    return {
        "name": name,
        "slug": slug,
        "kind": kind,
        "outlet": outlet,
        "country": "",
        "language": "",
        "reliability_tier": tier,
    }


SOURCES = [
    source("Calciomercato Live", "calciomercato-live", "outlet", None),
    source("Luca Ferrando", "genoa-director", "club_official", 2),
    source("Kicker", "kicker", "outlet", 2),
    source("La Gazzetta dello Sport", "gazzetta", "outlet", 1),
    source("Lena Vogt", "lena-vogt", "journalist", 2, outlet="kicker"),
    source("Paolo Serra", "paolo-serra", "agent", 3),
    source("Sky Sport Deutschland", "sky-sport-deutschland", "outlet", 1),
    source("Transfer Desk", "transfer-desk", "desk", None),
]

CASES = [
    Case(
        "case-01-relayed",
        (1,),
        "A claim relayed by a second outlet",
        "Eintracht Frankfurt are ready to sell Lukas Brenner, Kicker reports, "
        "via Sky Sport Deutschland.",
        [
            {
                "player": "Lukas Brenner",
                "from_club": "Eintracht Frankfurt",
                "claim_type": "willing_to_sell",
                "source": "kicker",
                "attributions": [relay("sky-sport-deutschland")],
            }
        ],
        shows=[
            "Eintracht Frankfurt are willing to let Lukas Brenner go",
            "according to Kicker (tier 2), via Sky Sport Deutschland (tier 1)",
        ],
    ),
    Case(
        "case-02-agent-speaks",
        (1, 7),
        "The player's wish, in his agent's words",
        "Paolo Serra told La Gazzetta dello Sport that Dario Neri wants to "
        "leave Genoa this winter in search of regular football.",
        [
            {
                "player": "Dario Neri",
                "from_club": "Genoa",
                "claim_type": "wants_to_leave",
                "source": "gazzetta",
                "attributions": [speaker("paolo-serra")],
            }
        ],
        shows=["Dario Neri wants to leave Genoa", "as Paolo Serra"],
    ),
    Case(
        "case-03-reportedly",
        (1,),
        "Nobody named",
        "Brighton are said to be interested in Pietro Galli.",
        [
            {
                "player": "Pietro Galli",
                "from_club": "Inter",
                "to_club": "Brighton",
                "claim_type": "interest",
            }
        ],
        shows=["Brighton are interested in Pietro Galli", "reportedly"],
        hides=["our own reporting"],
    ),
    Case(
        "case-04-desk",
        (1,),
        "The desk's own reporting",
        "Transfer Desk understands Juventus have made an opening enquiry for "
        "Ari Lindqvist.",
        [
            {
                "player": "Ari Lindqvist",
                "from_club": "Tottenham Hotspur",
                "to_club": "Juventus",
                "claim_type": "enquiry",
                "source": "transfer-desk",
            }
        ],
        shows=["Juventus have made an enquiry for Ari Lindqvist", "our own reporting"],
    ),
    Case(
        "case-05-aggregated",
        (1,),
        "An aggregated story keeps its original",
        "Kicker's Lena Vogt first reported that Inter have opened talks with "
        "Frankfurt over Lukas Brenner.",
        [
            {
                "player": "Lukas Brenner",
                "from_club": "Eintracht Frankfurt",
                "to_club": "Inter",
                "claim_type": "negotiation",
                "source": "lena-vogt",
            }
        ],
        shows=["Inter are negotiating for Lukas Brenner", "Based on a report by"],
        article={
            "original": {
                "source": "lena-vogt",
                "url": "https://example.org/brenner-inter",
                "published_at": "2026-11-01T20:00:00Z",
            }
        },
    ),
    Case(
        "case-06-host-of-clubs",
        (2,),
        "A host of clubs, unnamed",
        "A host of Bundesliga clubs are keeping tabs on Dario Neri, according "
        "to Kicker.",
        [
            {
                "player": "Dario Neri",
                "from_club": "Genoa",
                "to_described": described("a host of Bundesliga clubs", "Bundesliga"),
                "claim_type": "interest",
                "source": "kicker",
            }
        ],
        shows=["A host of Bundesliga clubs are interested in Dario Neri"],
    ),
    Case(
        "case-07-mls-side",
        (2,),
        "An unnamed MLS side",
        "An unnamed MLS side have made an offer for Enzo Ferri, Calciomercato "
        "Live claims.",
        [
            {
                "player": "Enzo Ferri",
                "from_club": "Juventus",
                "to_described": described(
                    "an unnamed MLS side", "Major League Soccer", "United States"
                ),
                "claim_type": "bid",
                "source": "calciomercato-live",
            }
        ],
        shows=["An unnamed MLS side have made a bid for Enzo Ferri"],
    ),
    Case(
        "case-08-clubs-in-a-country",
        (2,),
        "Clubs in a country",
        "Clubs in Portugal have asked about Pietro Galli's situation, "
        "according to La Gazzetta dello Sport.",
        [
            {
                "player": "Pietro Galli",
                "from_club": "Inter",
                "to_described": described("clubs in Portugal", None, "Portugal"),
                "claim_type": "enquiry",
                "source": "gazzetta",
            }
        ],
        shows=["Clubs in Portugal have made an enquiry for Pietro Galli"],
    ),
    Case(
        "case-09-second-tier-seller",
        (2,),
        "A seller described, not named",
        "His Serie B club want a fee for Marek Novak and will not let him go "
        "cheaply, Calciomercato Live says.",
        [
            {
                "player": "Marek Novak",
                "from_described": described("his Serie B club", "Serie B"),
                "claim_type": "asking_price",
                "source": "calciomercato-live",
            }
        ],
        shows=["His Serie B club have set an asking price for Marek Novak"],
    ),
    Case(
        "case-10-free-agent",
        (2,),
        "A free agent",
        "Sam Okafor, a free agent since the summer, has agreed terms with "
        "Brighton, Sky Sport Deutschland reports.",
        [
            {
                "player": "Sam Okafor",
                "free_agent": True,
                "to_club": "Brighton",
                "claim_type": "personal_terms_agreed",
                "source": "sky-sport-deutschland",
            }
        ],
        shows=["Sam Okafor has agreed personal terms with Brighton", "free agent"],
    ),
    Case(
        "case-11-seller-not-named",
        (2,),
        "A selling club the story leaves out",
        "AC Milan are interested in Marek Novak, reports Kicker, which does "
        "not say where he plays.",
        [
            {
                "player": "Marek Novak",
                "to_club": "AC Milan",
                "claim_type": "interest",
                "source": "kicker",
            }
        ],
        shows=["(club not named → AC Milan)"],
        hides=["free agent"],
    ),
    Case(
        "case-12-release-clause",
        (4,),
        "A release clause",
        "Lukas Brenner's contract at Frankfurt holds a release clause, Kicker reports.",
        [
            {
                "player": "Lukas Brenner",
                "from_club": "Eintracht Frankfurt",
                "claim_type": "release_clause",
                "source": "kicker",
            }
        ],
        shows=[
            "Lukas Brenner has a release clause in his contract with "
            "Eintracht Frankfurt"
        ],
    ),
    Case(
        "case-13-player-says-no",
        (4,),
        "The player turns it down",
        "Tom Ashby has rejected the chance to join AC Milan, preferring to "
        "stay in England, La Gazzetta dello Sport says.",
        [
            {
                "player": "Tom Ashby",
                "from_club": "Brighton",
                "to_club": "AC Milan",
                "claim_type": "player_rejects",
                "source": "gazzetta",
            }
        ],
        shows=["Tom Ashby has turned down a move to AC Milan"],
    ),
    Case(
        "case-14-surplus",
        (4, 7),
        "Told he is surplus",
        "Juventus have told Enzo Ferri he is free to find a new club, "
        "Calciomercato Live reports.",
        [
            {
                "player": "Enzo Ferri",
                "from_club": "Juventus",
                "claim_type": "transfer_listed",
                "source": "calciomercato-live",
            }
        ],
        shows=["Juventus have made Enzo Ferri available for transfer"],
    ),
    Case(
        "case-15-contract-talks",
        (4,),
        "Contract talks",
        "Genoa's sporting director confirmed talks with Dario Neri's camp "
        "about an extension.",
        [
            {
                "player": "Dario Neri",
                "from_club": "Genoa",
                "claim_type": "contract_talks",
                "source": "genoa-director",
            }
        ],
        shows=["Dario Neri is in talks over a new contract with Genoa"],
    ),
    Case(
        "case-16-contract-offer",
        (4,),
        "A contract offer",
        "Inter have put a new deal on the table for Pietro Galli, La Gazzetta "
        "dello Sport reports.",
        [
            {
                "player": "Pietro Galli",
                "from_club": "Inter",
                "claim_type": "contract_offer",
                "source": "gazzetta",
            }
        ],
        shows=["Inter have offered Pietro Galli a new contract"],
    ),
    Case(
        "case-17-refuses-to-renew",
        (4,),
        "A refusal to renew",
        "Ari Lindqvist will not sign a new contract at Tottenham, Kicker hears.",
        [
            {
                "player": "Ari Lindqvist",
                "from_club": "Tottenham Hotspur",
                "claim_type": "refuses_to_renew",
                "source": "kicker",
            }
        ],
        shows=[
            "Ari Lindqvist is refusing to sign a new contract with Tottenham Hotspur"
        ],
    ),
    Case(
        "case-18-swap",
        (4,),
        "A swap, both sides linked",
        "Inter and Juventus are discussing a swap that would take Pietro "
        "Galli to Turin and Enzo Ferri to Milan, according to Gazzetta.",
        [
            {
                "player": "Pietro Galli",
                "from_club": "Inter",
                "to_club": "Juventus",
                "claim_type": "negotiation",
                "deal_type": "swap",
                "source": "gazzetta",
            },
            {
                "player": "Enzo Ferri",
                "from_club": "Juventus",
                "to_club": "Inter",
                "claim_type": "negotiation",
                "deal_type": "swap",
                "source": "gazzetta",
                "swap_with": 0,
            },
        ],
        shows=["Swap with Pietro Galli going the other way"],
    ),
    Case(
        "case-19-denial",
        (4,),
        "A denial aimed at a report",
        "Lukas Brenner's camp called the story of talks with Inter nonsense.",
        [
            {
                "player": "Lukas Brenner",
                "from_club": "Eintracht Frankfurt",
                "to_club": "Inter",
                "claim_type": "denied",
                "answers": {"article": "case-05-aggregated", "claim": 0},
            }
        ],
        shows=[
            "A move for Lukas Brenner to Inter has been denied",
            "In answer to the report in",
        ],
    ),
    Case(
        "case-20-not-confirmed",
        (4,),
        "A journalist will not confirm",
        "Lena Vogt says she cannot confirm that an offer for Enzo Ferri has been made.",
        [
            {
                "player": "Enzo Ferri",
                "from_club": "Juventus",
                "to_described": described("an unnamed MLS side", "Major League Soccer"),
                "claim_type": "not_confirmed",
                "source": "lena-vogt",
                "answers": {"article": "case-07-mls-side", "claim": 0},
            }
        ],
        shows=["A move for Enzo Ferri to an unnamed MLS side has not been confirmed"],
    ),
    Case(
        "case-21-winter-refusal",
        (6,),
        "When it happened, not when it was said",
        "Genoa refused to sell Dario Neri in the winter window, Paolo Serra "
        "told Kicker.",
        [
            {
                "player": "Dario Neri",
                "from_club": "Genoa",
                "claim_type": "blocked",
                "source": "kicker",
                "attributions": [speaker("paolo-serra")],
                "event": {"date": "2026-01-15", "precision": "winter"},
            }
        ],
        shows=["Genoa are blocking a move for Dario Neri", "winter window 2026"],
    ),
    Case(
        "case-22-month",
        (6,),
        "A month",
        "Brighton first asked about Pietro Galli in March, Gazzetta reveals.",
        [
            {
                "player": "Pietro Galli",
                "from_club": "Inter",
                "to_club": "Brighton",
                "claim_type": "enquiry",
                "source": "gazzetta",
                "event": {"date": "2026-03-01", "precision": "month"},
            }
        ],
        shows=["March 2026"],
    ),
    Case(
        "case-23-unnamed-suitor-keeps-seller",
        (8,),
        "The seller stays in view",
        "An unnamed club are interested in Tom Ashby, Calciomercato Live claims.",
        [
            {
                "player": "Tom Ashby",
                "from_club": "Brighton",
                "claim_type": "interest",
                "source": "calciomercato-live",
            }
        ],
        shows=["An unnamed club are interested in Tom Ashby (Brighton → unnamed club)"],
    ),
    Case(
        "case-24-unrated",
        (8,),
        "A new source is not yet rated",
        "Calciomercato Live claims Juventus want Lukas Brenner.",
        [
            {
                "player": "Lukas Brenner",
                "from_club": "Eintracht Frankfurt",
                "to_club": "Juventus",
                "claim_type": "interest",
                "source": "calciomercato-live",
            }
        ],
        shows=["according to Calciomercato Live (not yet rated)"],
        hides=["tier 3"],
    ),
    Case(
        "case-25-willing-to-sell-wish",
        (4, 7),
        "A club ready to sell",
        "Tottenham would listen to offers for Ari Lindqvist, Kicker reports.",
        [
            {
                "player": "Ari Lindqvist",
                "from_club": "Tottenham Hotspur",
                "claim_type": "willing_to_sell",
                "source": "kicker",
            }
        ],
        shows=["Tottenham Hotspur are willing to let Ari Lindqvist go"],
    ),
    Case(
        "case-26-a-defender",
        (3,),
        "A defender, as the story says",
        "Inter are keeping an eye on Eintracht Frankfurt defender Jonas Keller, "
        "Kicker reports.",
        [
            {
                "player": "Jonas Keller",
                "from_club": "Eintracht Frankfurt",
                "to_club": "Inter",
                "claim_type": "interest",
                "source": "kicker",
            }
        ],
        shows=["Inter are interested in Jonas Keller"],
        pages={"/players/jonas-keller/": ["Defender"]},
    ),
    Case(
        "case-27-no-position",
        (3,),
        "No position given",
        "Juventus youngster Mateo Ruiz is wanted by AC Milan, Calciomercato "
        "Live claims.",
        [
            {
                "player": "Mateo Ruiz",
                "from_club": "Juventus",
                "to_club": "AC Milan",
                "claim_type": "interest",
                "source": "calciomercato-live",
            }
        ],
        shows=["AC Milan are interested in Mateo Ruiz"],
        pages={"/players/mateo-ruiz/": ["Position not given"]},
    ),
    Case(
        "case-28-asking-price",
        (4, 5),
        "An asking price with add-ons of unknown size",
        "Brighton want £40m plus add-ons for Tom Ashby, La Gazzetta dello "
        "Sport reports.",
        [
            {
                "player": "Tom Ashby",
                "from_club": "Brighton",
                "claim_type": "asking_price",
                "amounts": [
                    amount("asking_price", "40000000.00", "GBP"),
                    amount("add_ons"),
                ],
                "source": "gazzetta",
            }
        ],
        shows=["Brighton have set an asking price for Tom Ashby", "£40m plus add-ons"],
    ),
    Case(
        "case-29-hedged-release-clause",
        (4, 5),
        "A release clause, hedged",
        "Lukas Brenner's release clause is thought to be around €60m, Kicker says.",
        [
            {
                "player": "Lukas Brenner",
                "from_club": "Eintracht Frankfurt",
                "claim_type": "release_clause",
                "amounts": [amount("release_clause", "60000000.00", "EUR", "around")],
                "source": "kicker",
            }
        ],
        shows=["around €60m"],
    ),
    Case(
        "case-30-loan-and-option",
        (5,),
        "A loan fee, then an option",
        "AC Milan are negotiating to take Enzo Ferri on loan for €2m, with an "
        "option to buy him for €25m, according to Gazzetta.",
        [
            {
                "player": "Enzo Ferri",
                "from_club": "Juventus",
                "to_club": "AC Milan",
                "claim_type": "negotiation",
                "deal_type": "loan_with_option",
                "amounts": [
                    amount("loan_fee", "2000000.00", "EUR"),
                    amount("option_price", "25000000.00", "EUR"),
                ],
                "source": "gazzetta",
            }
        ],
        shows=["loan fee of €2m, with an option to buy at €25m"],
    ),
    Case(
        "case-31-second-currency",
        (5,),
        "Two currencies, as reported",
        "Inter have offered almost €40m (£34m) for Tom Ashby, Kicker says.",
        [
            {
                "player": "Tom Ashby",
                "from_club": "Brighton",
                "to_club": "Inter",
                "claim_type": "bid",
                "amounts": [
                    amount(
                        "transfer_fee",
                        "40000000.00",
                        "EUR",
                        "almost",
                        converted="34000000.00",
                        converted_currency="GBP",
                    )
                ],
                "source": "kicker",
            }
        ],
        shows=["almost €40m (about £34m)"],
    ),
    Case(
        "case-32-two-rejected-bids",
        (5,),
        "Two offers turned down",
        "Tottenham have rejected two offers from Juventus for Ari Lindqvist, "
        "the second worth €30m, Calciomercato Live reports.",
        [
            {
                "player": "Ari Lindqvist",
                "from_club": "Tottenham Hotspur",
                "to_club": "Juventus",
                "claim_type": "bid_rejected",
                "source": "calciomercato-live",
            },
            {
                "player": "Ari Lindqvist",
                "from_club": "Tottenham Hotspur",
                "to_club": "Juventus",
                "claim_type": "bid_rejected",
                "occurrence": 2,
                "amounts": [amount("transfer_fee", "30000000.00", "EUR")],
                "source": "calciomercato-live",
            },
        ],
        shows=["€30m"],
    ),
    Case(
        "case-33-wages",
        (5,),
        "Wages",
        "Brighton are offering Sam Okafor £150,000 a week, Sky Sport "
        "Deutschland reports.",
        [
            {
                "player": "Sam Okafor",
                "free_agent": True,
                "to_club": "Brighton",
                "claim_type": "negotiation",
                "amounts": [amount("wages", "150000.00", "GBP", period="week")],
                "source": "sky-sport-deutschland",
            }
        ],
        shows=["£150k a week"],
    ),
    Case(
        "case-34-a-need-without-a-number",
        (7,),
        "A need, not counted",
        "Genoa's coach says the club need a centre-back before the window closes.",
        [],
        squad_notes=[
            squad_note(
                "Genoa",
                "CB",
                "need",
                None,
                "The coach wants a centre-back before the window closes.",
                "2026-10-20",
                "case-34-a-need-without-a-number",
            )
        ],
    ),
    Case(
        "case-35-a-newer-need",
        (7,),
        "A newer note supersedes, visibly",
        "Genoa now want two centre-backs, their coach told reporters.",
        [],
        squad_notes=[
            squad_note(
                "Genoa",
                "CB",
                "need",
                2,
                "Now two centre-backs.",
                "2026-11-01",
                "case-35-a-newer-need",
            )
        ],
        pages={
            "/clubs/genoa/squad/": [
                "Now two centre-backs.",
                "The coach wants a centre-back before the window closes.",
            ]
        },
    ),
    Case(
        "case-36-too-many-left-backs",
        (7,),
        "A surplus at a position",
        "Juventus have too many left-backs and will let one go, La Gazzetta "
        "dello Sport says.",
        [],
        squad_notes=[
            squad_note(
                "Juventus",
                "LB",
                "surplus",
                None,
                "Too many left-backs: one can go.",
                "2026-10-28",
                "case-36-too-many-left-backs",
            )
        ],
        pages={"/clubs/juventus/squad/": ["Too many left-backs: one can go."]},
    ),
    Case(
        "case-37-director-speaks",
        (1, 7),
        "A director quoted, with his club role",
        "Genoa's sporting director Luca Ferrando told Gazzetta that Dario Neri "
        "is not for sale.",
        [
            {
                "player": "Dario Neri",
                "from_club": "Genoa",
                "claim_type": "blocked",
                "source": "gazzetta",
                "attributions": [speaker("genoa-director")],
            }
        ],
        shows=["Genoa are blocking a move for Dario Neri", "as Luca Ferrando"],
        pages={"/clubs/genoa/": ["Luca Ferrando"]},
    ),
    Case(
        "case-38-archive-times",
        (6,),
        "An archived story keeps its times",
        "Tottenham are weighing a new contract for Ari Lindqvist, Kicker "
        "reported before the window.",
        [
            {
                "player": "Ari Lindqvist",
                "from_club": "Tottenham Hotspur",
                "claim_type": "contract_talks",
                "source": "kicker",
            }
        ],
        shows=["Updated 3 November 2026"],
        article={"updated_at": "2026-11-03T09:15:00Z"},
    ),
]
