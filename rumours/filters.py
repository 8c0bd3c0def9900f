"""The newsroom's filters, shared by the reader pages and the partner API.

django-filter ``FilterSet``s: the API reads them through
``DjangoFilterBackend``, where a bad value is a 400 naming the parameter
(``{"claim_type": ["Select a valid choice..."]}``), never a silently
ignored filter; the home page through ``is_valid()``, where a bad value is a
404. Clubs, players, competitions and sources are
named by slug; an unknown slug is a 400 too, so a typo is not an empty page.
"""

import datetime as dt

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .models import (
    Article,
    ClaimAmount,
    Club,
    Competition,
    Player,
    Position,
    Source,
    TransferClaim,
)
from .models.positions import GROUP_OF, POSITION_GROUPS

MESSAGE_EMPTY = "Give a value, or leave the parameter out."
# The tier filters compare tiers; an unrated source has none, so neither
# filter picks it out (``SourceFilter.unrated`` does).
RATED_TIERS = [(tier, label) for tier, label in Source.Tier.choices if tier is not None]
TRUE_OR_FALSE = [("true", "true"), ("false", "false")]


class UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 time, read in UTC.

    Python takes offsets up to a day (``-20:20``); PostgreSQL refuses any
    past 15:59, so a time is turned to UTC before the database sees it, and
    one UTC cannot hold (year 1 behind Greenwich) is a bad value, not a 500.
    """

    def to_python(self, value):
        parsed = super().to_python(value)
        if parsed is None or parsed.tzinfo is None:
            return parsed
        try:
            return parsed.astimezone(dt.UTC)
        except OverflowError:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class StrictFilterSet(django_filters.FilterSet):
    """A filter set that refuses an empty value (``updated_since=``).

    django-filter skips empty values, so a partner whose variable was unset
    would silently get every row.
    """

    def is_valid(self):
        valid = super().is_valid()
        empty = [
            name
            for name in self.filters
            if name in self.data
            and any(not value.strip() for value in self.data.getlist(name))
        ]
        for name in empty:
            self.form.add_error(name, MESSAGE_EMPTY)
        return valid and not empty


def slug_choice(model, description, *, queryset=None, **kwargs):
    """Return a filter naming one ``model`` row (of ``queryset``) by its slug."""
    return django_filters.ModelChoiceFilter(
        queryset=model.objects.all() if queryset is None else queryset,
        to_field_name="slug",
        label=description,
        **kwargs,
    )


class ArticleFilter(StrictFilterSet):
    # The home page offers the club's competition's clubs: load it with it.
    club = slug_choice(
        Club,
        "Slug of a club the story is about.",
        queryset=Club.objects.select_related("competition"),
        method="filter_club",
    )
    player = slug_choice(
        Player, "Slug of a player the story is about.", method="filter_player"
    )
    competition = slug_choice(
        Competition,
        "Slug of a competition one of the story's clubs plays in.",
        method="filter_competition",
    )
    claim_type = django_filters.MultipleChoiceFilter(
        choices=TransferClaim.Type.choices,
        method="filter_claim_type",
        label="Stories reporting claims of any of these stages (repeat the parameter).",
    )
    source = slug_choice(
        Source,
        "Slug of a source one of the story's claims comes from.",
        method="filter_source",
    )
    published_since = UtcIsoDateTimeFilter(
        field_name="published_at",
        lookup_expr="gte",
        label="Published at or after this ISO 8601 time.",
    )
    updated_since = UtcIsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label="Updated at or after this ISO 8601 time.",
    )

    class Meta:
        model = Article
        fields = []

    # Each relation filter goes through a subquery, so a story matching
    # twice is still listed once.
    @extend_schema_field(OpenApiTypes.STR)
    def filter_club(self, queryset, name, value):
        return queryset.about_clubs([value.pk])

    @extend_schema_field(OpenApiTypes.STR)
    def filter_player(self, queryset, name, value):
        return queryset.about_players([value.pk])

    @extend_schema_field(OpenApiTypes.STR)
    def filter_competition(self, queryset, name, value):
        clubs = Club.objects.filter(competition=value)
        return queryset.about_clubs(clubs.values("pk"))

    def filter_claim_type(self, queryset, name, value):
        if not value:
            return queryset
        claims = TransferClaim.objects.filter(claim_type__in=value)
        return queryset.filter(pk__in=claims.values("article_id"))

    @extend_schema_field(OpenApiTypes.STR)
    def filter_source(self, queryset, name, value):
        claims = TransferClaim.objects.filter(source=value)
        return queryset.filter(pk__in=claims.values("article_id"))


class ClaimFilter(StrictFilterSet):
    club = slug_choice(
        Club, "Slug of the club the player leaves or joins.", method="filter_club"
    )
    player = slug_choice(Player, "Slug of the player.", field_name="player")
    competition = slug_choice(
        Competition,
        "Slug of a competition either club plays in, or either side the "
        "story described (“a host of Bundesliga clubs”) belongs to.",
        method="filter_competition",
    )
    claim_type = django_filters.MultipleChoiceFilter(
        choices=TransferClaim.Type.choices,
        label="Any of these stages (repeat the parameter).",
    )
    answers = django_filters.NumberFilter(
        field_name="answers",
        min_value=1,
        label="Only the denials and non-confirmations answering the claim "
        "with this id.",
    )
    deal_type = django_filters.MultipleChoiceFilter(
        choices=TransferClaim.DealType.choices,
        label="Any of these deal types (repeat the parameter).",
    )
    outcome = django_filters.MultipleChoiceFilter(
        choices=TransferClaim.Outcome.choices,
        label="Any of these outcomes (repeat the parameter).",
    )
    source = slug_choice(Source, "Slug of the source.", field_name="source")
    source_tier_min = django_filters.ChoiceFilter(
        choices=RATED_TIERS,
        field_name="source__reliability_tier",
        lookup_expr="gte",
        label="Sources of this reliability tier or weaker (1 is the most reliable).",
    )
    source_tier_max = django_filters.ChoiceFilter(
        choices=RATED_TIERS,
        field_name="source__reliability_tier",
        lookup_expr="lte",
        label="Sources of this reliability tier or stronger (1 is the most reliable).",
    )
    published_since = UtcIsoDateTimeFilter(
        field_name="article__published_at",
        lookup_expr="gte",
        label="From stories published at or after this ISO 8601 time.",
    )
    updated_since = UtcIsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label="Updated at or after this ISO 8601 time.",
    )
    reported_since = UtcIsoDateTimeFilter(
        field_name="reported_at",
        lookup_expr="gte",
        label="Reported at or after this ISO 8601 time.",
    )
    amount_kind = django_filters.MultipleChoiceFilter(
        choices=ClaimAmount.Kind.choices,
        method="filter_amount_kind",
        label="Claims quoting any of these kinds of amount: release_clause, "
        "wages, ... (repeat the parameter).",
    )
    current = django_filters.ChoiceFilter(
        choices=TRUE_OR_FALSE,
        method="filter_current",
        label="true: only open claims that are still news (not past their stage's "
        "lapse window); false: only resolved or lapsed ones.",
    )

    class Meta:
        model = TransferClaim
        fields = []

    def filter_amount_kind(self, queryset, name, value):
        # A subquery, not a join: a claim quoting two such amounts is one row.
        quoting = ClaimAmount.objects.filter(kind__in=value).values("claim")
        return queryset.filter(pk__in=quoting)

    def filter_current(self, queryset, name, value):
        current = TransferClaim.objects.current().values("pk")
        if value == "true":
            return queryset.filter(pk__in=current)
        return queryset.exclude(pk__in=current)

    @extend_schema_field(OpenApiTypes.STR)
    def filter_club(self, queryset, name, value):
        return queryset.filter(Q(from_club=value) | Q(to_club=value))

    @extend_schema_field(OpenApiTypes.STR)
    def filter_competition(self, queryset, name, value):
        return queryset.filter(
            Q(from_club__competition=value)
            | Q(to_club__competition=value)
            | Q(from_competition=value)
            | Q(to_competition=value)
        )


class PlayerFilter(StrictFilterSet):
    club = slug_choice(
        Club, "Slug of the player's current club.", field_name="current_club"
    )
    competition = slug_choice(
        Competition,
        "Slug of the competition the player's club plays in.",
        field_name="current_club__competition",
    )
    position = django_filters.MultipleChoiceFilter(
        choices=Position.choices,
        field_name="primary_position",
        label="Primary position, any of these (repeat the parameter).",
    )
    position_group = django_filters.ChoiceFilter(
        choices=[(group, label) for group, (label, _, _) in POSITION_GROUPS.items()],
        method="filter_position_group",
        label="Position group (GK, DF, MF or FW): every code in it, "
        "so DF finds centre-backs and players stored only as defenders.",
    )

    class Meta:
        model = Player
        fields = []

    @extend_schema_field(OpenApiTypes.STR)
    def filter_position_group(self, queryset, name, value):
        return queryset.filter(
            primary_position__in=[
                code for code, group in GROUP_OF.items() if group == value
            ]
        )


class ClubFilter(StrictFilterSet):
    competition = slug_choice(
        Competition, "Slug of the club's competition.", field_name="competition"
    )

    class Meta:
        model = Club
        fields = []


class SourceFilter(StrictFilterSet):
    kind = django_filters.MultipleChoiceFilter(
        choices=Source.Kind.choices, label="Any of these kinds (repeat the parameter)."
    )
    tier_min = django_filters.ChoiceFilter(
        choices=RATED_TIERS,
        field_name="reliability_tier",
        lookup_expr="gte",
        label="This reliability tier or weaker (1 is the most reliable).",
    )
    tier_max = django_filters.ChoiceFilter(
        choices=RATED_TIERS,
        field_name="reliability_tier",
        lookup_expr="lte",
        label="This reliability tier or stronger (1 is the most reliable).",
    )
    # A choice, not a BooleanFilter: that one ignores a value it cannot read
    # ("yes") and returns every source; this one answers 400.
    unrated = django_filters.ChoiceFilter(
        choices=TRUE_OR_FALSE,
        method="filter_unrated",
        label="true: only sources no editor has rated yet; false: only rated ones.",
    )

    class Meta:
        model = Source
        fields = []

    def filter_unrated(self, queryset, name, value):
        return queryset.filter(reliability_tier__isnull=value == "true")
