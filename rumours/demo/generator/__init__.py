"""Generate a large, realistic newsroom for benchmarks and load tests (#6).

``generate_newsroom()`` builds competitions, clubs with aliases, squads with
a true position mix (injured and suspended players included), the coaches'
squad targets, sources across tiers and kinds, reporters, stories (mostly
published; some drafts, in review or scheduled) and claims. Claims come in
sagas: one player, one selling club, one suitor, stages in order over time
(interest, enquiry, bid, ... medical, completed), with outcomes resolved when
the saga ends (completed, denied, blocked or gone quiet).

Fast: rows are built in memory, valid by construction, and written with
``bulk_create`` in batches. Neither ``save()`` nor ``full_clean()`` runs, so
what ``save()`` would do is done here: ``body_html`` comes from
``Article.render_body()``, and a story's clubs and players are those its claims
name (as ``sync_article_subjects`` would fill them), and their search
documents are built once all are written. Hero images stay empty.

Reproducible: one ``random.Random(seed)`` draws everything, in a fixed
order, and every time is an offset from ``anchor`` (midnight UTC today
unless given), so the same seed and anchor give the same rows. Stories and
claims carry the generated ``created_at`` and ``updated_at``, not the time
of the run, so ``updated_since`` filters behave as on a real archive.
"""

import bisect
import datetime as dt
import math
import random
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ...models import (
    Article,
    Club,
    ClubAlias,
    Competition,
    Player,
    Source,
    SquadTarget,
    TransferClaim,
)
from ...models.events import newsroom_bulk_written
from .vocabulary import (
    CLUB_PATTERNS,
    COACH_NAMES,
    COVER,
    FEE_STAGES,
    FIRST_NAMES,
    HEADLINES,
    INJURIES,
    LAST_NAMES,
    LEAGUES,
    NATIONALITIES,
    NICKNAMES,
    OUTLET_WORDS,
    POSITION_MIX,
    PURSUIT,
    PURSUIT_LENGTH_WEIGHTS,
    QUOTES,
    RUMOUR_WEIGHT,
    SQUAD_TARGETS,
    SUSPENSIONS,
    TOWN_ENDS,
    TOWN_STARTS,
    T,
)

MESSAGE_NOT_EMPTY = (
    "The database already holds a newsroom ({counts}). generate_newsroom fills "
    "an empty database; point DATABASE_URL at a fresh one, or pass --force to "
    "add the generated newsroom to this one."
)

BATCH_SIZE = 2000
TARGET_NOTES = ["", "", "", "", "Set at the start of the window."]
WINDOW_DAYS = 730  # two years of transfer windows before the anchor
CLUBS_PER_COMPETITION = 20
LAPSE_DAYS = 45  # a saga with no news for this long has lapsed
REPORTERS = 12


@dataclass
class Saga:
    """One player's move (or non-move) as a list of claims, stages in order."""

    player: Player
    from_club: Club | None
    to_club: Club | None
    stages: list
    start: dt.datetime
    deal_type: str = ""
    value: int = 0  # the player's price in the buyer's currency, whole units
    claims: list = field(default_factory=list)


def newsroom_counts():
    """Return the number of rows of each generated kind already stored."""
    models = (Competition, Club, Player, Source, Article, TransferClaim)
    return {model._meta.verbose_name_plural: model.objects.count() for model in models}


def refuse_stored_newsroom():
    """Raise ``ValueError`` (``MESSAGE_NOT_EMPTY``) if a newsroom is stored."""
    stored = {name: count for name, count in newsroom_counts().items() if count}
    if stored:
        counts = ", ".join(f"{count} {name}" for name, count in stored.items())
        raise ValueError(MESSAGE_NOT_EMPTY.format(counts=counts))


def default_anchor():
    """Return midnight UTC today: the default end of the generated archive."""
    now = timezone.now().astimezone(dt.UTC)
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


@contextmanager
def given_timestamps(*models):
    """Let ``bulk_create`` store the ``created_at``/``updated_at`` we give.

    ``auto_now`` and ``auto_now_add`` overwrite them with the time of the
    run; a generated archive needs its own history. Restored on exit.
    """
    fields = [
        model_field
        for model in models
        for model_field in model._meta.concrete_fields
        if getattr(model_field, "auto_now", False)
        or getattr(model_field, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for model_field in fields:
        model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in saved:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


@transaction.atomic
def generate_newsroom(
    *,
    clubs: int,
    players: int,
    articles: int,
    claims: int,
    seed: int,
    anchor: dt.datetime | None = None,
    force: bool = False,
    progress=None,
) -> dict:
    """Generate and store a newsroom; return the number of rows of each kind.

    Refuses (``ValueError`` with ``MESSAGE_NOT_EMPTY``) when the database
    already holds one, unless ``force``. ``progress(n)`` is called as rows
    are written, ``n`` at a time, for a progress bar.
    """
    if not force:
        refuse_stored_newsroom()
    if min(clubs, players, articles, claims) < 0 or clubs < 2:
        raise ValueError("Give at least 2 clubs and no negative counts.")
    builder = _Builder(
        random.Random(seed), anchor or default_anchor(), progress or (lambda n: None)
    )
    return builder.build(clubs, players, articles, claims)


def planned_rows(*, clubs, players, articles, claims):
    """Return roughly how many rows ``generate_newsroom`` writes (for a bar)."""
    subjects = claims * 2 + articles  # the stories' clubs and players
    return clubs * 12 + players + articles + claims + subjects


class _Builder:
    """Draws the rows in a fixed order from one seeded random generator."""

    def __init__(self, rng, anchor, progress):
        self.rng = rng
        self.anchor = anchor
        self.progress = progress
        self.used_names = {
            name.casefold()
            for name in [
                *Club.objects.values_list("name", flat=True),
                *ClubAlias.objects.values_list("name", flat=True),
            ]
        }
        self.used_slugs = {
            model: set(model.objects.values_list("slug", flat=True))
            for model in (Competition, Club, Player, Source, Article)
        }

    # -- helpers -----------------------------------------------------------

    def slug_for(self, model, text, max_length=120):
        """Return a slug of ``text`` no other ``model`` row has (-2, -3, ...)."""
        base = slugify(text)[: max_length - 8].strip("-") or model._meta.model_name
        slug, number = base, 1
        while slug in self.used_slugs[model]:
            number += 1
            slug = f"{base}-{number}"
        self.used_slugs[model].add(slug)
        return slug

    def save_all(self, model, rows):
        """Insert ``rows`` in batches and return them with their ids."""
        for start in range(0, len(rows), BATCH_SIZE):
            model.objects.bulk_create(rows[start : start + BATCH_SIZE])
            self.progress(len(rows[start : start + BATCH_SIZE]))
        return rows

    def moment(self, start_days, end_days):
        """Return a time between ``start_days`` and ``end_days`` before the anchor."""
        seconds = self.rng.uniform(end_days * 86400, start_days * 86400)
        return self.anchor - dt.timedelta(seconds=int(seconds))

    def person_name(self):
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    # -- the newsroom, in order ---------------------------------------------

    def build(self, clubs, players, articles, claims):
        with given_timestamps(Article, TransferClaim):
            competitions = self.competitions(clubs)
            club_rows = self.clubs(clubs, competitions)
            aliases = self.aliases(club_rows)
            player_rows = self.players(players, club_rows)
            targets = self.squad_targets(club_rows)
            sources = self.sources(club_rows)
            reporters = self.reporters()
            sagas = self.sagas(claims, player_rows, club_rows)
            claim_rows = self.claims(sagas, sources, player_rows)
            article_rows = self.articles(articles, claim_rows, club_rows, reporters)
            subjects = self.subjects(article_rows, claim_rows)
        # bulk_create sends no signal: the stories' search documents (#6).
        newsroom_bulk_written.send(
            sender=type(self), article_ids=[article.pk for article in article_rows]
        )
        return {
            "competitions": len(competitions),
            "clubs": len(club_rows),
            "club aliases": len(aliases),
            "players": len(player_rows),
            "squad targets": len(targets),
            "sources": len(sources),
            "articles": len(article_rows),
            "claims": len(claim_rows),
            "article subjects": subjects,
        }

    def competitions(self, clubs):
        count = max(1, -(-clubs // CLUBS_PER_COMPETITION))
        rows = []
        for index in range(count):
            name, country, currency = LEAGUES[index % len(LEAGUES)]
            if index >= len(LEAGUES):
                name = f"{name} {index // len(LEAGUES) + 1}"
            competition = Competition(
                name=name, slug=self.slug_for(Competition, name), country=country
            )
            competition.currency = currency
            rows.append(competition)
        existing = set(Competition.objects.values_list("name", flat=True))
        new = [row for row in rows if row.name not in existing]
        self.save_all(Competition, new)
        by_name = {c.name: c for c in Competition.objects.filter(name__in=existing)}
        for row in rows:
            row.pk = by_name[row.name].pk if row.name in by_name else row.pk
        return rows

    def club_name(self):
        """Return an unused club name and its town."""
        for _ in range(50):
            town = self.rng.choice(TOWN_STARTS) + self.rng.choice(TOWN_ENDS)
            name = self.rng.choice(CLUB_PATTERNS).format(town=town)
            if name.casefold() not in self.used_names:
                break
        else:
            name = f"{name} {len(self.used_names)}"
        self.used_names.add(name.casefold())
        return name, town

    def clubs(self, count, competitions):
        rows, short_names = [], set()
        for index in range(count):
            competition = competitions[index % len(competitions)]
            name, town = self.club_name()
            short_name = town if town not in short_names else name
            short_names.add(short_name)
            club = Club(
                name=name,
                short_name=short_name,
                slug=self.slug_for(Club, name),
                competition=competition,
                country=competition.country,
                head_coach=(
                    f"{self.rng.choice(COACH_NAMES)} {self.rng.choice(LAST_NAMES)}"
                    if self.rng.random() < 0.8
                    else ""
                ),
            )
            club.currency = competition.currency
            club.town = town
            rows.append(club)
        return self.save_all(Club, rows)

    def aliases(self, clubs):
        rows = []
        for club in clubs:
            nickname = self.rng.choice(NICKNAMES)
            candidates = [nickname, f"{club.town} {nickname}"]
            if self.rng.random() < 0.3:
                candidates.append("".join(word[0] for word in club.name.split()))
            taken = 0
            for alias in candidates:
                if alias.casefold() in self.used_names or len(alias) < 2:
                    continue
                if taken and alias.startswith(club.town):
                    continue  # one nickname is enough
                self.used_names.add(alias.casefold())
                rows.append(ClubAlias(club=club, name=alias))
                taken += 1
        return self.save_all(ClubAlias, rows)

    def players(self, count, clubs):
        """Return ``count`` players: squads in a real position mix, 2% free agents."""
        free_agents = count // 50
        squad, extra = divmod(count - free_agents, len(clubs))
        mix = [code for code, n in POSITION_MIX.items() for _ in range(n)]
        rows = []
        for number, club in enumerate(clubs):
            size = squad + (number < extra)
            for index in range(size):
                position = mix[index * len(mix) // size]
                rows.append(self.player(position, club, clubs))
        for _ in range(free_agents):
            rows.append(self.player(self.rng.choice(mix), None, clubs))
        return self.save_all(Player, rows)

    def player(self, position, club, clubs):
        rng = self.rng
        name = self.person_name()
        cover = COVER[position][: rng.choice([0, 0, 1, 1, 2])]
        fitness, note = Player.Fitness.AVAILABLE, ""
        roll = rng.random()
        if roll < 0.07:
            fitness, note = Player.Fitness.INJURED, rng.choice(INJURIES)
        elif roll < 0.09:
            fitness, note = Player.Fitness.SUSPENDED, rng.choice(SUSPENSIONS)
        previous = rng.choice(clubs) if rng.random() < 0.35 else None
        if previous is not None and previous is club:
            previous = None
        born = dt.date(1988, 1, 1) + dt.timedelta(days=rng.randrange(365 * 20))
        home = club.country if club else rng.choice(NATIONALITIES)
        return Player(
            name=name,
            slug=self.slug_for(Player, name),
            date_of_birth=born,
            nationality=home if rng.random() < 0.6 else rng.choice(NATIONALITIES),
            primary_position=position,
            secondary_positions=cover,
            current_club=club,
            previous_club=previous,
            fitness=fitness,
            fitness_note=note,
        )

    def squad_targets(self, clubs):
        rows = [
            SquadTarget(
                club=club,
                position=position,
                target_count=max(1, wanted + self.rng.choice([-1, 0, 0, 0, 1])),
                note="Set at the start of the window."
                if self.rng.random() < 0.2
                else "",
            )
            for club in clubs
            for position, wanted in SQUAD_TARGETS.items()
        ]
        return self.save_all(SquadTarget, rows)

    def sources(self, clubs):
        rng = self.rng
        count = max(8, len(clubs) // 2)
        outlets = []
        for index in range(max(2, count // 4)):
            first, second = (words.split() for words in OUTLET_WORDS)
            name = f"{rng.choice(first)} {rng.choice(second)}"
            if index >= 60:
                name = f"{name} {rng.choice(NATIONALITIES)}"
            outlets.append(
                Source(
                    name=name,
                    slug=self.slug_for(Source, name),
                    kind=Source.Kind.OUTLET,
                    country=rng.choice(NATIONALITIES),
                    language="English",
                    reliability_tier=rng.choice([1, 2, 2, 3, 3, 4]),
                )
            )
        self.save_all(Source, outlets)
        others = []
        desk = "Transfer Desk reporting"
        others.append(
            Source(
                name=desk,
                slug=self.slug_for(Source, desk),
                kind=Source.Kind.DESK,
                reliability_tier=1,
            )
        )
        for _ in range(count - len(outlets) - 1):
            roll = rng.random()
            if roll < 0.6:
                name = self.person_name()
                kind, outlet = Source.Kind.JOURNALIST, rng.choice(outlets)
                tier = rng.choice([1, 2, 2, 3, 3, 3, 4, 5])
            elif roll < 0.8:
                name, kind, outlet = self.person_name(), Source.Kind.AGENT, None
                tier = rng.choice([3, 4, 4, 5])
            else:
                club = rng.choice(clubs)
                name = f"{club.short_name} sporting director"
                kind, outlet, tier = Source.Kind.CLUB_OFFICIAL, None, rng.choice([1, 2])
            others.append(
                Source(
                    name=name,
                    slug=self.slug_for(Source, name),
                    kind=kind,
                    outlet=outlet,
                    country=outlet.country if outlet else rng.choice(NATIONALITIES),
                    reliability_tier=tier,
                )
            )
        return outlets + self.save_all(Source, others)

    def reporters(self):
        user_model = get_user_model()
        reporters = []
        for number in range(1, REPORTERS + 1):
            first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
            user, created = user_model.objects.get_or_create(
                username=f"reporter{number:02d}",
                defaults={"first_name": first, "last_name": last, "is_staff": True},
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            reporters.append(user)
        return reporters

    # -- claims ---------------------------------------------------------------

    def sagas(self, total, players, clubs):
        """Return sagas holding ``total`` claims between them."""
        rng = self.rng
        weights = [RUMOUR_WEIGHT[p.primary_position] for p in players]
        cumulative, running = [], 0
        for weight in weights:
            running += weight
            cumulative.append(running)
        arrived, told = set(), set()
        sagas, count, attempts = [], 0, 0
        while count < total and attempts < total * 20:
            attempts += 1
            index = bisect.bisect(cumulative, rng.random() * running)
            player = players[min(index, len(players) - 1)]
            moved = player.current_club and player.previous_club
            if moved and player.pk not in arrived:
                arrived.add(player.pk)
                saga = self.arrival(player)
            else:
                saga = self.departure(player, clubs, late=player.pk in arrived)
            # One saga per player and suitor, so its stages run in order.
            key = (player.pk, saga.to_club.pk if saga.to_club else saga.stages[0])
            if key in told:
                continue
            told.add(key)
            self.time_stages(saga)
            if not saga.claims:
                continue
            saga.claims = saga.claims[: total - count]
            count += len(saga.claims)
            sagas.append(saga)
        return sagas

    def arrival(self, player):
        """Return the completed move that brought ``player`` to his club."""
        stages = [T.INTEREST, T.BID, T.FEE_AGREED, T.MEDICAL, T.COMPLETED]
        if self.rng.random() < 0.3:
            stages[2:2] = [T.BID_REJECTED, T.BID, T.NEGOTIATION]
        return Saga(
            player=player,
            from_club=player.previous_club,
            to_club=player.current_club,
            stages=stages[self.rng.choice([0, 0, 1, 2]) :],
            start=self.moment(WINDOW_DAYS, WINDOW_DAYS // 2),
            deal_type=self.deal_type(),
            value=self.value(player),
        )

    def departure(self, player, clubs, *, late):
        """Return a rumoured move away from the player's club (never completed)."""
        rng = self.rng
        club = player.current_club
        start = self.moment(WINDOW_DAYS // 2 if late else WINDOW_DAYS, 1)
        roll = rng.random()
        if club is not None and roll < 0.12:
            stages, suitor = [T.WANTS_TO_LEAVE], None
        elif club is not None and roll < 0.2:
            stages, suitor = [T.CONTRACT_EXTENSION], None
        else:
            suitor = rng.choice(clubs)
            while suitor is club:
                suitor = rng.choice(clubs)
            length = rng.choices(range(1, 8), weights=PURSUIT_LENGTH_WEIGHTS)[0]
            stages = PURSUIT[:length]
            if T.BID in stages and rng.random() < 0.3:
                stages.insert(stages.index(T.BID) + 1, T.BID_REJECTED)
            ending = rng.random()
            if ending < 0.15:
                stages.append(T.DENIED)
            elif ending < 0.22 and club is not None:
                stages.append(T.BLOCKED)
        return Saga(
            player=player,
            from_club=club,
            to_club=suitor,
            stages=stages,
            start=start,
            deal_type=self.deal_type(),
            value=self.value(player),
        )

    def deal_type(self):
        return self.rng.choices(TransferClaim.DealType.values, weights=[80, 8, 7, 5])[0]

    def value(self, player):
        """Return a price in whole currency units: most players are cheap."""
        millions = self.rng.paretovariate(1.6) * 2
        return int(min(millions, 150) * 10) * 100_000

    def time_stages(self, saga):
        """Give each stage a report time, in order, ending before the anchor."""
        moment = saga.start
        latest = self.anchor - dt.timedelta(hours=1)
        for stage in saga.stages:
            if moment > latest:
                break
            saga.claims.append((stage, moment))
            moment += dt.timedelta(seconds=self.rng.randint(43_200, 12 * 86_400))

    def claims(self, sagas, sources, players):
        rng = self.rng
        by_club_position = {}
        for player in players:
            key = (player.current_club_id, player.primary_position)
            by_club_position.setdefault(key, []).append(player)
        rows = []
        for saga in sagas:
            outcome, resolved = self.outcome(saga)
            replaces = None
            if saga.to_club is not None and rng.random() < 0.1:
                key = (saga.to_club.pk, saga.player.primary_position)
                options = [
                    p for p in by_club_position.get(key, []) if p is not saga.player
                ]
                replaces = rng.choice(options) if options else None
            for stage, reported_at in saga.claims:
                claim = TransferClaim(
                    player=saga.player,
                    from_club=saga.from_club,
                    to_club=saga.to_club,
                    claim_type=stage,
                    deal_type=(
                        saga.deal_type if saga.to_club and stage != T.INTEREST else ""
                    ),
                    source=rng.choice(sources) if rng.random() < 0.9 else None,
                    quote=QUOTES[stage].format(**self.parties(saga)),
                    reported_at=reported_at,
                    replaces=replaces,
                    outcome=outcome,
                    resolved_at=resolved,
                    created_at=reported_at,
                    updated_at=max(reported_at, resolved or reported_at),
                )
                self.fee(claim, saga)
                rows.append(claim)
        rows.sort(key=lambda claim: claim.reported_at)
        return rows

    def parties(self, saga):
        return {
            "player": saga.player.name,
            "to": saga.to_club.short_name if saga.to_club else "a new club",
            "from_": saga.from_club.short_name if saga.from_club else "his agent",
        }

    def outcome(self, saga):
        """Return (outcome, resolved_at) shared by every claim of ``saga``."""
        Outcome = TransferClaim.Outcome
        last_stage, last_time = saga.claims[-1]
        if last_stage == T.COMPLETED:
            return Outcome.CONFIRMED, last_time
        if last_stage == T.DENIED:
            return Outcome.DENIED, last_time
        if last_stage == T.BLOCKED:
            return Outcome.LAPSED, last_time
        if last_stage == T.CONTRACT_EXTENSION and self.rng.random() < 0.5:
            return Outcome.CONFIRMED, last_time
        lapse = last_time + dt.timedelta(days=LAPSE_DAYS)
        if lapse <= self.anchor:
            return Outcome.LAPSED, lapse
        return Outcome.OPEN, None

    def fee(self, claim, saga):
        """Set the fee fields of a stage that reports one, consistently."""
        loan = saga.deal_type == TransferClaim.DealType.LOAN
        if claim.claim_type not in FEE_STAGES or saga.to_club is None or not saga.value:
            return
        if loan and self.rng.random() < 0.7:
            return
        share = {T.BID: 0.8, T.BID_REJECTED: 0.75}.get(claim.claim_type, 1.0)
        amount = Decimal(int(saga.value * share / 100_000) * 100_000)
        claim.fee_amount = amount
        claim.fee_currency = saga.to_club.currency
        if self.rng.random() < 0.15:
            claim.fee_upper_amount = amount + Decimal(5_000_000)
        if self.rng.random() < 0.25 and amount >= 1_000_000:
            claim.fee_add_ons = Decimal(int(amount / 10 / 100_000) * 100_000)

    # -- stories ----------------------------------------------------------------

    def story_sizes(self, articles, claims):
        """Return how many claims each story reports: ``claims`` in all.

        Between one and about twice the mean (1 to 9 for the default run): a
        story reports a handful of moves, never a hundred.
        """
        rng = self.rng
        if not articles:
            return []
        if claims < articles:
            sizes = [1] * claims + [0] * (articles - claims)
            rng.shuffle(sizes)
            return sizes
        most = max(1, math.ceil(2 * claims / articles) - 1)
        sizes = [rng.randint(1, most) for _ in range(articles)]
        surplus = sum(sizes) - claims
        while surplus:
            index = rng.randrange(articles)
            step = 1 if surplus > 0 else -1
            if 1 <= sizes[index] - step <= most:
                sizes[index] -= step
                surplus -= step
        return sizes

    def articles(self, count, claims, clubs, reporters):
        rng = self.rng
        rows, position = [], 0
        statuses = Article.Status
        for size in self.story_sizes(count, len(claims)):
            chunk = claims[position : position + size]
            position += size
            roll = rng.random()
            status = statuses.PUBLISHED
            if roll < 0.03:
                status = statuses.DRAFT
            elif roll < 0.05:
                status = statuses.REVIEW
            latest = chunk[-1].reported_at if chunk else self.moment(WINDOW_DAYS, 1)
            published_at = min(
                latest + dt.timedelta(minutes=rng.randint(5, 240)),
                self.anchor - dt.timedelta(minutes=1),
            )
            if status == statuses.PUBLISHED and roll < 0.08:
                published_at = self.anchor + dt.timedelta(hours=rng.randint(30, 336))
            created_at = published_at - dt.timedelta(hours=rng.uniform(0.5, 6))
            updated_at = published_at
            if rng.random() < 0.1:
                updated_at = published_at + dt.timedelta(hours=rng.uniform(0.1, 48))
            if status != statuses.PUBLISHED:
                published_at, updated_at = None, created_at
            # Nothing is written after the anchor, "now": a story scheduled
            # for next week was filed and last saved before it.
            created_at = min(created_at, self.anchor - dt.timedelta(hours=1))
            updated_at = max(created_at, min(updated_at, self.anchor))
            headline, standfirst, body = self.story_text(chunk, clubs)
            article = Article(
                headline=headline,
                slug=self.slug_for(Article, headline, max_length=200),
                standfirst=standfirst,
                body=body,
                author=rng.choice(reporters) if rng.random() < 0.9 else None,
                status=status,
                published_at=published_at,
                created_at=created_at,
                updated_at=updated_at,
            )
            article.render_body()  # bulk_create skips save()
            article.chunk = chunk
            rows.append(article)
        self.save_all(Article, rows)
        for article in rows:
            for claim in article.chunk:
                claim.article = article
                if article.published_at and article.published_at <= self.anchor:
                    claim.updated_at = max(claim.updated_at, article.published_at)
        self.save_all(TransferClaim, claims)
        return rows

    def story_text(self, chunk, clubs):
        """Return (headline, standfirst, Markdown body) reporting ``chunk``."""
        if not chunk:
            club = self.rng.choice(clubs)
            headline = f"{club.short_name}: what the window needs to bring"
            body = (
                f"{club.name} go into the window with gaps to fill.\n\n"
                "## Where the squad is short\n\nThe coach wants more depth."
            )
            return headline, f"Our look at {club.name}'s squad.", body
        lead = max(chunk, key=lambda claim: claim.claim_type_rank)
        words = self.claim_words(lead)
        headline = HEADLINES[lead.claim_type].format(**words)
        if len(chunk) > 1:
            headline = f"{headline}, and {len(chunk) - 1} more transfer stories"
        paragraphs = []
        for claim in chunk:
            sentence = claim.sentence.format(**self.claim_words(claim, link=True))
            attribution = f" — *{claim.source.name}*" if claim.source else ""
            fee = f"The reported fee: {claim.fee_display}." if claim.fee_amount else ""
            paragraphs.append(f"{sentence}.\n\n> {claim.quote}{attribution}\n\n{fee}")
        standfirst = claim_standfirst(lead, words)
        return headline, standfirst, "\n\n".join(paragraphs).strip()

    def claim_words(self, claim, link=False):
        def name(club, fallback):
            if club is None:
                return fallback
            if link:
                return f"[{club.short_name}]({club.get_absolute_url()})"
            return club.short_name

        return {
            "player": claim.player.name,
            "to": name(claim.to_club, "a new club"),
            "from": name(claim.from_club, "his club"),
            "from_": name(claim.from_club, "his club"),
        }

    def subjects(self, articles, claims):
        """Link each story to the clubs and players its claims name."""
        club_links, player_links = {}, {}
        for claim in claims:
            named = claim.subject_ids()
            # dicts, not sets: links in the order the claims name them.
            clubs = club_links.setdefault(claim.article_id, {})
            players = player_links.setdefault(claim.article_id, {})
            clubs.update(dict.fromkeys(named["clubs"]))
            players.update(dict.fromkeys(named["players"]))
        ClubLink, PlayerLink = Article.clubs.through, Article.players.through
        club_rows = [
            ClubLink(article_id=article_id, club_id=club_id)
            for article_id, ids in club_links.items()
            for club_id in ids
        ]
        player_rows = [
            PlayerLink(article_id=article_id, player_id=player_id)
            for article_id, ids in player_links.items()
            for player_id in ids
        ]
        self.save_all(ClubLink, club_rows)
        self.save_all(PlayerLink, player_rows)
        return len(club_rows) + len(player_rows)


def claim_standfirst(claim, words):
    """Return the one-sentence summary of a story led by ``claim``."""
    sentence = claim.sentence.format(**words)
    return f"{sentence[0].upper()}{sentence[1:]}, according to our sources."
