"""The words and proportions the newsroom generator draws from (#6).

Names are made up from parts (towns, people, outlets) so that 400 clubs and
12,000 players need no data file; proportions follow a real squad sheet.
"""

from ...models import TransferClaim

# (name, country, currency of its clubs' fees)
LEAGUES = [
    ("Premier League", "England", "GBP"),
    ("La Liga", "Spain", "EUR"),
    ("Serie A", "Italy", "EUR"),
    ("Bundesliga", "Germany", "EUR"),
    ("Ligue 1", "France", "EUR"),
    ("Eredivisie", "Netherlands", "EUR"),
    ("Primeira Liga", "Portugal", "EUR"),
    ("Championship", "England", "GBP"),
    ("Süper Lig", "Turkey", "EUR"),
    ("Scottish Premiership", "Scotland", "GBP"),
    ("Belgian Pro League", "Belgium", "EUR"),
    ("Major League Soccer", "United States", "USD"),
    ("Campeonato Brasileiro Série A", "Brazil", "USD"),
    ("Saudi Pro League", "Saudi Arabia", "USD"),
    ("Serie B", "Italy", "EUR"),
    ("Segunda División", "Spain", "EUR"),
    ("2. Bundesliga", "Germany", "EUR"),
    ("Ligue 2", "France", "EUR"),
    ("Eliteserien", "Norway", "EUR"),
    ("Allsvenskan", "Sweden", "EUR"),
    ("Danish Superliga", "Denmark", "EUR"),
    ("Liga MX", "Mexico", "USD"),
    ("Austrian Bundesliga", "Austria", "EUR"),
    ("Swiss Super League", "Switzerland", "EUR"),
]
# fmt: off
TOWN_STARTS = [
    "Ash", "Bel", "Bram", "Cal", "Cor", "Dun", "El", "Fal", "Gran", "Hal", "Ingle",
    "Kir", "Lor", "Mar", "Nor", "Or", "Pen", "Ros", "San", "Tor", "Val", "Wes", "Alder",
    "Brook", "Castle", "Elm", "Glen", "Hart", "Lang", "Mill", "Oak", "Red", "Stan",
    "Thorn", "Wood"
]
# fmt: on
# fmt: off
TOWN_ENDS = [
    "ford", "mouth", "ton", "burgh", "field", "haven", "chester", "bury", "wick",
    "dale", "minster", "port", "ley", "stead", "vale", "moor", "bridge", "gate", "holm"
]
# fmt: on
CLUB_PATTERNS = [
    "{town} United",
    "{town} City",
    "FC {town}",
    "Real {town}",
    "Sporting {town}",
    "{town} Athletic",
    "{town} Rovers",
    "Dynamo {town}",
    "Olympique {town}",
    "{town} Wanderers",
    "AC {town}",
    "{town} Albion",
]  # fmt: skip
# fmt: off
NICKNAMES = [
    "Magpies", "Foxes", "Wolves", "Eagles", "Lions", "Hornets", "Saints", "Blades",
    "Owls", "Canaries", "Seagulls", "Bees", "Robins", "Tigers", "Rams", "Hatters",
    "Cherries", "Toffees", "Potters", "Baggies", "Gunners", "Hammers", "Rossoneri",
    "Bianconeri", "Giallorossi", "Colchoneros", "Grifone", "Peixe", "Partenopei",
    "Biancocelesti", "Merengues", "Txuri-urdin", "Cottagers", "Clarets", "Shrimpers",
    "Pirates", "Mariners", "Lilywhites", "Swans", "Bluebirds", "Royals", "Hawks",
    "Falcons", "Ravens"
]
# fmt: on
# fmt: off
FIRST_NAMES = [
    "Alessandro", "Bruno", "Carlos", "Dani", "David", "Diego", "Emil", "Enzo", "Erling",
    "Federico", "Gabriel", "Gianluca", "Hugo", "Ibrahim", "Jamal", "João", "Jonas",
    "Jorge", "Jules", "Kai", "Kevin", "Kieran", "Leon", "Lorenzo", "Luca", "Lucas",
    "Luis", "Marco", "Mario", "Mateo", "Matteo", "Mohamed", "Nathan", "Nico", "Nicolò",
    "Oliver", "Omar", "Pablo", "Pedro", "Rafael", "Raheem", "Rodrigo", "Ruben",
    "Sandro", "Sergio", "Sofyan", "Teun", "Theo", "Thomas", "Tiago", "Victor",
    "Vinícius", "William", "Xavi", "Youssef", "Zeki", "Adam", "Ben", "Callum", "Declan",
    "Eberechi", "Harvey", "Jack", "James", "Jarrod", "Marcus", "Ollie", "Reece",
    "Trent", "Tyrick", "Aaron", "Cole", "Morgan", "Noni", "Levi", "Jadon", "Kobbie",
    "Rico"
]
# fmt: on
# fmt: off
LAST_NAMES = [
    "Bastoni", "Barella", "Calafiori", "Chiesa", "Dimarco", "Frattesi", "Locatelli",
    "Raspadori", "Retegui", "Scamacca", "Tonali", "Udogie", "Álvarez", "Fernández",
    "García", "González", "Herrera", "López", "Martínez", "Moreno", "Navarro", "Pérez",
    "Ramos", "Rodríguez", "Romero", "Ruiz", "Sánchez", "Silva", "Souza", "Santos",
    "Oliveira", "Costa", "Pereira", "Almeida", "Ribeiro", "Carvalho", "Müller",
    "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Koch",
    "Wirtz", "Musiala", "Havertz", "Dubois", "Martin", "Bernard", "Moreau", "Laurent",
    "Girard", "Mbappé", "Camavinga", "Tchouaméni", "Koné", "Diallo", "Traoré", "Camara",
    "Sarr", "Ndiaye", "Mensah", "Osei", "Boateng", "Smith", "Jones", "Taylor", "Brown",
    "Wilson", "Walker", "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards",
    "Green", "Hall", "Wood", "Harris", "Clarke", "Jackson", "Turner", "Hill",
    "Andersen", "Nielsen", "Hansen", "Larsen", "Jensen", "Johansson", "Eriksson",
    "Lindqvist", "de", "Jong", "van", "Dijk", "de", "Vries", "Bakker", "Janssen",
    "Visser", "Peeters", "Yilmaz", "Demir", "Kaya", "Şahin", "Novak", "Kovačić",
    "Horvat", "Petrović", "Nowak", "Kowalski"
]
# fmt: on
NATIONALITIES = [country for _, country, _ in LEAGUES] + [
    "Argentina",
    "Uruguay",
    "Colombia",
    "Nigeria",
    "Ghana",
    "Senegal",
    "Ivory Coast",
    "Morocco",
    "Croatia",
    "Serbia",
    "Poland",
    "Japan",
]  # fmt: skip
COACH_NAMES = ["Thomas", "Eddie", "Antonio", "Diego", "Gian Piero", "Luis", "Arne"]
OUTLET_WORDS = (
    "Daily Evening Sunday Morning Weekly Global Sport Football Goal Transfer",
    "Courier Herald Post Gazette Mirror Chronicle Express Observer Times Wire "
    "Insider Bulletin",
)
INJURIES = [
    "Hamstring strain, back in three weeks.",
    "Knee ligament damage, out for the season.",
    "Ankle sprain, a fortnight out.",
    "Thigh injury, assessed day to day.",
    "Broken metatarsal, six to eight weeks.",
    "Groin problem, misses the next two games.",
]
SUSPENSIONS = ["Red card, banned for three games.", "Five bookings: one game out."]

# How many of each position a squad of 27 holds, and what the coach wants.
POSITION_MIX = {
    "GK": 3, "RB": 2, "CB": 5, "LB": 2, "DM": 2, "CM": 4, "AM": 2, "RW": 2,
    "LW": 2, "ST": 3,
}  # fmt: skip
SQUAD_TARGETS = {
    "GK": 2, "RB": 2, "CB": 4, "LB": 2, "DM": 2, "CM": 3, "AM": 2, "RW": 2,
    "LW": 2, "ST": 3,
}  # fmt: skip
# Where a club is said to need someone, with no number: often only a group.
BROAD_NEEDS = ["DF", "WD", "MF", "FW", "CB", "LB", "ST"]
# Positions a specialist can cover, most likely first.
COVER = {
    "GK": [], "RB": ["CB", "RW", "LB"], "CB": ["RB", "LB", "DM"],
    "LB": ["CB", "LW", "RB"], "DM": ["CB", "CM"], "CM": ["DM", "AM"],
    "AM": ["CM", "RW", "LW", "ST"], "RW": ["LW", "AM", "RB"],
    "LW": ["RW", "AM", "LB"], "ST": ["AM", "RW", "LW"],
}  # fmt: skip
# Attacking players are rumoured more often than goalkeepers.
RUMOUR_WEIGHT = {
    "GK": 1, "RB": 2, "CB": 3, "LB": 2, "DM": 3, "CM": 4, "AM": 5, "RW": 5,
    "LW": 5, "ST": 6,
}  # fmt: skip

T = TransferClaim.Type
PURSUIT = [
    T.INTEREST, T.ENQUIRY, T.BID, T.NEGOTIATION, T.PERSONAL_TERMS_AGREED,
    T.FEE_AGREED, T.MEDICAL,
]  # fmt: skip
# How far a pursuit gets: most stop after interest or an enquiry.
PURSUIT_LENGTH_WEIGHTS = [30, 22, 16, 10, 8, 6, 4]
FEE_STAGES = {T.BID, T.BID_REJECTED, T.FEE_AGREED, T.MEDICAL, T.COMPLETED}
QUOTES = {
    T.INTEREST: "{to} have been watching {player} for several weeks.",
    T.ENQUIRY: "{to} have asked {from_} about the price of {player}.",
    T.BID: "{to} have made an opening offer for {player}.",
    T.BID_REJECTED: "{from_} turned down the offer for {player} within hours.",
    T.NEGOTIATION: "Talks between {to} and {from_} over {player} continue.",
    T.PERSONAL_TERMS_AGREED: "{player} has agreed a contract with {to}.",
    T.FEE_AGREED: "{to} and {from_} have agreed a fee for {player}.",
    T.MEDICAL: "{player} is in the city for his medical with {to}.",
    T.COMPLETED: "{to} have announced the signing of {player}.",
    T.DENIED: "There is nothing in the reports linking {player} with {to}.",
    T.BLOCKED: "{from_} will not let {player} leave this window.",
    T.WANTS_TO_LEAVE: "{player} has told {from_} he wants a new challenge.",
    T.CONTRACT_EXTENSION: "{player} is close to a new deal with {from_}.",
}
HEADLINES = {
    T.INTEREST: "{to} interested in {player}",
    T.ENQUIRY: "{to} enquire about {player}",
    T.BID: "{to} bid for {player}",
    T.BID_REJECTED: "{from_} reject {to} bid for {player}",
    T.NEGOTIATION: "{to} in talks over {player}",
    T.PERSONAL_TERMS_AGREED: "{player} agrees terms with {to}",
    T.FEE_AGREED: "{to} agree fee for {player}",
    T.MEDICAL: "{player} has medical at {to}",
    T.COMPLETED: "{player} completes move to {to}",
    T.DENIED: "{to} deny interest in {player}",
    T.BLOCKED: "{from_} block {player} exit",
    T.WANTS_TO_LEAVE: "{player} wants out of {from_}",
    T.CONTRACT_EXTENSION: "{player} set to extend {from_} stay",
}
