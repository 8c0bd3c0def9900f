"""The newsroom interchange (docs/interchange.md): import, export, the commands."""

import datetime as dt
import io
import json
import re
import shutil
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from rumours.demo.accounts import DEMO_FILE
from rumours.models import (
    Article,
    ClaimAmount,
    Club,
    ClubAlias,
    ClubRole,
    Competition,
    Player,
    Position,
    Source,
    SquadNote,
    TransferClaim,
)
from rumours.search import search_site
from rumours.services.interchange import (
    NewsroomImportError,
    dump_newsroom,
    export_newsroom,
    import_newsroom,
    load_newsroom_file,
)
from rumours.services.interchange.batches import Row
from rumours.services.interchange.fields import (
    AMOUNT_FIELDS,
    ARTICLE_FIELDS,
    CLAIM_FIELDS,
    CLUB_FIELDS,
    COMPETITION_FIELDS,
    DOCUMENT_FIELDS,
    HERO_IMAGE_FIELDS,
    PLAYER_FIELDS,
    SOURCE_FIELDS,
    SQUAD_TARGET_FIELDS,
)
from rumours.services.interchange.importing import NewsroomWriter
from rumours.services.interchange.plan import Plan, read_newsroom
from rumours.services.subjects import sync_article_subjects

from .factories import (
    ArticleFactory,
    AttributionFactory,
    ClaimAmountFactory,
    ClubAliasFactory,
    ClubFactory,
    ClubRoleFactory,
    CompetitionFactory,
    PlayerFactory,
    SourceFactory,
    SquadNoteFactory,
    TransferClaimFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SEED_SLUG = "ac-milan-enquire-about-tottenham-radu-dragusin"
DEMO_DIR = DEMO_FILE.parent
CLAIM_TYPES = (
    "interest, enquiry, bid, bid_rejected, negotiation, personal_terms_agreed, "
    "fee_agreed, medical, completed, denied, blocked, wants_to_leave, "
    "contract_extension, asking_price, release_clause, player_rejects, "
    "willing_to_sell, transfer_listed, contract_talks, contract_offer, "
    "refuses_to_renew, not_confirmed"
)
FORMULA_TEXTS = [
    '=HYPERLINK("http://x","y")',
    "+44 20 7946 0000 is the agent's number",
    "-1 centre-back for Spurs",
    "@FabrizioRomano: here we go",
]
# A path that names an item (a list and an index) and then a field.
ITEM_AND_FIELD = re.compile(r"^[a-z_]+\[\d+\](\.[a-z_]+(\[\d+\])?)*\.[a-z_]+: \S")


def demo_document():
    """Return a fresh copy of the demo newsroom, to change in a test."""
    return load_newsroom_file(DEMO_FILE)


def import_demo():
    return import_newsroom(demo_document(), base_dir=DEMO_DIR)


def import_errors(document, base_dir=DEMO_DIR):
    with pytest.raises(NewsroomImportError) as refused:
        import_newsroom(document, base_dir=base_dir)
    return refused.value.errors


def row_counts():
    """Return the number of rows of every newsroom table, links and users too."""
    models = [
        Competition,
        Club,
        ClubAlias,
        ClubRole,
        Player,
        Source,
        Article,
        Article.clubs.through,
        Article.players.through,
        TransferClaim,
        SquadNote,
        get_user_model(),
    ]
    return {model._meta.label: model.objects.count() for model in models}


def empty_newsroom():
    """Delete every newsroom row and user, in the order the PROTECTs allow."""
    TransferClaim.objects.all().delete()
    SquadNote.objects.all().delete()
    ClubRole.objects.all().delete()
    Article.objects.all().delete()
    Player.objects.all().delete()
    Source.objects.exclude(outlet=None).delete()
    Source.objects.all().delete()
    Club.objects.all().delete()
    Competition.objects.all().delete()
    get_user_model().objects.all().delete()


def seed_article():
    return Article.objects.get(slug=SEED_SLUG)


def claim_of(article, player, to_club, claim_type):
    return article.claims.get(
        player__name=player, to_club__name=to_club, claim_type=claim_type
    )


def make_varied_newsroom():
    """Add to the demo every state the format must carry, made by the factories."""
    import_demo()
    santos = Club.objects.get(slug="santos")
    league = CompetitionFactory(name="Eredivisie", slug="eredivisie")
    home = ClubFactory(competition=league)
    away = ClubFactory(competition=None, country="")
    official = SourceFactory(kind=Source.Kind.CLUB_OFFICIAL)
    ClubRoleFactory(club=home, person=official, started_on=dt.date(2025, 7, 1))
    ClubRoleFactory(
        club=home,
        started_on=dt.date(2023, 7, 1),
        ended_on=dt.date(2025, 6, 30),
    )
    ClubRoleFactory(club=away, role="president", started_on=None)
    ClubAliasFactory(club=home, name="The Hosts")
    outlet = SourceFactory(
        name="Gazzetta", slug="gazzetta", kind=Source.Kind.OUTLET, reliability_tier=1
    )
    reporter = SourceFactory(outlet=outlet, reliability_tier=5, language="")
    SourceFactory(slug="not-yet-rated", reliability_tier=None)
    injured = PlayerFactory(
        injured=True, current_club=home, secondary_positions=[Position.RB, "DM"]
    )
    free_agent = PlayerFactory(
        current_club=None, previous_club=away, date_of_birth=None
    )
    namesake = PlayerFactory(name="Souza", slug="souza-santos", current_club=santos)
    author = UserFactory(username="gdm", first_name="Gianluca", last_name="Di Marzio")
    draft = ArticleFactory(draft=True, author=author, headline=FORMULA_TEXTS[0])
    scheduled = ArticleFactory(scheduled=True, headline=FORMULA_TEXTS[1])
    review = ArticleFactory(review=True, standfirst=FORMULA_TEXTS[2])
    relayed = TransferClaimFactory(
        article=draft,
        player=injured,
        to_club=away,
        claim_type=TransferClaim.Type.BID,
        deal_type=TransferClaim.DealType.LOAN_WITH_OPTION,
        source=reporter,
        quote=FORMULA_TEXTS[0],
    )
    # Every kind of money: a loan fee with a range, an option in two
    # currencies, add-ons of unknown size, wages.
    ClaimAmountFactory(
        claim=relayed,
        kind="loan_fee",
        amount=Decimal("5000000"),
        upper_amount=Decimal("5500000.50"),
        currency="GBP",
    )
    ClaimAmountFactory(
        claim=relayed,
        kind="option_price",
        qualifier="around",
        amount=Decimal("50000000"),
        currency="GBP",
        converted_amount=Decimal("58000000"),
        converted_currency="EUR",
        position=1,
    )
    ClaimAmountFactory(claim=relayed, unknown_add_ons=True, position=2)
    ClaimAmountFactory(claim=relayed, weekly_wages=True, position=3)
    # A second bid between the same parties in the same story, turned down
    # like the first: two claims (#13).
    TransferClaimFactory(
        article=draft,
        player=injured,
        to_club=away,
        claim_type=TransferClaim.Type.BID,
        with_fee=True,
        reported_at=relayed.reported_at + dt.timedelta(hours=2),
    )
    # A chain: the reporter broke it, the outlet relayed it, an agent spoke.
    AttributionFactory(claim=relayed, source=outlet, role="relay", position=1)
    AttributionFactory(
        claim=relayed, source=SourceFactory(kind=Source.Kind.AGENT), role="speaker"
    )
    TransferClaimFactory(
        article=scheduled,
        player=free_agent,
        to_club=home,
        claim_type=TransferClaim.Type.COMPLETED,
        deal_type=TransferClaim.DealType.LOAN,
        with_fee=True,
        confirmed=True,
        source=None,
        quote=FORMULA_TEXTS[3],
    )
    TransferClaimFactory(
        article=review,
        player=namesake,
        to_club=Club.objects.get(slug="tottenham-hotspur"),
        replaces=injured,
        outcome=TransferClaim.Outcome.LAPSED,
        resolved_at=dt.datetime(2026, 2, 2, 18, 0, 0, 250_000, tzinfo=dt.UTC),
    )
    for article in (draft, scheduled, review):
        sync_article_subjects(article)  # as saving in the admin does
    draft.clubs.add(santos)
    draft.players.add(free_agent)
    SquadNoteFactory(club=home, position=Position.ST, count=0, article=scheduled)
    SquadNoteFactory(club=away, position=Position.GK, note="")


# The demo newsroom: the seed story survives as structured data


def test_the_demo_imports_the_seed_story_as_a_published_article():
    import_demo()

    article = seed_article()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == dt.datetime(2026, 1, 8, 9, 30, tzinfo=dt.UTC)
    assert article.is_published
    assert article.author.username == "transfer-desk"
    assert not article.author.has_usable_password()
    assert not article.author.is_staff


def test_the_seed_story_has_exactly_its_ten_claims():
    import_demo()

    claims = seed_article().claims.with_parties()
    assert [
        (
            claim.player.name,
            claim.route,
            claim.claim_type,
            claim.source and claim.source.slug,
            claim.outcome,
        )
        for claim in claims
    ] == [
        ("Radu Dragusin", "Tottenham → no destination", "wants_to_leave",
         None, "open"),
        ("Radu Dragusin", "Tottenham → Napoli", "enquiry", "italian-press",
         "open"),
        ("Radu Dragusin", "Tottenham → Roma", "interest", "italian-press",
         "open"),
        ("Radu Dragusin", "Tottenham → no destination", "blocked", None, "open"),
        ("Conor Gallagher", "Atlético Madrid → Tottenham", "completed", None,
         "confirmed"),
        ("Souza", "Santos → Tottenham", "completed", None, "confirmed"),
        ("Alessandro Buongiorno", "Napoli → Tottenham", "interest", None, "open"),
        ("Radu Dragusin", "Tottenham → AC Milan", "enquiry", "mirko-di-natale",
         "open"),
        ("Malik Thiaw", "AC Milan → unnamed club", "completed", None,
         "confirmed"),
        ("Pierre Kalulu", "AC Milan → unnamed club", "completed", None,
         "confirmed"),
    ]  # fmt: skip


def test_the_milan_enquiry_is_sourced_to_mirko_di_natale_with_his_words():
    import_demo()

    claim = claim_of(seed_article(), "Radu Dragusin", "AC Milan", "enquiry")

    assert claim.source.name == "Mirko Di Natale"
    assert claim.source.kind == Source.Kind.JOURNALIST
    assert claim.quote == (
        "AC Milan have closely monitored Dragusin’s situation in north London and "
        "‘in the last few hours’ they have submitted an enquiry for the defender, "
        "according to Italian journalist Mirko Di Natale."
    )


def test_dragusin_wants_to_leave_with_no_destination_on_his_agents_word():
    import_demo()

    claim = seed_article().claims.get(claim_type="wants_to_leave")

    assert claim.player.name == "Radu Dragusin"
    assert claim.from_club.name == "Tottenham Hotspur"
    assert claim.to_club is None
    # The agent is quoted, not a publishing source: a speaker, no originator.
    assert claim.source is None
    assert [(row.source.kind, row.role) for row in claim.attributions.all()] == [
        (Source.Kind.AGENT, "speaker")
    ]


def test_napoli_and_roma_are_keen_according_to_the_italian_press():
    import_demo()

    article = seed_article()
    sources = {
        claim_of(article, "Radu Dragusin", club, stage).source.name
        for club, stage in (("SSC Napoli", "enquiry"), ("AS Roma", "interest"))
    }

    assert sources == {"Italian press"}


def test_buongiorno_is_the_replacement_spurs_consider_for_dragusin():
    import_demo()

    claim = claim_of(
        seed_article(), "Alessandro Buongiorno", "Tottenham Hotspur", "interest"
    )

    assert claim.replaces.name == "Radu Dragusin"


def test_the_completed_signings_are_confirmed_with_a_resolution_time():
    import_demo()

    completed = seed_article().claims.filter(claim_type="completed")

    assert sorted(claim.player.name for claim in completed) == [
        "Conor Gallagher",
        "Malik Thiaw",
        "Pierre Kalulu",
        "Souza",
    ]
    assert {claim.outcome for claim in completed} == {"confirmed"}
    assert None not in {claim.resolved_at for claim in completed}


def test_the_seed_story_invents_no_fee():
    import_demo()

    claims = seed_article().claims.all()

    assert not ClaimAmount.objects.filter(claim__in=claims).exists()
    assert set(claims.values_list("deal_type", flat=True)) == {""}


def test_tottenham_have_six_centre_back_options():
    import_demo()

    squad = Player.objects.filter(current_club__slug="tottenham-hotspur")
    by_role = {"specialist": set(), "cover": set()}
    for player in squad:
        if role := player.plays(Position.CB):
            by_role[role].add(player.name)

    assert by_role == {
        "specialist": {
            "Radu Dragusin",
            "Cristian Romero",
            "Micky van de Ven",
            "Kevin Danso",
        },
        "cover": {"Ben Davies", "Archie Gray"},
    }


def test_spurs_want_four_specialist_centre_backs():
    import_demo()

    target = SquadNote.objects.get(club__slug="tottenham-hotspur", position="CB")

    assert (target.kind, target.count) == ("target", 4)
    assert target.noted_on == dt.date(2026, 1, 8)
    assert target.article == seed_article()


def test_milan_need_one_more_centre_back_as_the_story_says():
    import_demo()

    need = SquadNote.objects.get(club__slug="ac-milan", position="CB")

    assert (need.kind, need.count, need.noted_on) == ("need", 1, dt.date(2026, 1, 8))


def test_club_aliases_name_their_club_in_references():
    import_demo()
    document = {
        "format": "transfer-desk-newsroom",
        "version": 1,
        "players": [
            {
                "name": "Test Defender",
                "primary_position": "CB",
                "current_club": "Spurs",
                "previous_club": "rossoneri",
            }
        ],
    }

    import_newsroom(document)

    player = Player.objects.get(slug="test-defender")
    assert player.current_club.name == "Tottenham Hotspur"
    assert player.previous_club.name == "AC Milan"


def test_the_hero_image_is_stored_with_its_credit_and_without_metadata():
    import_demo()

    article = seed_article()
    assert article.hero_credit == "Lewis Storey/Getty Images"
    assert (article.hero_width, article.hero_height) == (1600, 900)
    assert article.hero_image.name.startswith("heroes/")
    with Image.open(article.hero_image.path) as stored:
        assert stored.format == "JPEG"
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info


def test_the_articles_clubs_and_players_are_filled_from_its_claims():
    import_demo()

    article = seed_article()

    assert {club.short_name for club in article.clubs.all()} == {
        "Tottenham",
        "Napoli",
        "Roma",
        "Atlético Madrid",
        "Santos",
        "AC Milan",
    }
    assert {player.name for player in article.players.all()} == {
        "Radu Dragusin",
        "Conor Gallagher",
        "Souza",
        "Alessandro Buongiorno",
        "Malik Thiaw",
        "Pierre Kalulu",
    }


def test_the_demo_file_is_exactly_what_export_writes(tmp_path):
    import_demo()

    text = dump_newsroom(export_newsroom(image_dir=tmp_path))

    assert text == DEMO_FILE.read_text(encoding="utf-8")


# Bad files: every problem, with its path; nothing stored


def set_claim_type(document):
    document["articles"][0]["claims"][2]["claim_type"] = "rumour"


def misspell_a_club(document):
    document["players"][4]["current_club"] = "Totenham"


def add_a_second_souza(document):
    document["players"].append(
        {"name": "Souza", "slug": "souza-santos", "primary_position": "RB",
         "current_club": "Santos FC"}
    )  # fmt: skip


def write_a_naive_time(document):
    document["articles"][0]["published_at"] = "2026-01-08 10:00"


def write_a_bad_date(document):
    document["players"][0]["date_of_birth"] = "06/06/1999"


def write_a_float_fee(document):
    document["articles"][0]["claims"][7]["fee"] = {
        "amount": 25000000.5,
        "currency": "EUR",
        "upper_amount": None,
        "add_ons": None,
    }


def write_a_range_upside_down(document):
    document["articles"][0]["claims"][7]["fee"] = {
        "amount": "55000000.00",
        "currency": "GBP",
        "upper_amount": "50000000",
        "add_ons": None,
    }


def leave_out_a_quote(document):
    del document["articles"][0]["claims"][0]["quote"]


def resolve_an_open_claim(document):
    document["articles"][0]["claims"][1]["resolved_at"] = "2026-01-09T12:00:00Z"


def send_a_player_to_his_own_club(document):
    document["articles"][0]["claims"][1]["to_club"] = "Spurs"


ITEM_PROBLEMS = {
    "bad claim type": (
        set_claim_type,
        f"articles[0].claims[2].claim_type: 'rumour' is not one of {CLAIM_TYPES}",
    ),
    "unknown club": (
        misspell_a_club,
        "players[4].current_club: no club is called 'Totenham' "
        "(by name, short name, alias or slug)",
    ),
    "ambiguous player name": (
        add_a_second_souza,
        "articles[0].claims[5].player: 'Souza' could be any of 2 players: "
        "souza (Souza, Tottenham Hotspur), souza-santos (Souza, Santos FC); "
        'write the slug, or {"name": ..., "club": ...}',
    ),
    "naive time": (
        write_a_naive_time,
        "articles[0].published_at: '2026-01-08 10:00' has no time zone; "
        "write it as 2026-01-08T10:00:00Z",
    ),
    "bad date": (
        write_a_bad_date,
        "players[0].date_of_birth: '06/06/1999' is not a date; "
        "write it as YYYY-MM-DD, e.g. 2001-05-24",
    ),
    "float fee": (
        write_a_float_fee,
        "articles[0].claims[7].fee.amount: 25000000.5 is a number with a "
        'fraction, which can lose pence; write amounts as strings, e.g. "25000000.50"',
    ),
    "fee range upside down": (
        write_a_range_upside_down,
        "articles[0].claims[7].fee.upper_amount: '50000000.00' is below the amount "
        "'55000000.00'; the top of a range cannot be below its bottom",
    ),
    "missing required field": (
        leave_out_a_quote,
        "articles[0].claims[0].quote: missing; every claim needs one",
    ),
    "open claim resolved": (
        resolve_an_open_claim,
        "articles[0].claims[1].resolved_at: must be null while the outcome is open",
    ),
    "same club twice": (
        send_a_player_to_his_own_club,
        "articles[0].claims[1].to_club: the same club as from_club; "
        "a transfer is between two clubs",
    ),
}


@pytest.mark.parametrize(
    ("change", "message"), ITEM_PROBLEMS.values(), ids=ITEM_PROBLEMS.keys()
)
def test_a_bad_item_is_refused_with_its_path_and_what_was_expected(change, message):
    document = demo_document()
    change(document)

    errors = import_errors(document)

    assert errors == [message]


def test_no_bad_file_stores_a_row_and_every_message_names_item_and_field(
    reliability_report,
):
    before = row_counts()
    messages = []
    for change, _ in ITEM_PROBLEMS.values():
        document = demo_document()
        change(document)
        messages += import_errors(document)

    stored = sum(row_counts().values()) - sum(before.values())
    unnamed = [message for message in messages if not ITEM_AND_FIELD.match(message)]
    naming = (
        "every message names its item and field"
        if not unnamed
        else f"{len(unnamed)} messages without item and field"
    )
    reliability_report(
        f"R23 import: {len(ITEM_PROBLEMS)} bad files, {stored} rows stored, {naming}"
    )
    assert stored == 0
    assert unnamed == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda document: document.update(format="wordpress-export"),
            "format: 'wordpress-export' is not 'transfer-desk-newsroom'; "
            "this is not a Transfer Desk newsroom file",
        ),
        (
            lambda document: document.update(version=3),
            "version: 3 is not a version this Transfer Desk reads; expected 1 or 2",
        ),
        (
            lambda document: document.pop("version"),
            "version: missing; every newsroom file needs one",
        ),
        (
            lambda document: document.update(playres=[]),
            "playres: unknown field; expected one of format, version, "
            "competitions, clubs, players, sources, articles, squad_targets",
        ),
        (
            lambda document: document["clubs"][0].update(nickname="Il Diavolo"),
            "clubs[0].nickname: unknown field; expected one of name, short_name, "
            "slug, aliases, competition, country, roles, crest, head_coach",
        ),
        (
            lambda document: document.update(clubs={"name": "AC Milan"}),
            "clubs: expected a list, not an object",
        ),
    ],
    ids=[
        "wrong format",
        "wrong version",
        "no version",
        "unknown top-level key",
        "unknown field",
        "not a list",
    ],
)
def test_a_bad_document_is_refused_with_the_key_at_fault(change, message):
    document = demo_document()
    change(document)

    errors = import_errors(document)

    assert errors == [message]


def test_every_problem_of_a_file_is_reported_at_once_in_file_order():
    document = demo_document()
    set_claim_type(document)
    write_a_naive_time(document)
    misspell_a_club(document)
    write_a_float_fee(document)

    errors = import_errors(document)

    assert errors == [
        "players[4].current_club: no club is called 'Totenham' "
        "(by name, short name, alias or slug)",
        "articles[0].published_at: '2026-01-08 10:00' has no time zone; "
        "write it as 2026-01-08T10:00:00Z",
        f"articles[0].claims[2].claim_type: 'rumour' is not one of {CLAIM_TYPES}",
        "articles[0].claims[7].fee.amount: 25000000.5 is a number with a "
        'fraction, which can lose pence; write amounts as strings, e.g. "25000000.50"',
    ]


def test_a_refused_file_changes_nothing_already_stored():
    import_demo()
    before = row_counts()
    document = demo_document()
    document["players"][12]["fitness_note"] = "Injured again."
    set_claim_type(document)

    import_errors(document)

    assert row_counts() == before
    assert Player.objects.get(slug="radu-dragusin").fitness_note.startswith("Fully")


def test_a_problem_found_only_when_writing_undoes_the_whole_import():
    import_demo()
    before = row_counts()
    document = demo_document()
    document["competitions"][3]["country"] = "Italia"
    document["clubs"].append({"name": "Arsenal", "aliases": ["Gunners", "Spurs"]})

    errors = import_errors(document)

    assert errors == ["clubs[9].aliases[1]: Another club already uses this alias."]
    assert row_counts() == before
    assert Competition.objects.get(slug="serie-a").country == "Italy"
    assert not Club.objects.filter(name="Arsenal").exists()


def test_a_refused_file_into_an_empty_database_stores_nothing():
    document = demo_document()
    document["clubs"].append({"name": "Arsenal", "aliases": ["Spurs"]})

    import_errors(document)

    assert set(row_counts().values()) == {0}


def test_a_hero_image_outside_the_files_folder_is_refused():
    document = demo_document()
    document["articles"][0]["hero_image"]["file"] = "../../settings.py"

    errors = import_errors(document)

    assert errors == [
        "articles[0].hero_image.file: '../../settings.py' is not a path inside "
        "the JSON file's folder; write it like images/story.jpg"
    ]


def test_a_hero_image_that_is_not_an_image_is_refused_like_an_upload(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "story.jpg").write_text("<svg onload=alert(1)>")
    document = demo_document()
    document["articles"][0]["hero_image"]["file"] = "images/story.jpg"

    errors = import_errors(document, base_dir=tmp_path)

    assert errors == [
        "articles[0].hero_image.file: The file is not an image Pillow can read. "
        "Upload a JPEG, PNG or WebP file."
    ]


def test_a_hero_image_loses_its_gps_metadata_on_import(tmp_path):
    picture = Image.new("RGB", (64, 48), "navy")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 36.0, 15.0)}  # GPSInfo
    (tmp_path / "images").mkdir()
    picture.save(tmp_path / "images" / "story.jpg", exif=exif)
    document = demo_document()
    document["articles"][0]["hero_image"]["file"] = "images/story.jpg"

    import_newsroom(document, base_dir=tmp_path)

    with Image.open(seed_article().hero_image.path) as stored:
        assert dict(stored.getexif()) == {}


# Re-importing: updates, never duplicates


def test_reimporting_the_demo_duplicates_nothing():
    import_demo()
    before = row_counts()
    claim_ids = list(TransferClaim.objects.values_list("pk", flat=True))

    counts = import_demo()

    assert row_counts() == before
    assert list(TransferClaim.objects.values_list("pk", flat=True)) == claim_ids
    assert {kind: count["unchanged"] for kind, count in counts.items()} == {
        "competitions": 4,
        "clubs": 9,
        "players": 15,
        "sources": 3,
        "authors": 1,
        "articles": 1,
        "claims": 10,
        "squad_targets": 2,
    }


def test_reimporting_updates_a_changed_field_in_place():
    import_demo()
    claim_ids = set(TransferClaim.objects.values_list("pk", flat=True))
    document = demo_document()
    document["articles"][0]["claims"][7]["quote"] = "Milan have asked about him."

    counts = import_newsroom(document, base_dir=DEMO_DIR)

    claim = claim_of(seed_article(), "Radu Dragusin", "AC Milan", "enquiry")
    assert claim.quote == "Milan have asked about him."
    assert set(TransferClaim.objects.values_list("pk", flat=True)) == claim_ids
    assert counts["claims"] == {
        "created": 0,
        "updated": 1,
        "unchanged": 9,
        "deleted": 0,
    }


def test_reimporting_makes_an_articles_claims_exactly_the_files():
    import_demo()
    kept = set(TransferClaim.objects.exclude(claim_type="blocked").values_list("pk"))
    document = demo_document()
    del document["articles"][0]["claims"][3]

    counts = import_newsroom(document, base_dir=DEMO_DIR)

    assert set(TransferClaim.objects.values_list("pk")) == kept
    assert counts["claims"]["deleted"] == 1


def test_reimporting_replaces_a_clubs_aliases():
    import_demo()
    document = demo_document()
    document["clubs"][0]["aliases"] = ["rossoneri", "Il Diavolo"]

    import_newsroom(document, base_dir=DEMO_DIR)

    aliases = ClubAlias.objects.filter(club__slug="ac-milan")
    assert sorted(aliases.values_list("name", flat=True)) == ["Il Diavolo", "rossoneri"]


def test_reimporting_keeps_an_articles_hero_image():
    import_demo()
    stored_name = seed_article().hero_image.name
    document = demo_document()
    document["articles"][0]["hero_image"]["credit"] = "Getty Images"

    import_newsroom(document, base_dir=DEMO_DIR)

    article = seed_article()
    assert article.hero_image.name == stored_name
    assert article.hero_credit == "Getty Images"


def test_an_existing_author_is_left_as_it_is():
    editor = UserFactory(username="transfer-desk", first_name="Desk", staff=True)

    import_demo()

    editor.refresh_from_db()
    assert seed_article().author == editor
    assert editor.first_name == "Desk"
    assert editor.has_usable_password()


# Writing in batches (#6): the rows and history saving one by one would give


def newsroom_of(stories):
    """Return the export of ``stories`` stories with two claims each, then empty.

    Each story has a player and a source of its own; the clubs are always
    the same two, since each club's clean() runs a query of its own.
    """
    home, away = ClubFactory(), ClubFactory()
    author = UserFactory(username="desk")
    for _ in range(stories):
        player = PlayerFactory(current_club=home)
        article = ArticleFactory(author=author)
        for claim_type in (TransferClaim.Type.ENQUIRY, TransferClaim.Type.BID):
            TransferClaimFactory(
                article=article, player=player, to_club=away, claim_type=claim_type
            )
        sync_article_subjects(article)
    document = json.loads(dump_newsroom(export_newsroom()))
    empty_newsroom()
    return document


def queries_importing(document):
    with CaptureQueriesContext(connection) as queries:
        import_newsroom(document)
    return len(queries)


def test_importing_runs_the_same_queries_whatever_the_number_of_stories():
    # Up to the rows one INSERT holds: on SQLite, 999 parameters make 27
    # history rows of claims, so 13 stories (26 claims) take one.
    one = queries_importing(newsroom_of(1))
    empty_newsroom()

    many = queries_importing(newsroom_of(13))

    assert Article.objects.count() == 13
    assert TransferClaim.objects.count() == 26
    assert many == one


def test_importing_records_every_row_it_creates_in_the_history_with_the_user():
    user = UserFactory(staff=True)

    import_newsroom(demo_document(), base_dir=DEMO_DIR, user=user)

    for model in (Club, Player, Source, Article, TransferClaim):
        history = model.history.all()
        assert sorted(history.values_list("id", flat=True)) == sorted(
            model.objects.values_list("pk", flat=True)
        )
        assert set(history.values_list("history_type", "history_user")) == {
            ("+", user.pk)
        }


def test_reimporting_a_changed_claim_records_its_new_version_with_the_user():
    import_demo()
    user = UserFactory(staff=True)
    document = demo_document()
    document["articles"][0]["claims"][7]["quote"] = "Milan have asked about him."

    import_newsroom(document, base_dir=DEMO_DIR, user=user)

    claim = claim_of(seed_article(), "Radu Dragusin", "AC Milan", "enquiry")
    latest = claim.history.order_by("history_id").last()
    assert claim.version == 2
    assert (latest.history_type, latest.history_user, latest.version) == ("~", user, 2)
    assert latest.quote == "Milan have asked about him."


def test_reimporting_renders_a_changed_story_body():
    import_demo()
    document = demo_document()
    document["articles"][0]["body"] = "Milan have **enquired**."

    import_newsroom(document, base_dir=DEMO_DIR)

    assert seed_article().body_html == "<p>Milan have <strong>enquired</strong>.</p>"


def test_a_name_a_stored_competition_has_is_refused_by_its_path_amid_new_rows():
    import_demo()
    CompetitionFactory(name="Eredivisie", slug="eredivisie")
    before = row_counts()
    document = demo_document()
    document["competitions"] += [
        {"name": "Ligue 1", "slug": "ligue-1", "country": "France"},
        {"name": "Eredivisie", "slug": "dutch-league", "country": "Netherlands"},
        {"name": "Bundesliga", "slug": "bundesliga", "country": "Germany"},
    ]

    errors = import_errors(document)

    assert errors == [
        "competitions[5].name: Competition with this Name already exists."
    ]
    assert row_counts() == before
    assert not Competition.objects.filter(slug="ligue-1").exists()


def test_two_clubs_swapping_names_are_refused_as_saving_one_by_one_refuses_them():
    import_demo()
    document = demo_document()
    first, second = document["clubs"][0], document["clubs"][1]
    first["name"], second["name"] = second["name"], first["name"]

    errors = import_errors(document)

    assert errors == [
        "clubs[0]: A club with this name already exists.",
        "clubs[1]: A club with this name already exists.",
    ]


def test_a_batch_the_database_refuses_is_saved_row_by_row_naming_the_row_at_fault():
    article, player, club = ArticleFactory(), PlayerFactory(), ClubFactory()
    claims = [
        TransferClaim(
            article=article,
            player=player,
            to_club=club,
            claim_type=claim_type,
            quote="They asked.",
            reported_at=article.published_at,
        )
        for claim_type in (TransferClaim.Type.ENQUIRY, TransferClaim.Type.BID)
    ]
    # Only the database knows this rule, until full_clean() asks it.
    claims[1].from_club = club
    writer = NewsroomWriter(Plan(entries={}, pks={}))
    saved = []
    rows = [
        Row(claim, f"articles[0].claims[{index}]", {}, saved.append)
        for index, claim in enumerate(claims)
    ]

    writer.batches.write(rows)

    assert writer.problems == [
        "articles[0].claims[1]: The from club and the to club must differ."
    ]
    assert saved == [claims[0]]
    assert list(TransferClaim.objects.values_list("pk", flat=True)) == [claims[0].pk]
    assert TransferClaim.history.count() == 1
    assert claims[1].pk is None


def test_importing_makes_a_cached_story_page_show_the_change(client):
    import_demo()
    url = seed_article().get_absolute_url()
    client.get(url)
    document = demo_document()
    document["articles"][0]["headline"] = "Milan ask about Dragusin"

    import_newsroom(document, base_dir=DEMO_DIR)
    response = client.get(url)

    assert "Milan ask about Dragusin" in response.content.decode()


# Export and the round trip


def test_export_writes_every_documented_field_in_order():
    make_varied_newsroom()

    data = export_newsroom()

    assert tuple(data) == DOCUMENT_FIELDS
    fields_of = {
        "competitions": COMPETITION_FIELDS,
        "clubs": CLUB_FIELDS,
        "players": PLAYER_FIELDS,
        "sources": SOURCE_FIELDS,
        "articles": ARTICLE_FIELDS,
        "squad_targets": SQUAD_TARGET_FIELDS,
    }
    for kind, fields in fields_of.items():
        assert {tuple(item) for item in data[kind]} == {fields}
    claims = [claim for article in data["articles"] for claim in article["claims"]]
    # A claim's resolution (#15) is written only when it has a note or evidence.
    unresolved = tuple(field for field in CLAIM_FIELDS if field != "resolution")
    assert {tuple(claim) for claim in claims} <= {CLAIM_FIELDS, unresolved}
    amounts = [amount for claim in claims for amount in claim["amounts"]]
    assert {tuple(amount) for amount in amounts} == {AMOUNT_FIELDS}
    heroes = [article["hero_image"] for article in data["articles"]]
    assert {tuple(hero) for hero in heroes if hero} == {HERO_IMAGE_FIELDS}


def test_export_writes_times_in_utc_and_amounts_with_two_decimals():
    make_varied_newsroom()

    data = export_newsroom()

    claims = [claim for article in data["articles"] for claim in article["claims"]]
    bid = next(claim for claim in claims if claim["claim_type"] == "bid")
    assert bid["amounts"][0] == {
        "kind": "loan_fee",
        "amount": "5000000.00",
        "upper_amount": "5500000.50",
        "currency": "GBP",
        "qualifier": "exact",
        "converted_amount": None,
        "converted_currency": None,
        "period": None,
    }
    assert bid["deal_type"] == "loan_with_option"
    lapsed = next(claim for claim in claims if claim["outcome"] == "lapsed")
    assert lapsed["resolved_at"] == "2026-02-02T18:00:00.250000Z"
    times = [claim["reported_at"] for claim in claims]
    assert all(time.endswith("Z") for time in times)


def test_export_names_namesakes_by_their_club():
    make_varied_newsroom()

    data = export_newsroom()

    named = [
        claim["player"]
        for article in data["articles"]
        for claim in article["claims"]
        if isinstance(claim["player"], dict)
    ]
    assert sorted(named, key=lambda reference: reference["club"]) == [
        {"name": "Souza", "club": "Santos FC"},
        {"name": "Souza", "club": "Tottenham Hotspur"},
    ]


def test_export_then_import_into_an_empty_database_gives_the_same_text():
    make_varied_newsroom()
    first = dump_newsroom(export_newsroom())
    empty_newsroom()

    import_newsroom(json.loads(first))

    assert dump_newsroom(export_newsroom()) == first


def test_text_that_looks_like_a_formula_survives_the_round_trip_verbatim():
    make_varied_newsroom()
    text = dump_newsroom(export_newsroom())
    empty_newsroom()

    import_newsroom(json.loads(text))

    stored = set(Article.objects.values_list("headline", flat=True))
    stored |= set(Article.objects.values_list("standfirst", flat=True))
    stored |= set(TransferClaim.objects.values_list("quote", flat=True))
    assert set(FORMULA_TEXTS) <= stored


def test_export_copies_hero_images_beside_the_file(tmp_path):
    import_demo()

    data = export_newsroom(image_dir=tmp_path)

    hero = data["articles"][0]["hero_image"]
    assert hero["file"] == f"images/{SEED_SLUG}.jpg"
    with Image.open(tmp_path / hero["file"]) as copied:
        assert copied.size == (1600, 900)


def test_export_without_an_image_folder_names_no_file():
    import_demo()

    data = export_newsroom()

    assert data["articles"][0]["hero_image"]["file"] is None
    assert data["articles"][0]["hero_image"]["credit"] == "Lewis Storey/Getty Images"


def test_export_runs_the_same_queries_whatever_the_newsroom_size(
    django_assert_num_queries,
):
    import_demo()
    # Thirteen since #13: the claims' amounts and the clubs' roles are a
    # prefetch each.
    with django_assert_num_queries(13):
        export_newsroom()
    make_varied_newsroom()

    with django_assert_num_queries(13):
        export_newsroom()


def test_checking_a_file_runs_the_same_queries_whatever_its_size(
    django_assert_num_queries,
):
    small = {"format": "transfer-desk-newsroom", "version": 1}
    with django_assert_num_queries(6):
        read_newsroom(small)
    large = demo_document()

    with django_assert_num_queries(6):
        read_newsroom(large, base_dir=DEMO_DIR)


# The commands


def test_import_command_prints_one_line_of_counts():
    out = io.StringIO()

    call_command("import_newsroom", str(DEMO_FILE), stdout=out)

    assert out.getvalue() == (
        f"Imported {DEMO_FILE}: competitions 4 created, 0 updated, 0 unchanged; "
        "clubs 9 created, 0 updated, 0 unchanged; "
        "players 15 created, 0 updated, 0 unchanged; "
        "sources 3 created, 0 updated, 0 unchanged; "
        "authors 1 created, 0 updated, 0 unchanged; "
        "articles 1 created, 0 updated, 0 unchanged; "
        "claims 10 created, 0 updated, 0 unchanged, 0 deleted; "
        "squad targets 2 created, 0 updated, 0 unchanged.\n"
    )


def test_import_command_refuses_a_bad_file_with_every_problem_on_stderr(tmp_path):
    document = demo_document()
    set_claim_type(document)
    misspell_a_club(document)
    shutil.copytree(DEMO_DIR / "images", tmp_path / "images")
    path = tmp_path / "newsroom.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError, match=r"^Nothing was imported: 2 problems\.$"):
        call_command("import_newsroom", str(path), stderr=err)

    assert err.getvalue().splitlines() == [
        "players[4].current_club: no club is called 'Totenham' "
        "(by name, short name, alias or slug)",
        f"articles[0].claims[2].claim_type: 'rumour' is not one of {CLAIM_TYPES}",
    ]
    assert Article.objects.count() == 0


def test_import_command_names_the_line_and_column_of_invalid_json(tmp_path):
    path = tmp_path / "newsroom.json"
    path.write_text('{\n  "format": "transfer-desk-newsroom",\n  "version": 1,\n}\n')
    err = io.StringIO()

    with pytest.raises(CommandError, match=r"^Nothing was imported: 1 problem\.$"):
        call_command("import_newsroom", str(path), stderr=err)

    assert err.getvalue() == (
        f"{path}: invalid JSON at line 4, column 1: "
        "Expecting property name enclosed in double quotes\n"
    )


def test_export_command_writes_the_file_with_its_images(tmp_path):
    import_demo()
    out = io.StringIO()
    path = tmp_path / "backup" / "newsroom.json"

    call_command("export_newsroom", str(path), stdout=out)

    assert out.getvalue() == (
        f"Exported 1 articles, 10 claims and 1 hero images to {path}.\n"
    )
    assert path.read_text(encoding="utf-8") == DEMO_FILE.read_text(encoding="utf-8")
    assert (tmp_path / "backup" / "images" / f"{SEED_SLUG}.jpg").is_file()


def test_export_command_writes_to_standard_output_without_a_file():
    import_demo()
    out = io.StringIO()

    call_command("export_newsroom", stdout=out)

    assert out.getvalue() == dump_newsroom(export_newsroom())


def test_an_exported_folder_imports_with_its_images(tmp_path):
    import_demo()
    call_command(
        "export_newsroom", str(tmp_path / "newsroom.json"), stdout=io.StringIO()
    )
    empty_newsroom()

    call_command(
        "import_newsroom", str(tmp_path / "newsroom.json"), stdout=io.StringIO()
    )

    assert seed_article().hero_image
    assert (seed_article().hero_width, seed_article().hero_height) == (1600, 900)


def test_an_import_renaming_a_club_refreshes_the_search_of_stories_outside_it():
    """Bulk writes send no signals: the import rebuilds what the names touch."""
    import_demo()
    roma = Club.objects.get(slug="as-roma")
    outside = ArticleFactory(headline="Loan talks stall")
    outside.clubs.add(roma)
    document = demo_document()
    club = next(item for item in document["clubs"] if item["slug"] == "as-roma")
    club["aliases"].append("Lupi")

    import_newsroom(document, base_dir=DEMO_DIR)

    assert outside in search_site("Lupi").stories
