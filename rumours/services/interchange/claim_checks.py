"""The rules within and between an article's claims, checked before writing."""

from rumours.models.claim_terms import ANSWER_KINDS, EXCHANGE_DEALS

from .claim_items import check_occurrences
from .reading import INVALID, key_of


class ClaimChecks:
    """``NewsroomReader``'s checks of claims: they add to ``self.problems``."""

    def check_claims(self):
        for entry in self.entries["articles"]:
            first = {}
            for claim in entry.extra["claims"]:
                self.check_claim(claim)
                key = (
                    key_of(claim.refs["player"]),
                    key_of(claim.refs["from_club"]),
                    key_of(claim.refs["to_club"]),
                    claim.values["claim_type"],
                    claim.extra["occurrence"],
                )
                if INVALID in key:
                    continue
                if self.version == 1:
                    key = self.next_occurrence(claim, key, first)
                claim.key = key
                if first.setdefault(key, claim) is not claim:
                    self.problems.add(
                        claim.path,
                        f"repeats {first[key].path} (the same parties, claim type "
                        'and occurrence); merge them, or give one "occurrence": 2',
                    )
            check_occurrences(first, self.problems)

    @staticmethod
    def next_occurrence(claim, key, first):
        """Return ``key`` at the story's next free occurrence of those parties.

        Version 1 had no occurrences, yet its generator could store two bids
        of one club for one player in one story, and its exporter wrote both:
        in such a file a repeat is the next occurrence, in the file's order.
        """
        *parties, occurrence = key
        while (*parties, occurrence) in first:
            occurrence += 1
        claim.extra["occurrence"] = occurrence
        return (*parties, occurrence)

    def check_claim(self, claim):
        player, from_club, to_club, replaces = (
            key_of(claim.refs[name])
            for name in ("player", "from_club", "to_club", "replaces")
        )
        for side, club in (("from", from_club), ("to", to_club)):
            if club is not None and claim.values[f"{side}_described"]:
                self.problems.add(
                    f"{claim.path}.{side}_described",
                    f"given with {side}_club; name the club or describe it, not both",
                )
        if claim.values["free_agent"] is True and (
            from_club is not None or claim.values["from_described"]
        ):
            self.problems.add(
                f"{claim.path}.free_agent",
                "true, but the claim has a selling club; a free agent leaves none",
            )
        if from_club == to_club and from_club not in (None, INVALID):
            self.problems.add(
                f"{claim.path}.to_club",
                "the same club as from_club; a transfer is between two clubs",
            )
        if replaces not in (None, INVALID) and replaces == player:
            self.problems.add(
                f"{claim.path}.replaces",
                "the claim's own player; a player cannot replace himself",
            )
        first = {}
        for index, (role, ref) in enumerate(claim.extra["attributions"]):
            key = (role, key_of(ref))
            if INVALID in key:
                continue
            if first.setdefault(key, index) != index:
                self.problems.add(
                    f"{claim.path}.attributions[{index}]",
                    f"repeats attributions[{first[key]}] (the same source in "
                    "the same role); give each once",
                )

    def check_claim_links(self):
        """Check each claim's answered claim and other side of a swap.

        Both point at a claim by its index in an article's list in this file.
        """
        claims_of = {
            entry.key: entry.extra["claims"] for entry in self.entries["articles"]
        }
        for entry in self.entries["articles"]:
            for index, claim in enumerate(entry.extra["claims"]):
                answers = claim.extra["answers"]
                if answers not in (None, INVALID):
                    self.check_answers(claim, answers, claims_of)
                other = claim.extra["swap_with"]
                if other in (None, INVALID):
                    continue
                path = f"{claim.path}.swap_with"
                if other >= len(entry.extra["claims"]):
                    self.problems.add(
                        path,
                        f"{other} is past the article's last claim "
                        f"({len(entry.extra['claims']) - 1})",
                    )
                elif other == index:
                    self.problems.add(path, "the claim itself; link the other side")
                elif claim.values["deal_type"] not in (*EXCHANGE_DEALS, INVALID):
                    self.problems.add(
                        path,
                        "only a swap or player_plus_cash deal has another side; "
                        "set deal_type or use null",
                    )

    def check_answers(self, claim, answers, claims_of):
        ref, index = answers
        path = f"{claim.path}.answers"
        article = key_of(ref)
        if claim.values["claim_type"] not in (*ANSWER_KINDS, INVALID):
            self.problems.add(
                path,
                "only a denied or not_confirmed claim answers another; use null",
            )
        elif article in (None, INVALID) or index is INVALID:
            return
        elif article not in claims_of:
            self.problems.add(
                f"{path}.article",
                f"{ref.value!r} is not in this file; a claim answers a claim "
                "of an article the file lists",
            )
        elif index >= len(claims_of[article]):
            self.problems.add(
                f"{path}.claim",
                f"{index} is past that article's last claim "
                f"({len(claims_of[article]) - 1})",
            )
        elif claims_of[article][index] is claim:
            self.problems.add(path, "the claim itself; a claim cannot answer itself")
