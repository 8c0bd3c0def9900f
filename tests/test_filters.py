"""The shared filters' building block: a choice of one row named by its slug."""

import pytest
from django.core.exceptions import ValidationError

from rumours.filters import slug_choice
from rumours.models import Club

from .factories import ClubFactory

pytestmark = pytest.mark.django_db


def test_a_slug_choice_finds_its_row_by_slug():
    club = ClubFactory(slug="north-town")
    ClubFactory(slug="south-town")

    choice = slug_choice(Club, "Slug of a club.")

    assert choice.field.clean("north-town") == club


def test_a_slug_choice_is_described_for_the_schema_and_the_form():
    choice = slug_choice(Club, "Slug of a club.")

    assert choice.label == "Slug of a club."


def test_a_slug_choice_filters_the_field_it_is_given():
    choice = slug_choice(Club, "Slug of the club a player joins.", field_name="to_club")

    assert choice.field_name == "to_club"


def test_a_slug_choice_offers_only_the_rows_of_its_queryset():
    inside = ClubFactory(slug="inside")
    outside = ClubFactory(slug="outside")

    choice = slug_choice(
        Club, "Slug of a club.", queryset=Club.objects.filter(pk=inside.pk)
    )

    assert choice.field.clean("inside") == inside
    with pytest.raises(ValidationError):
        choice.field.clean(outside.slug)
