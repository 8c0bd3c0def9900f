"""factory_boy factories for the newsroom; traits name the states."""

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from rumours.models import (
    Article,
    Attribution,
    ClaimAmount,
    Club,
    ClubAlias,
    ClubRole,
    Competition,
    Correction,
    Player,
    Position,
    Source,
    SquadNote,
    TransferClaim,
)

USER_PASSWORD = "correct-horse-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password(USER_PASSWORD)

    class Params:
        staff = factory.Trait(is_staff=True)
        superuser = factory.Trait(is_staff=True, is_superuser=True)

    @factory.post_generation
    def roles(user, create, extracted, **kwargs):
        """Put the user in the named groups: ``UserFactory(roles=["Editor"])``."""
        if create and extracted:
            user.groups.set(Group.objects.filter(name__in=extracted))


class CompetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competition

    name = factory.Sequence(lambda n: f"League {n}")
    slug = factory.Sequence(lambda n: f"league-{n}")
    country = "England"


class ClubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Club

    name = factory.Sequence(lambda n: f"Club {n} FC")
    short_name = factory.Sequence(lambda n: f"Club {n}")
    slug = factory.Sequence(lambda n: f"club-{n}")
    competition = factory.SubFactory(CompetitionFactory)
    country = "England"


class ClubAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClubAlias

    club = factory.SubFactory(ClubFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class PlayerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Player

    name = factory.Sequence(lambda n: f"Player {n}")
    slug = factory.Sequence(lambda n: f"player-{n}")
    date_of_birth = dt.date(2000, 1, 1)
    nationality = "England"
    primary_position = Position.CB
    secondary_positions = factory.LazyFunction(list)
    current_club = factory.SubFactory(ClubFactory)

    class Params:
        injured = factory.Trait(
            fitness=Player.Fitness.INJURED, fitness_note="Hamstring, out a month"
        )


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    kind = Source.Kind.JOURNALIST
    country = "Italy"
    language = "Italian"
    reliability_tier = 2


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published story by default; traits for every other state."""

    class Meta:
        model = Article

    headline = factory.Sequence(lambda n: f"Transfer story number {n}")
    slug = factory.Sequence(lambda n: f"transfer-story-{n}")
    standfirst = "A club moves for a player."
    body = "The club have **enquired** about the player."
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)
        review = factory.Trait(status=Article.Status.REVIEW, published_at=None)
        scheduled = factory.Trait(
            status=Article.Status.PUBLISHED,
            published_at=factory.LazyFunction(
                lambda: timezone.now() + dt.timedelta(days=1)
            ),
        )


class TransferClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransferClaim
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    player = factory.SubFactory(PlayerFactory)
    from_club = factory.SelfAttribute("player.current_club")
    to_club = factory.SubFactory(ClubFactory)
    claim_type = TransferClaim.Type.ENQUIRY
    source = factory.SubFactory(SourceFactory)
    quote = "They have submitted an enquiry for the defender."
    reported_at = factory.LazyFunction(timezone.now)

    class Params:
        with_fee = factory.Trait(
            fee=factory.RelatedFactory(
                "tests.factories.ClaimAmountFactory", factory_related_name="claim"
            )
        )
        confirmed = factory.Trait(
            outcome=TransferClaim.Outcome.CONFIRMED,
            resolved_at=factory.LazyFunction(timezone.now),
        )


class ClaimAmountFactory(factory.django.DjangoModelFactory):
    """A €25m transfer fee, as reported."""

    class Meta:
        model = ClaimAmount

    claim = factory.SubFactory(TransferClaimFactory)
    kind = ClaimAmount.Kind.TRANSFER_FEE
    amount = Decimal("25000000.00")
    currency = TransferClaim.Currency.EUR

    class Params:
        unknown_add_ons = factory.Trait(
            kind=ClaimAmount.Kind.ADD_ONS, amount=None, currency="", position=1
        )
        weekly_wages = factory.Trait(
            kind=ClaimAmount.Kind.WAGES,
            amount=Decimal("150000.00"),
            currency=TransferClaim.Currency.GBP,
            period=ClaimAmount.Period.WEEK,
        )


def loan_with_option():
    """Return a claim quoting a €2m loan fee and a €25m option, in that order."""
    claim = TransferClaimFactory(deal_type=TransferClaim.DealType.LOAN_WITH_OPTION)
    ClaimAmountFactory(claim=claim, kind="loan_fee", amount=Decimal("2000000"))
    ClaimAmountFactory(
        claim=claim, kind="option_price", amount=Decimal("25000000"), position=1
    )
    return claim


class AttributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attribution

    claim = factory.SubFactory(TransferClaimFactory)
    source = factory.SubFactory(SourceFactory)
    role = Attribution.Role.RELAY


class ClubRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClubRole

    club = factory.SubFactory(ClubFactory)
    role = ClubRole.Kind.HEAD_COACH
    # Unique: a club holds one role per name and start date.
    name = factory.Sequence(lambda n: f"Coach Number {n}")
    started_on = dt.date(2025, 7, 1)


class SquadNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SquadNote

    club = factory.SubFactory(ClubFactory)
    position = Position.CB
    kind = SquadNote.Kind.TARGET
    count = 4
    noted_on = factory.Sequence(lambda n: dt.date(2026, 1, 1) + dt.timedelta(days=n))
    note = "The coach wants four specialist centre-backs."


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    article = factory.SubFactory(ArticleFactory)
    note = "An earlier version of this story named the wrong club."
