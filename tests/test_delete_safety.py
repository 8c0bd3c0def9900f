"""R21: deletes never take editorial history with them.

Every foreign key is pinned to the ``on_delete`` committed in
``tests/support/on_delete_allowlist.py``; deleting a club, player, source, author,
competition or outlet that something still refers to is refused and changes
no row.
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import ProtectedError

from .factories import (
    ArticleFactory,
    AttributionFactory,
    ClubFactory,
    ClubRoleFactory,
    PlayerFactory,
    SourceFactory,
    SquadNoteFactory,
    TransferClaimFactory,
    UserFactory,
)
from .support.on_delete_allowlist import ON_DELETE

pytestmark = pytest.mark.django_db


def foreign_keys():
    """Return {"app.Model.field": on_delete} for every FK touching rumours.

    That is every ForeignKey and OneToOneField declared on a rumours model
    (auto-created many-to-many tables included, the user model among the
    targets) and every one elsewhere that points at a rumours model.
    """
    found = {}
    for model in apps.get_models(include_auto_created=True):
        for model_field in model._meta.get_fields(include_hidden=True):
            if not (model_field.concrete and model_field.is_relation):
                continue
            if not (model_field.many_to_one or model_field.one_to_one):
                continue
            labels = {model._meta.app_label, model_field.related_model._meta.app_label}
            if "rumours" in labels:
                key = f"{model._meta.label}.{model_field.name}"
                found[key] = model_field.remote_field.on_delete
    return found


def row_counts():
    models = [
        *apps.get_app_config("rumours").get_models(include_auto_created=True),
        get_user_model(),
    ]
    return {model._meta.label: model._base_manager.count() for model in models}


def club_a_claim_leaves():
    claim = TransferClaimFactory(from_club=ClubFactory())
    return claim.from_club, {claim}


def club_a_claim_joins():
    claim = TransferClaimFactory()
    return claim.to_club, {claim}


def player_a_claim_is_about():
    claim = TransferClaimFactory()
    return claim.player, {claim}


def player_a_claim_replaces():
    claim = TransferClaimFactory(replaces=PlayerFactory())
    return claim.replaces, {claim}


def source_of_a_claim():
    claim = TransferClaimFactory()
    return claim.source, {claim}


def source_a_claim_is_relayed_by():
    claim = TransferClaimFactory()
    attribution = AttributionFactory(claim=claim)
    return attribution.source, {attribution}


def author_of_an_article():
    article = ArticleFactory(author=UserFactory())
    return article.author, {article}


def club_with_a_player():
    player = PlayerFactory()
    return player.current_club, {player}


def club_a_player_left():
    player = PlayerFactory(previous_club=ClubFactory())
    return player.previous_club, {player}


def competition_with_a_club():
    club = ClubFactory()
    return club.competition, {club}


def outlet_with_a_journalist():
    journalist = SourceFactory(outlet=SourceFactory(kind="outlet"))
    return journalist.outlet, {journalist}


def source_a_squad_note_cites():
    note = SquadNoteFactory(source=SourceFactory(kind="club_official"))
    return note.source, {note}


def club_official_in_a_role():
    role = ClubRoleFactory(person=SourceFactory(kind="club_official"))
    return role.person, {role}


PROTECTED_DELETES = [
    club_a_claim_leaves,
    club_a_claim_joins,
    player_a_claim_is_about,
    player_a_claim_replaces,
    source_of_a_claim,
    source_a_claim_is_relayed_by,
    author_of_an_article,
    club_with_a_player,
    club_a_player_left,
    competition_with_a_club,
    outlet_with_a_journalist,
    source_a_squad_note_cites,
    club_official_in_a_role,
]


@pytest.fixture(scope="session")
def r21_results():
    """Collect R21 figures; report them once the tests have run (see R22)."""
    results = {"checked": 0, "unlisted": 0, "refused": 0, "lost": 0, "report": None}
    yield results
    if results["report"] is not None:
        results["report"](
            f"R21 delete-safety: {results['checked']} foreign keys checked, "
            f"{results['unlisted']} unlisted, {results['refused']} protected "
            f"deletes refused, {results['lost']} rows lost"
        )


@pytest.fixture
def r21(r21_results, reliability_report):
    r21_results["report"] = reliability_report
    return r21_results


def test_every_foreign_key_is_in_the_allowlist(r21):
    found = foreign_keys()

    unlisted = sorted(set(found) - set(ON_DELETE))
    r21["checked"], r21["unlisted"] = len(found), len(unlisted)
    assert unlisted == []


def test_every_foreign_key_deletes_as_the_allowlist_says():
    found = foreign_keys()

    different = {
        key: (on_delete.__name__, ON_DELETE[key].__name__)
        for key, on_delete in found.items()
        if key in ON_DELETE and on_delete is not ON_DELETE[key]
    }
    assert different == {}


def test_allowlist_names_no_foreign_key_that_is_gone():
    found = foreign_keys()

    assert sorted(set(ON_DELETE) - set(found)) == []


@pytest.mark.parametrize("arrange", PROTECTED_DELETES, ids=lambda f: f.__name__)
def test_deleting_a_referenced_row_is_refused(arrange, r21):
    target, referrers = arrange()
    before = row_counts()

    with pytest.raises(ProtectedError) as error:
        target.delete()

    after = row_counts()
    r21["lost"] += sum(before[label] - after[label] for label in before)
    r21["refused"] += 1
    assert set(error.value.protected_objects) == referrers
    assert after == before


def test_deleting_an_unreferenced_club_goes_ahead():
    club = ClubFactory()

    club.delete()

    assert not type(club).objects.filter(pk=club.pk).exists()
