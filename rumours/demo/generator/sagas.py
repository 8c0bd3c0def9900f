"""Transfer sagas: one player, one selling club, one suitor, stages in order."""

import bisect
import datetime as dt
from decimal import Decimal

from ...models import (
    ClaimAmount,
    TransferClaim,
)
from ...models.claim_terms import KIND_TERMS
from .builder import LAPSE_DAYS, WINDOW_DAYS, Saga
from .truth import planted_hit_rate
from .vocabulary import (
    FEE_STAGES,
    PURSUIT,
    PURSUIT_LENGTH_WEIGHTS,
    QUOTES,
    RUMOUR_WEIGHT,
    T,
)

# A generated deal moves one player: no swaps, whose other side it would need.
ONE_PLAYER_DEALS = [
    TransferClaim.DealType.PERMANENT,
    TransferClaim.DealType.LOAN,
    TransferClaim.DealType.LOAN_WITH_OPTION,
    TransferClaim.DealType.LOAN_WITH_OBLIGATION,
]
# A saga's value is what the buyer pays in the end: for a loan with an
# option or obligation, that is its price; for a plain loan, the loan fee.
DEAL_AMOUNT_KINDS = {
    TransferClaim.DealType.LOAN: ClaimAmount.Kind.LOAN_FEE,
    TransferClaim.DealType.LOAN_WITH_OPTION: ClaimAmount.Kind.OPTION_PRICE,
    TransferClaim.DealType.LOAN_WITH_OBLIGATION: ClaimAmount.Kind.OBLIGATION_PRICE,
}


class SagasMixin:
    def sagas(self, total, players, clubs):
        """Return sagas holding ``total`` claims between them."""
        rng = self.rng
        weights = [RUMOUR_WEIGHT.get(p.primary_position, 2) for p in players]
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
        return self.rng.choices(ONE_PLAYER_DEALS, weights=[80, 8, 7, 5])[0]

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
                source = rng.choice(sources) if rng.random() < 0.9 else None
                claim = TransferClaim(
                    player=saga.player,
                    from_club=saga.from_club,
                    # A generated player with no previous club joined as one.
                    free_agent=saga.from_club is None,
                    to_club=saga.to_club,
                    claim_type=stage,
                    deal_type=(
                        saga.deal_type if saga.to_club and stage != T.INTEREST else ""
                    ),
                    source=source,
                    quote=QUOTES[stage].format(**self.parties(saga)),
                    reported_at=reported_at,
                    replaces=replaces,
                    outcome=self.claim_outcome(outcome, stage, source),
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
            # The desk followed up half the sagas that went quiet: each of
            # their claims is settled, true or false (claim_outcome).
            if self.rng.random() < 0.5:
                return Outcome.DENIED, lapse
            return Outcome.LAPSED, lapse
        return Outcome.OPEN, None

    def claim_outcome(self, outcome, stage, source):
        """Return a settled claim's own outcome: true as often as its source is.

        A completed move that happened stays true (the player did move);
        a claim with no source, or of a kind never scored, keeps the saga's.
        """
        Outcome = TransferClaim.Outcome
        settled = outcome in (Outcome.CONFIRMED, Outcome.DENIED)
        if not settled or source is None or not KIND_TERMS[stage].scored:
            return outcome
        if stage == T.COMPLETED and outcome == Outcome.CONFIRMED:
            return outcome
        true = self.rng.random() < planted_hit_rate(source)
        return Outcome.CONFIRMED if true else Outcome.DENIED

    def fee(self, claim, saga):
        """Note the amounts of a stage that reports a fee, as ``claim.fee_rows``.

        Unsaved ``ClaimAmount`` rows: the claim has no id yet.
        """
        claim.fee_rows = []
        loan = saga.deal_type == TransferClaim.DealType.LOAN
        if claim.claim_type not in FEE_STAGES or saga.to_club is None or not saga.value:
            return
        if loan and self.rng.random() < 0.7:
            return
        share = {T.BID: 0.8, T.BID_REJECTED: 0.75}.get(claim.claim_type, 1.0)
        amount = Decimal(int(saga.value * share / 100_000) * 100_000)
        kind = DEAL_AMOUNT_KINDS.get(saga.deal_type, ClaimAmount.Kind.TRANSFER_FEE)
        fee = ClaimAmount(kind=kind, amount=amount, currency=saga.to_club.currency)
        claim.fee_rows.append(fee)
        if self.rng.random() < 0.15:
            fee.upper_amount = amount + Decimal(5_000_000)
        if self.rng.random() < 0.25 and amount >= 1_000_000:
            add_ons = Decimal(int(amount / 10 / 100_000) * 100_000)
            claim.fee_rows.append(
                ClaimAmount(
                    kind=ClaimAmount.Kind.ADD_ONS,
                    amount=add_ons,
                    currency=fee.currency,
                    position=1,
                )
            )

    # -- stories ----------------------------------------------------------------
