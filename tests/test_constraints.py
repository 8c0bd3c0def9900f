"""R22: every integrity rule of the rumours models holds on every write path.

Each case below breaks one constraint of one model. The same bad row is then
offered three ways: to ``full_clean()`` (what forms and services call), to
``save()`` without ``full_clean()`` (the ORM alone), and to the database as raw
SQL. Every way must refuse it and no bad row may be stored.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from rest_framework_api_key.models import APIKey

from rumours.models import (
    ClaimAmount,
    LapseWindow,
    Source,
    TransferClaim,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from rumours.models.club_roles import ROLE_DATES_MESSAGE
from rumours.models.squad_notes import TARGET_NEEDS_COUNT

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
)

pytestmark = pytest.mark.django_db

PATHS = ("full_clean", "ORM", "raw SQL")


@dataclass(frozen=True)
class Case:
    """One way to break one constraint.

    ``arrange`` returns a valid instance (saved relations, usually itself
    unsaved); ``violate`` breaks it. ``errors`` is what ``full_clean()`` says;
    ``message`` is the constraint's own message from ``validate_constraints()``
    (None for ``unique=True`` fields, which ``validate_unique()`` checks).
    """

    id: str
    constraint: str
    arrange: Any
    violate: Any
    errors: dict
    message: str | None = None
    db_tokens: tuple = field(default=())

    def __str__(self):
        return self.id

    @property
    def tokens(self):
        """Return the strings of which one names the constraint in a DB error."""
        if self.db_tokens:
            return self.db_tokens
        if "." not in self.constraint:
            return (self.constraint,)
        # A unique=True field: SQLite names "table.column", PostgreSQL names
        # the constraint it made for the column, "table_column_key".
        model_name, field_name = self.constraint.split(".")
        meta = apps.get_model("rumours", model_name)._meta
        column = meta.get_field(field_name).column
        return (f"{meta.db_table}.{column}", f"{meta.db_table}_{column}_key")


def setter(**values):
    def violate(instance):
        for name, value in values.items():
            setattr(instance, name, value)

    return violate


def new_claim():
    player = PlayerFactory()
    return TransferClaimFactory.build(
        article=ArticleFactory(),
        player=player,
        from_club=player.current_club,
        to_club=ClubFactory(),
        source=SourceFactory(),
    )


def new_amount():
    """Return an unsaved €25m transfer fee of a saved claim."""
    return ClaimAmountFactory.build(claim=new_claim_saved())


def new_resolved_claim():
    claim = new_claim()
    claim.outcome, claim.resolved_at = "confirmed", NOW
    return claim


def new_claim_saved():
    claim = new_claim()
    claim.save()
    return claim


def new_club():
    return ClubFactory.build(competition=CompetitionFactory())


def new_player():
    return PlayerFactory.build(current_club=ClubFactory())


def new_source():
    return SourceFactory.build()


def saved_journalist():
    """Return a journalist with an id, so that it can name itself as outlet."""
    return SourceFactory(kind=Source.Kind.JOURNALIST)


def new_role():
    return ClubRoleFactory.build(club=ClubFactory(), started_on=dt.date(2025, 7, 1))


def same_role_again(role):
    ClubRoleFactory(
        club=role.club, role=role.role, name=role.name, started_on=role.started_on
    )


def new_note():
    return SquadNoteFactory.build(club=ClubFactory())


def new_article():
    return ArticleFactory.build()


def aggregated_article():
    return ArticleFactory.build(original_source=SourceFactory(kind="outlet"))


def new_lapse_window():
    """Return an unsaved window for a stage the migrations leave without one."""
    LapseWindow.objects.filter(claim_type="completed").delete()
    return LapseWindow(claim_type="completed", window=dt.timedelta(days=5))


def existing_lapse_window():
    """Save a window for "medical" (whatever the migrations seeded), build another."""
    LapseWindow.objects.update_or_create(
        claim_type="medical", defaults={"window": dt.timedelta(days=7)}
    )
    return new_lapse_window()


def new_alias():
    return ClubAliasFactory.build(club=ClubFactory())


def new_attribution():
    return AttributionFactory.build(
        claim=TransferClaimFactory(), source=SourceFactory(), role="relay"
    )


def second_role_of_a_source():
    """Return the source of a saved relay, unsaved, as a speaker of its claim."""
    first = AttributionFactory(role="relay")
    return AttributionFactory.build(
        claim=first.claim, source=first.source, role="speaker", position=1
    )


def existing(factory, build, **values):
    """Return an arrange step that saves a first row, then builds a second."""

    def arrange():
        factory(**values)
        return build()

    return arrange


def saved_claim(**values):
    """Return an arrange step saving a claim, so that it can point at itself."""

    def arrange():
        return TransferClaimFactory(**values)

    return arrange


def points_at_itself(name):
    def violate(claim):
        setattr(claim, f"{name}_id", claim.pk)

    return violate


def same_club_twice(claim):
    claim.to_club = claim.from_club


def replaces_himself(claim):
    claim.replaces = claim.player


def own_outlet(source):
    source.outlet_id = source.pk


def agent_with_outlet(source):
    source.kind = Source.Kind.AGENT
    source.outlet = SourceFactory(kind=Source.Kind.OUTLET)


def second_note_on_the_same_day(note):
    SquadNoteFactory(
        club=note.club, position=note.position, kind=note.kind, noted_on=note.noted_on
    )


def new_subscription():
    key, _ = APIKey.objects.create_key(name="Calcio Daily")
    return WebhookSubscription(api_key=key, url="https://partner.example/hooks")


def new_delivery():
    subscription = new_subscription()
    subscription.save()
    event = WebhookEvent.objects.create(type="claim.published", claim_id=1, payload={})
    return WebhookDelivery(event=event, subscription=subscription)


def new_attempt():
    delivery = new_delivery()
    delivery.save()
    return WebhookAttempt(delivery=delivery, number=1, response_status=200)


def second_delivery(delivery):
    WebhookDelivery.objects.create(
        event=delivery.event, subscription=delivery.subscription
    )


def second_attempt(attempt):
    WebhookAttempt.objects.create(delivery=attempt.delivery, number=attempt.number)


def not_a_choice(value):
    return f"Value {value!r} is not a valid choice."


ROLE_ONCE_MESSAGE = "This person already holds this role at the club from that date."
ONE_A_DAY_MESSAGE = (
    "This club already has a note of this kind there on that date; change that one."
)
FEE = Decimal("25000000.00")
NOW = dt.datetime(2026, 1, 20, 12, tzinfo=dt.UTC)
MONEY_MESSAGE = (
    "Give an amount with its currency; only add-ons may have no amount "
    "(add-ons of unknown size), and then no currency, range or conversion."
)
RANGE_MESSAGE = "The upper bound needs an amount and cannot be below it."
CONVERTED_MESSAGE = (
    "Give the second currency's amount and currency together, or neither, "
    "and only with an amount."
)
PERIOD_MESSAGE = "Wages need a period (a week or a year); other amounts have none."
RESOLVED_MESSAGE = (
    "An open claim has no resolution time; a confirmed, denied or lapsed one needs it."
)
EVIDENCE_MESSAGE = (
    "Only a resolved claim has a resolution note or evidence: resolve it, or "
    "clear them."
)
OWN_STORY_MESSAGE = (
    "A claim's own story cannot settle it: link the later story that did."
)
EVIDENCE_URL_MESSAGE = "The report's address must start with https:// or http://."
OUTLET_MESSAGE = (
    "Choose an outlet: a journalist can only write for a source of kind “Outlet”."
)

SELLER_TWICE_MESSAGE = "Name the selling club or describe it, not both."
SUITOR_TWICE_MESSAGE = "Name the suitor or describe it, not both."
FREE_AGENT_MESSAGE = (
    "A free agent leaves no club: clear the selling club, or untick free agent."
)
SELLER_DETAILS_MESSAGE = (
    "A competition or country describes the selling side: describe it too."
)
SUITOR_DETAILS_MESSAGE = (
    "A competition or country describes the suitor: describe it too."
)
EVENT_MESSAGE = "Give when it happened and how precisely together, or neither."
ORIGINAL_NAMED_MESSAGE = (
    "Name the original outlet or journalist when giving the original's address "
    "or publication time."
)


def all_(message):
    return {"__all__": [message]}


CASES = [
    # ClaimAmount
    Case(
        "amount-kind-unknown",
        "rumours_amount_kind_valid",
        new_amount,
        setter(kind="bonus"),
        {"kind": [not_a_choice("bonus")]},
        "Choose a known kind of amount.",
    ),
    Case(
        "amount-qualifier-unknown",
        "rumours_amount_qualifier_valid",
        new_amount,
        setter(qualifier="roughly"),
        {"qualifier": [not_a_choice("roughly")]},
        "Choose a known qualifier.",
    ),
    Case(
        "amount-without-currency",
        "rumours_amount_has_money",
        new_amount,
        setter(currency=""),
        all_(MONEY_MESSAGE),
        MONEY_MESSAGE,
    ),
    Case(
        "amount-in-unknown-currency",
        "rumours_amount_has_money",
        new_amount,
        setter(currency="JPY"),
        {"currency": [not_a_choice("JPY")]},
        MONEY_MESSAGE,
    ),
    Case(
        "amount-missing-for-a-fee",
        "rumours_amount_has_money",
        new_amount,
        setter(amount=None, currency=""),
        all_(MONEY_MESSAGE),
        MONEY_MESSAGE,
    ),
    Case(
        "amount-unknown-add-ons-with-currency",
        "rumours_amount_has_money",
        new_amount,
        setter(kind="add_ons", amount=None),
        all_(MONEY_MESSAGE),
        MONEY_MESSAGE,
    ),
    Case(
        "amount-negative",
        "rumours_amount_not_negative",
        new_amount,
        setter(amount=Decimal("-1.00")),
        all_("An amount cannot be negative."),
        "An amount cannot be negative.",
    ),
    Case(
        "amount-upper-bound-below",
        "rumours_amount_range_ordered",
        new_amount,
        setter(upper_amount=FEE - 1),
        all_(RANGE_MESSAGE),
        RANGE_MESSAGE,
    ),
    Case(
        "amount-converted-without-currency",
        "rumours_amount_converted_paired",
        new_amount,
        setter(converted_amount=FEE),
        all_(CONVERTED_MESSAGE),
        CONVERTED_MESSAGE,
    ),
    Case(
        "amount-converted-currency-without-amount",
        "rumours_amount_converted_paired",
        new_amount,
        setter(converted_currency="GBP"),
        all_(CONVERTED_MESSAGE),
        CONVERTED_MESSAGE,
    ),
    Case(
        "amount-converted-negative",
        "rumours_amount_converted_paired",
        new_amount,
        setter(converted_amount=Decimal("-1.00"), converted_currency="GBP"),
        all_(CONVERTED_MESSAGE),
        CONVERTED_MESSAGE,
    ),
    Case(
        "amount-wages-without-period",
        "rumours_amount_wages_period",
        new_amount,
        setter(kind="wages"),
        all_(PERIOD_MESSAGE),
        PERIOD_MESSAGE,
    ),
    Case(
        "amount-fee-with-period",
        "rumours_amount_wages_period",
        new_amount,
        setter(period="week"),
        all_(PERIOD_MESSAGE),
        PERIOD_MESSAGE,
    ),
    # TransferClaim
    Case(
        "claim-type-unknown",
        "rumours_claim_type_valid",
        new_claim,
        setter(claim_type="rumour"),
        {"claim_type": [not_a_choice("rumour")]},
        "Choose a known stage.",
    ),
    Case(
        "claim-deal-type-unknown",
        "rumours_claim_deal_type_valid",
        new_claim,
        setter(deal_type="barter"),
        {"deal_type": [not_a_choice("barter")]},
        "Choose a known deal type.",
    ),
    Case(
        "claim-outcome-unknown",
        "rumours_claim_outcome_valid",
        new_claim,
        setter(outcome="won", resolved_at=NOW),
        {"outcome": [not_a_choice("won")]},
        "Choose a known outcome.",
    ),
    Case(
        "claim-seller-named-and-described",
        "rumours_claim_from_named_or_described",
        new_claim,
        setter(from_described="his club in Serie B"),
        all_(SELLER_TWICE_MESSAGE),
        SELLER_TWICE_MESSAGE,
    ),
    Case(
        "claim-suitor-named-and-described",
        "rumours_claim_to_named_or_described",
        new_claim,
        setter(to_described="a host of Bundesliga clubs"),
        all_(SUITOR_TWICE_MESSAGE),
        SUITOR_TWICE_MESSAGE,
    ),
    Case(
        "claim-free-agent-with-a-club",
        "rumours_claim_free_agent_has_no_club",
        new_claim,
        setter(free_agent=True),
        all_(FREE_AGENT_MESSAGE),
        FREE_AGENT_MESSAGE,
    ),
    Case(
        "claim-seller-details-undescribed",
        "rumours_claim_from_details_described",
        new_claim,
        setter(from_country="Portugal"),
        all_(SELLER_DETAILS_MESSAGE),
        SELLER_DETAILS_MESSAGE,
    ),
    Case(
        "claim-suitor-details-undescribed",
        "rumours_claim_to_details_described",
        new_claim,
        setter(to_country="USA"),
        all_(SUITOR_DETAILS_MESSAGE),
        SUITOR_DETAILS_MESSAGE,
    ),
    Case(
        "claim-answers-itself",
        "rumours_claim_answers_another",
        saved_claim(claim_type="denied"),
        points_at_itself("answers"),
        all_("A claim cannot answer itself."),
        "A claim cannot answer itself.",
    ),
    Case(
        "claim-swaps-with-itself",
        "rumours_claim_swaps_with_another",
        saved_claim(deal_type="swap"),
        points_at_itself("swap_with"),
        all_("A claim cannot be its own other side."),
        "A claim cannot be its own other side.",
    ),
    Case(
        "claim-same-club-both-ends",
        "rumours_claim_clubs_differ",
        new_claim,
        same_club_twice,
        all_("The from club and the to club must differ."),
        "The from club and the to club must differ.",
    ),
    Case(
        "claim-player-replaces-himself",
        "rumours_claim_replaces_other_player",
        new_claim,
        replaces_himself,
        all_("A player cannot replace himself."),
        "A player cannot replace himself.",
    ),
    Case(
        "claim-open-with-resolution-time",
        "rumours_claim_resolved_when_closed",
        new_claim,
        setter(outcome="open", resolved_at=NOW),
        all_(RESOLVED_MESSAGE),
        RESOLVED_MESSAGE,
    ),
    Case(
        "claim-confirmed-without-resolution-time",
        "rumours_claim_resolved_when_closed",
        new_claim,
        setter(outcome="confirmed", resolved_at=None),
        all_(RESOLVED_MESSAGE),
        RESOLVED_MESSAGE,
    ),
    # What settled a claim (#15)
    Case(
        "claim-open-with-a-resolution-note",
        "rumours_claim_evidence_when_resolved",
        new_claim,
        setter(resolution_note="The club confirmed it."),
        all_(EVIDENCE_MESSAGE),
        EVIDENCE_MESSAGE,
    ),
    Case(
        "claim-settled-by-its-own-story",
        "rumours_claim_evidence_elsewhere",
        new_resolved_claim,
        lambda claim: setattr(claim, "evidence_article", claim.article),
        all_(OWN_STORY_MESSAGE),
        OWN_STORY_MESSAGE,
    ),
    Case(
        "claim-evidence-not-a-web-address",
        "rumours_claim_evidence_url_web",
        new_resolved_claim,
        setter(evidence_url="ftp://files.example/report.txt"),
        all_(EVIDENCE_URL_MESSAGE),
        EVIDENCE_URL_MESSAGE,
    ),
    # Attribution
    Case(
        "attribution-role-unknown",
        "rumours_attribution_role_valid",
        new_attribution,
        setter(role="gossip"),
        {"role": [not_a_choice("gossip")]},
        "Choose a known role: relay or speaker.",
    ),
    Case(
        "attribution-repeated",
        "rumours_attribution_once_per_role",
        second_role_of_a_source,
        setter(role="relay"),
        all_("This source already has this role in the claim's attribution."),
        "This source already has this role in the claim's attribution.",
        # SQLite names the columns, PostgreSQL the constraint.
        db_tokens=(
            "rumours_attribution_once_per_role",
            "rumours_attribution.claim_id, rumours_attribution.source_id, "
            "rumours_attribution.role",
        ),
    ),
    # Source
    Case(
        "source-kind-unknown",
        "rumours_source_kind_valid",
        new_source,
        setter(kind="blogger"),
        {"kind": [not_a_choice("blogger")]},
        "Choose a known kind of source.",
    ),
    Case(
        "source-tier-zero",
        "rumours_source_tier_range",
        new_source,
        setter(reliability_tier=0),
        {"reliability_tier": [not_a_choice(0)]},
        "The reliability tier runs from 1 to 5 (empty: not rated yet).",
    ),
    Case(
        "source-tier-six",
        "rumours_source_tier_range",
        new_source,
        setter(reliability_tier=6),
        {"reliability_tier": [not_a_choice(6)]},
        "The reliability tier runs from 1 to 5 (empty: not rated yet).",
    ),
    Case(
        "source-agent-with-outlet",
        "rumours_source_outlet_only_for_journalists",
        new_source,
        agent_with_outlet,
        all_("Only a journalist writes for an outlet."),
        "Only a journalist writes for an outlet.",
    ),
    Case(
        "source-own-outlet",
        "rumours_source_not_own_outlet",
        saved_journalist,
        own_outlet,
        {"outlet": [OUTLET_MESSAGE]},
        "A source cannot be its own outlet.",
    ),
    # SquadNote
    Case(
        "note-second-of-a-kind-on-a-day",
        "rumours_squadnote_one_a_day",
        new_note,
        second_note_on_the_same_day,
        all_(ONE_A_DAY_MESSAGE),
        ONE_A_DAY_MESSAGE,
        db_tokens=(
            "rumours_squadnote_one_a_day",
            "rumours_squadnote.club_id, rumours_squadnote.position",
        ),
    ),
    Case(
        "note-negative-count",
        "rumours_squadnote_count_not_negative",
        new_note,
        setter(count=-1),
        {"count": ["Ensure this value is greater than or equal to 0."]},
        "A count cannot be negative.",
        # PositiveSmallIntegerField adds its own "count >= 0" check.
        db_tokens=("rumours_squadnote_count_not_negative", '"count" >= 0', "count"),
    ),
    Case(
        "note-target-without-count",
        "rumours_squadnote_target_counted",
        new_note,
        setter(count=None),
        all_(TARGET_NEEDS_COUNT),
        TARGET_NEEDS_COUNT,
    ),
    Case(
        "note-position-unknown",
        "rumours_squadnote_position_valid",
        new_note,
        setter(position="XX"),
        {"position": [not_a_choice("XX")]},
        "Choose a position from the vocabulary.",
    ),
    Case(
        "note-kind-unknown",
        "rumours_squadnote_kind_valid",
        new_note,
        setter(kind="wish"),
        {"kind": [not_a_choice("wish")]},
        "Choose target, need or surplus.",
    ),
    # ClubRole
    Case(
        "role-unknown",
        "rumours_clubrole_role_valid",
        new_role,
        setter(role="kit_man"),
        {"role": [not_a_choice("kit_man")]},
        "Choose a known club role.",
    ),
    Case(
        "role-ends-before-it-starts",
        "rumours_clubrole_dates_in_order",
        new_role,
        setter(ended_on=dt.date(2025, 6, 30)),
        all_(ROLE_DATES_MESSAGE),
        ROLE_DATES_MESSAGE,
    ),
    Case(
        "role-held-twice-from-a-date",
        "rumours_clubrole_once",
        new_role,
        same_role_again,
        all_(ROLE_ONCE_MESSAGE),
        ROLE_ONCE_MESSAGE,
        db_tokens=(
            "rumours_clubrole_once",
            "rumours_clubrole.club_id, rumours_clubrole.role",
        ),
    ),
    # Player
    Case(
        "player-position-unknown",
        "rumours_player_primary_position_valid",
        new_player,
        setter(primary_position="XX"),
        {"primary_position": [not_a_choice("XX")]},
        "Choose a position from the vocabulary.",
    ),
    Case(
        "player-fitness-unknown",
        "rumours_player_fitness_valid",
        new_player,
        setter(fitness="tired"),
        {"fitness": [not_a_choice("tired")]},
        "Choose a known fitness status.",
    ),
    Case(
        "claim-event-date-without-precision",
        "rumours_claim_event_dated",
        new_claim,
        setter(event_date=dt.date(2025, 7, 1)),
        all_(EVENT_MESSAGE),
        EVENT_MESSAGE,
    ),
    Case(
        "claim-event-precision-without-date",
        "rumours_claim_event_dated",
        new_claim,
        setter(event_precision="summer"),
        all_(EVENT_MESSAGE),
        EVENT_MESSAGE,
    ),
    Case(
        "claim-event-precision-unknown",
        "rumours_claim_event_dated",
        new_claim,
        setter(event_date=dt.date(2025, 7, 1), event_precision="season"),
        {"event_precision": [not_a_choice("season")]},
        EVENT_MESSAGE,
    ),
    # LapseWindow
    Case(
        "lapse-stage-unknown",
        "rumours_lapse_stage_valid",
        new_lapse_window,
        setter(claim_type="rumour"),
        {"claim_type": [not_a_choice("rumour")]},
        "Choose a known stage.",
    ),
    Case(
        "lapse-window-under-a-day",
        "rumours_lapse_at_least_a_day",
        new_lapse_window,
        setter(window=dt.timedelta(hours=6)),
        all_("A window lasts at least a day."),
        "A window lasts at least a day.",
    ),
    # Article
    Case(
        "article-status-unknown",
        "rumours_article_status_valid",
        new_article,
        setter(status="archived"),
        {"status": [not_a_choice("archived")]},
        "Choose draft, in review or published.",
    ),
    Case(
        "article-published-without-time",
        "rumours_article_published_has_time",
        new_article,
        setter(status="published", published_at=None),
        all_("A published story needs a publication time."),
        "A published story needs a publication time.",
    ),
    Case(
        "article-original-address-without-source",
        "rumours_article_original_named",
        new_article,
        setter(original_url="https://news.example/report"),
        all_(ORIGINAL_NAMED_MESSAGE),
        ORIGINAL_NAMED_MESSAGE,
    ),
    Case(
        "article-original-time-without-source",
        "rumours_article_original_named",
        new_article,
        setter(original_published_at=dt.datetime(2026, 1, 8, 7, tzinfo=dt.UTC)),
        all_(ORIGINAL_NAMED_MESSAGE),
        ORIGINAL_NAMED_MESSAGE,
    ),
    Case(
        "article-original-address-not-web",
        "rumours_article_original_url_web",
        aggregated_article,
        setter(original_url="javascript:alert(1)"),
        {"original_url": ["Enter a valid URL."]},
        "The original's address must start with https:// or http://.",
    ),
    # Case-insensitive names
    Case(
        "club-name-in-other-case",
        "rumours_club_name_unique_ci",
        existing(ClubFactory, new_club, name="Tottenham Hotspur"),
        setter(name="TOTTENHAM hotspur"),
        all_("A club with this name already exists."),
        "A club with this name already exists.",
    ),
    Case(
        "alias-in-other-case",
        "rumours_clubalias_name_unique_ci",
        existing(ClubAliasFactory, new_alias, name="Spurs"),
        setter(name="spurs"),
        all_("Another club already uses this alias."),
        "Another club already uses this alias.",
    ),
    # Webhooks (#17)
    Case(
        "webhook-url-not-web",
        "rumours_webhooksubscription_url_web",
        new_subscription,
        setter(url="ftp://partner.example/hooks"),
        all_("The address must start with https:// or http://."),
        "The address must start with https:// or http://.",
    ),
    Case(
        "webhook-delivery-twice",
        "rumours_webhookdelivery_once",
        new_delivery,
        second_delivery,
        all_("This event is already queued for this subscription."),
        "This event is already queued for this subscription.",
        db_tokens=(
            "rumours_webhookdelivery_once",
            "rumours_webhookdelivery.event_id, rumours_webhookdelivery.subscription_id",
        ),
    ),
    Case(
        "webhook-attempt-twice",
        "rumours_webhookattempt_once",
        new_attempt,
        second_attempt,
        all_("This attempt of the delivery is logged already."),
        "This attempt of the delivery is logged already.",
        db_tokens=(
            "rumours_webhookattempt_once",
            "rumours_webhookattempt.delivery_id, rumours_webhookattempt.number",
        ),
    ),
    # unique=True fields
    Case(
        "competition-name-taken",
        "Competition.name",
        existing(CompetitionFactory, CompetitionFactory.build, name="Serie A"),
        setter(name="Serie A"),
        {"name": ["Competition with this Name already exists."]},
    ),
    Case(
        "competition-slug-taken",
        "Competition.slug",
        existing(CompetitionFactory, CompetitionFactory.build, slug="serie-a"),
        setter(slug="serie-a"),
        {"slug": ["Competition with this Slug already exists."]},
    ),
    Case(
        "club-slug-taken",
        "Club.slug",
        existing(ClubFactory, new_club, slug="tottenham-hotspur"),
        setter(slug="tottenham-hotspur"),
        {"slug": ["Club with this Slug already exists."]},
    ),
    Case(
        "player-slug-taken",
        "Player.slug",
        existing(PlayerFactory, new_player, slug="radu-dragusin"),
        setter(slug="radu-dragusin"),
        {"slug": ["Player with this Slug already exists."]},
    ),
    Case(
        "source-slug-taken",
        "Source.slug",
        existing(SourceFactory, new_source, slug="mirko-di-natale"),
        setter(slug="mirko-di-natale"),
        {"slug": ["Source with this Slug already exists."]},
    ),
    Case(
        "article-slug-taken",
        "Article.slug",
        existing(ArticleFactory, new_article, slug="milan-enquire-about-dragusin"),
        setter(slug="milan-enquire-about-dragusin"),
        {"slug": ["Article with this Slug already exists."]},
    ),
    Case(
        "lapse-stage-taken",
        "LapseWindow.claim_type",
        existing_lapse_window,
        setter(claim_type="medical"),
        {"claim_type": ["Lapse window with this Stage already exists."]},
    ),
]


def model_constraints():
    """Return the name of every constraint and unique field of the rumours app."""
    names = set()
    for model in apps.get_app_config("rumours").get_models():
        names.update(constraint.name for constraint in model._meta.constraints)
        names.update(
            f"{model.__name__}.{model_field.name}"
            for model_field in model._meta.local_concrete_fields
            if model_field.unique and not model_field.primary_key
        )
    return names


def stored_rows(model):
    return list(model._base_manager.order_by("pk").values_list())


def new_rows(before, after):
    return len([row for row in after if row not in before])


def raw_write(instance):
    """INSERT (or UPDATE, once saved) ``instance`` with SQL, not the ORM.

    Identifiers are quoted by the backend; every value is a parameter.
    """
    meta = instance._meta
    adding = instance.pk is None
    columns, params = [], []
    for model_field in meta.local_concrete_fields:
        if model_field.primary_key:
            continue
        value = model_field.pre_save(instance, adding)
        columns.append(connection.ops.quote_name(model_field.column))
        params.append(model_field.get_db_prep_save(value, connection))
    table = connection.ops.quote_name(meta.db_table)
    if adding:
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"
    else:
        assignments = ", ".join(f"{column} = %s" for column in columns)
        pk_column = connection.ops.quote_name(meta.pk.column)
        sql = f"UPDATE {table} SET {assignments} WHERE {pk_column} = %s"
        params.append(instance.pk)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture(scope="session")
def r22_results():
    """Collect R22 figures; report them once every case has run.

    Session scope: pytest-django runs transactional tests last, which would
    split a module-scoped fixture (and its report line) in two.
    """
    results = {path: set() for path in PATHS}
    results.update(bad_rows=0, report=None)
    yield results
    if results["report"] is None:
        return
    proven = set.intersection(*(results[path] for path in PATHS))
    results["report"](
        f"R22 constraints: {len(proven)} constraints × "
        f"{{full_clean, ORM, raw SQL}}, {results['bad_rows']} bad rows stored"
    )


@pytest.fixture
def r22(r22_results, reliability_report):
    r22_results["report"] = reliability_report
    return r22_results


def test_every_constraint_and_unique_field_has_a_case():
    covered = {case.constraint for case in CASES}

    assert covered == model_constraints()


@pytest.mark.parametrize("case", CASES, ids=str)
def test_full_clean_refuses_the_violation(case, r22):
    instance = case.arrange()
    instance.full_clean()
    case.violate(instance)

    with pytest.raises(ValidationError) as error:
        instance.full_clean()

    assert error.value.message_dict == case.errors
    r22["full_clean"].add(case.constraint)


@pytest.mark.parametrize("case", [c for c in CASES if c.message], ids=str)
def test_validate_constraints_gives_the_constraint_message(case):
    instance = case.arrange()
    case.violate(instance)

    with pytest.raises(ValidationError) as error:
        instance.validate_constraints()

    assert error.value.message_dict == {"__all__": [case.message]}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_orm_save_without_full_clean_is_refused(case, r22):
    instance = case.arrange()
    case.violate(instance)
    model = type(instance)
    before = stored_rows(model)

    with pytest.raises(IntegrityError) as error, transaction.atomic():
        instance.save()

    after = stored_rows(model)
    r22["bad_rows"] += new_rows(before, after)
    assert after == before
    assert any(token in str(error.value) for token in case.tokens), error.value
    r22["ORM"].add(case.constraint)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_raw_sql_write_is_refused(case, r22):
    instance = case.arrange()
    case.violate(instance)
    model = type(instance)
    before = stored_rows(model)

    with pytest.raises(IntegrityError) as error, transaction.atomic():
        raw_write(instance)

    after = stored_rows(model)
    r22["bad_rows"] += new_rows(before, after)
    assert after == before
    assert any(token in str(error.value) for token in case.tokens), error.value
    r22["raw SQL"].add(case.constraint)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_raw_sql_write_of_the_valid_row_is_accepted(case):
    instance = case.arrange()
    model = type(instance)
    count = model._base_manager.count()

    raw_write(instance)

    expected = count + 1 if instance.pk is None else count
    assert model._base_manager.count() == expected


def test_duplicate_headline_gets_a_clear_slug_error():
    headline = "Milan enquire about Dragusin"
    ArticleFactory(headline=headline, slug=slugify(headline))
    article = ArticleFactory.build(headline=headline, slug=slugify(headline))

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert error.value.message_dict == {
        "slug": ["Article with this Slug already exists."]
    }


def test_headlines_differing_only_in_case_clash_on_the_slug():
    ArticleFactory(
        headline="Milan enquire about Dragusin",
        slug=slugify("Milan enquire about Dragusin"),
    )
    article = ArticleFactory.build(
        headline="MILAN ENQUIRE ABOUT DRAGUSIN",
        slug=slugify("MILAN ENQUIRE ABOUT DRAGUSIN"),
    )

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert error.value.message_dict == {
        "slug": ["Article with this Slug already exists."]
    }


def test_journalist_must_write_for_an_outlet():
    agent = SourceFactory(kind=Source.Kind.AGENT)
    journalist = SourceFactory.build(kind=Source.Kind.JOURNALIST, outlet=agent)

    with pytest.raises(ValidationError) as error:
        journalist.full_clean()

    assert error.value.message_dict == {"outlet": [OUTLET_MESSAGE]}


def test_journalist_writing_for_an_outlet_is_accepted():
    outlet = SourceFactory(kind=Source.Kind.OUTLET)
    journalist = SourceFactory.build(kind=Source.Kind.JOURNALIST, outlet=outlet)

    journalist.full_clean()
    journalist.save()

    assert outlet.journalists.get() == journalist


def test_alias_may_not_be_another_clubs_full_name():
    ClubFactory(name="Tottenham Hotspur")
    alias = ClubAliasFactory.build(club=ClubFactory(), name="tottenham hotspur")

    with pytest.raises(ValidationError) as error:
        alias.full_clean()

    assert error.value.message_dict == {
        "name": ["“tottenham hotspur” is the full name of another club."]
    }


def test_club_full_name_may_not_be_another_clubs_alias():
    ClubAliasFactory(club__name="Tottenham Hotspur", name="Spurs")
    club = ClubFactory.build(name="SPURS", competition=None)

    with pytest.raises(ValidationError) as error:
        club.full_clean()

    assert error.value.message_dict == {
        "name": ["“SPURS” is already an alias of Tottenham Hotspur."]
    }


def test_club_may_keep_its_own_alias_as_full_name():
    club = ClubFactory(name="Juventus FC")
    ClubAliasFactory(club=club, name="Juventus")
    club.name = "Juventus"

    club.full_clean()


def valid_claim(**values):
    claim = new_claim()
    for name, value in values.items():
        setattr(claim, name, value)
    return claim


def test_fee_range_with_upper_bound_equal_to_fee_is_accepted():
    claim = valid_claim(fee_amount=FEE, fee_upper_amount=FEE, fee_currency="EUR")

    claim.full_clean()
    claim.save()

    claim.refresh_from_db()
    assert (claim.fee_amount, claim.fee_upper_amount) == (FEE, FEE)


def test_free_agent_joining_a_club_is_accepted():
    claim = valid_claim(from_club=None)

    claim.full_clean()
    claim.save()

    assert TransferClaim.objects.get(pk=claim.pk).from_club is None


def test_player_wanting_to_leave_with_no_destination_is_accepted():
    claim = valid_claim(claim_type=TransferClaim.Type.WANTS_TO_LEAVE, to_club=None)

    claim.full_clean()
    claim.save()

    assert TransferClaim.objects.get(pk=claim.pk).to_club is None


def test_free_transfer_with_a_zero_fee_is_accepted():
    amount = ClaimAmountFactory.build(
        claim=new_claim_saved(), amount=Decimal("0.00"), currency="GBP"
    )

    amount.full_clean()
    amount.save()

    assert ClaimAmount.objects.filter(pk=amount.pk, amount=0).exists()


def test_add_ons_of_unknown_size_are_accepted():
    amount = ClaimAmountFactory.build(claim=new_claim_saved(), unknown_add_ons=True)

    amount.full_clean()
    amount.save()

    assert ClaimAmount.objects.get(pk=amount.pk).unknown_size


def test_weekly_wages_with_a_second_currency_are_accepted():
    amount = ClaimAmountFactory.build(
        claim=new_claim_saved(),
        weekly_wages=True,
        converted_amount=Decimal("175000.00"),
        converted_currency="EUR",
    )

    amount.full_clean()
    amount.save()

    assert ClaimAmount.objects.get(pk=amount.pk).period == "week"


def test_closed_claim_with_resolution_time_is_accepted():
    claim = valid_claim(
        outcome=TransferClaim.Outcome.DENIED, resolved_at=timezone.now()
    )

    claim.full_clean()
    claim.save()

    assert TransferClaim.objects.get(pk=claim.pk).outcome == "denied"
