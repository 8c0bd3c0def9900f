"""Competitions, clubs, squads, their squad notes, sources and reporters."""

import datetime as dt

from django.contrib.auth import get_user_model

from ...models import (
    Club,
    ClubAlias,
    ClubRole,
    Competition,
    Player,
    Source,
    SquadNote,
)
from ...models.positions import GROUP_OF
from .builder import CLUBS_PER_COMPETITION, REPORTERS
from .vocabulary import (
    BROAD_NEEDS,
    CLUB_PATTERNS,
    COACH_NAMES,
    COVER,
    FIRST_NAMES,
    INJURIES,
    LAST_NAMES,
    LEAGUES,
    NATIONALITIES,
    NICKNAMES,
    OUTLET_WORDS,
    POSITION_MIX,
    SQUAD_TARGETS,
    SUSPENSIONS,
    TOWN_ENDS,
    TOWN_STARTS,
)


class SquadsMixin:
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
            )
            club.coach = (
                f"{self.rng.choice(COACH_NAMES)} {self.rng.choice(LAST_NAMES)}"
                if self.rng.random() < 0.8
                else ""
            )
            club.currency = competition.currency
            club.town = town
            rows.append(club)
        return self.save_all(Club, rows)

    def club_roles(self, clubs):
        """Return the clubs' staff: most have a dated head coach, some a
        predecessor who left, a sporting director or a president."""
        rng, today = self.rng, self.anchor.date()
        rows = []
        for club in clubs:
            started = today - dt.timedelta(days=rng.randrange(30, 900))
            if club.coach:
                rows.append(
                    ClubRole(club=club, role="head_coach", name=club.coach,
                             started_on=started)
                )  # fmt: skip
                if rng.random() < 0.3:
                    rows.append(
                        ClubRole(club=club, role="head_coach",
                                 name=self.person_name(),
                                 started_on=started - dt.timedelta(days=700),
                                 ended_on=started - dt.timedelta(days=1))
                    )  # fmt: skip
            for role, share in (("sporting_director", 0.5), ("president", 0.4)):
                if rng.random() < share:
                    rows.append(ClubRole(club=club, role=role, name=self.person_name()))
        return self.save_all(ClubRole, rows)

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
        roll = rng.random()
        if roll < 0.01:  # No story gave his position (#13).
            position, cover = "", []
        elif roll < 0.05:  # Only "a defender", "a forward": its group.
            position, cover = GROUP_OF[position], []
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
        """Return the clubs' squad notes: a dated target at every position.

        Now and then an earlier target it superseded, and for some clubs a
        need with no number, at a broad position or a specific one.
        """
        rng = self.rng
        rows = []
        for club in clubs:
            for position, wanted in SQUAD_TARGETS.items():
                noted = self.anchor.date() - dt.timedelta(days=rng.randrange(20, 200))
                rows.append(
                    SquadNote(
                        club=club,
                        position=position,
                        count=max(1, wanted + rng.choice([-1, 0, 0, 0, 1])),
                        note="Set at the start of the window."
                        if rng.random() < 0.2
                        else "",
                        noted_on=noted,
                    )
                )
                if rng.random() < 0.15:
                    rows.append(
                        SquadNote(
                            club=club,
                            position=position,
                            count=wanted,
                            noted_on=noted - dt.timedelta(days=rng.randrange(200, 400)),
                        )
                    )
            if rng.random() < 0.3:
                rows.append(
                    SquadNote(
                        club=club,
                        position=rng.choice(BROAD_NEEDS),
                        kind=SquadNote.Kind.NEED,
                        note="The coach wants another option there.",
                        noted_on=self.anchor.date()
                        - dt.timedelta(days=rng.randrange(5, 60)),
                    )
                )
        return self.save_all(SquadNote, rows)

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
