"""Writing each kind of item of a checked newsroom document.

``NewsroomWriter`` (``importing``) applies these steps in order: each writes
one kind of item in batches, or the links between them.
"""

from collections import defaultdict
from functools import partial

from django.contrib.auth import get_user_model
from django.utils import timezone

from rumours.models import (
    Article,
    Attribution,
    ClaimAmount,
    ClubAlias,
    SquadNote,
    TransferClaim,
)
from rumours.models.amounts import AMOUNT_FIELDS
from rumours.models.claims import SUBJECT_FIELDS

from .batches import Row
from .fields import FIELD_PATHS
from .reading import key_of


class ItemWriters:
    """The write steps of ``NewsroomWriter``, one per kind of item."""

    def write_competitions(self):
        self.upsert("competitions", self.entries["competitions"])

    def write_clubs(self):
        self.upsert("clubs", self.entries["clubs"], apply=self.picture_setter("crest"))

    def write_aliases(self):
        """Make each club's aliases exactly the file's, keeping rows that stay.

        Every alias that goes is deleted before any is added, so an alias can
        move from one club of the file to another.
        """
        entries = self.entries["clubs"]
        club_ids = {entry.key: self.pks["clubs"][entry.key] for entry in entries}
        stored = defaultdict(dict)
        for alias in ClubAlias.objects.filter(club_id__in=club_ids.values()):
            stored[alias.club_id][alias.name.casefold()] = alias
        wanted = {
            entry.key: {
                name.casefold(): (path, name) for path, name in entry.extra["aliases"]
            }
            for entry in entries
        }
        gone = [
            alias.pk
            for key, club_id in club_ids.items()
            for folded, alias in stored[club_id].items()
            if folded not in wanted[key]
        ]
        ClubAlias.objects.filter(pk__in=gone).delete()
        changed = set()
        pending = []
        for key, club_id in club_ids.items():
            if any(folded not in wanted[key] for folded in stored[club_id]):
                changed.add(key)
            for folded, (path, name) in wanted[key].items():
                alias = stored[club_id].get(folded)
                if alias is not None and alias.name == name:
                    continue
                if alias is None:
                    alias = ClubAlias(club_id=club_id)
                alias.name = name
                saved = partial(lambda key, _alias: changed.add(key), key)
                pending.append(Row(alias, path, FIELD_PATHS["aliases"], saved))
        self.batches.write(pending)
        for key in changed:
            self.mark_updated("clubs", key)

    def write_sources(self):
        # Outlets before the journalists who write for them, who need their ids.
        entries = self.entries["sources"]
        self.upsert("sources", [e for e in entries if e.refs["outlet"] is None])
        self.upsert("sources", [e for e in entries if e.refs["outlet"] is not None])

    def write_players(self):
        self.upsert(
            "players", self.entries["players"], apply=self.picture_setter("picture")
        )

    def picture_setter(self, field):
        """Return an ``apply`` that gives a row the file's picture, if it has none.

        A stored picture stays: the import never replaces or removes one.
        """

        def apply(instance, entry):
            if entry.extra["picture"] is not None and not getattr(instance, field):
                setattr(instance, field, entry.extra["picture"])
                self.new_images.append(getattr(instance, field))

        return apply

    def write_authors(self):
        """Get or create each author by username: new ones cannot log in."""
        user_model = get_user_model()
        wanted = {}
        for entry in self.entries["articles"]:
            author = entry.extra["author"]
            if author is not None:
                wanted.setdefault(author["username"], author)
        stored = dict(
            user_model.objects.filter(username__in=wanted).values_list("username", "pk")
        )
        self.pks["authors"] = stored
        pending = []
        for username, author in wanted.items():
            if username in stored:
                self.counts["authors"]["unchanged"] += 1
                continue
            user = user_model(
                username=username,
                first_name=author["first_name"],
                last_name=author["last_name"],
            )
            user.set_unusable_password()
            saved = partial(self.note, "authors", username, "created")
            pending.append(Row(user, author["path"], FIELD_PATHS["authors"], saved))
        self.batches.write(pending)

    def write_articles(self):
        def apply(article, entry):
            author = entry.extra["author"]
            article.author_id = author and self.pks["authors"][author["username"]]
            # A stored picture stays: the import never replaces or removes one.
            if entry.extra["image"] is not None and not article.hero_image:
                article.hero_image = entry.extra["image"]
                self.new_images.append(article.hero_image)

        self.upsert("articles", self.entries["articles"], apply=apply)

    def write_claims(self):
        """Make each article's claims exactly the file's, updating matches in place.

        A claim matches a stored one of the same article with the same player,
        from club, to club and claim type, so its id survives a re-import; the
        file's ``occurrence`` n of those matches the n-th stored in report
        order (as the export numbers them).
        """
        articles = self.entries["articles"]
        article_ids = {entry.key: self.pks["articles"][entry.key] for entry in articles}
        stored = defaultdict(lambda: defaultdict(list))
        claims = TransferClaim.objects.filter(article_id__in=article_ids.values())
        for claim in claims.order_by("reported_at", "pk"):
            key = (
                claim.player_id,
                claim.from_club_id,
                claim.to_club_id,
                claim.claim_type,
            )
            stored[claim.article_id][key].append(claim)
        pending, written, kept, placed = [], [], set(), {}
        for entry in articles:
            article_id = article_ids[entry.key]
            for index, claim_entry in enumerate(entry.extra["claims"]):
                player, from_club, to_club, claim_type, occurrence = claim_entry.key
                key = (
                    self.pks["players"][player],
                    from_club and self.pks["clubs"][from_club],
                    to_club and self.pks["clubs"][to_club],
                    claim_type,
                )
                matches = stored[article_id][key]
                if occurrence <= len(matches):
                    instance = matches[occurrence - 1]
                    kept.add(instance.pk)
                else:
                    instance = TransferClaim()
                instance.article_id = article_id
                self.store("claims", instance, claim_entry, pending)
                written.append((instance, claim_entry))
                placed[entry.key, index] = (instance, claim_entry)
        self.batches.write(pending)
        self.write_attributions(written)
        write_amounts(written)
        self.write_claim_links(placed)
        gone = [
            claim.pk
            for by_key in stored.values()
            for matches in by_key.values()
            for claim in matches
            if claim.pk not in kept
        ]
        TransferClaim.objects.filter(pk__in=gone).delete()
        self.counts["claims"]["deleted"] = len(gone)

    def write_claim_links(self, placed):
        """Point denials at the claims they answer and swaps at their other side.

        ``placed`` maps (article key, index in its claims) to the written claim.
        Only claims whose links change are saved, in one query.
        """
        changed = []
        for (article, _), (instance, entry) in placed.items():
            answers, other = entry.extra["answers"], entry.extra["swap_with"]
            wanted = {
                "answers_id": answers and placed[key_of(answers[0]), answers[1]][0].pk,
                "swap_with_id": None if other is None else placed[article, other][0].pk,
            }
            if any(getattr(instance, name) != pk for name, pk in wanted.items()):
                for name, pk in wanted.items():
                    setattr(instance, name, pk)
                instance.updated_at = timezone.now()
                changed.append(instance)
        TransferClaim.objects.bulk_update(
            changed, ["answers", "swap_with", "updated_at"]
        )

    def write_attributions(self, written):
        """Make each claim's relays and speakers the file's, in the file's order.

        A claim whose chain changed has its rows replaced and its update time
        moved on, so a partner's sync sees it; three queries at most.
        """
        wanted = {
            claim.pk: [
                (self.pks["sources"][key_of(ref)], role)
                for role, ref in entry.extra["attributions"]
            ]
            for claim, entry in written
        }
        stored = defaultdict(list)
        rows = Attribution.objects.filter(claim_id__in=wanted).order_by(
            "position", "pk"
        )
        for claim_id, source_id, role in rows.values_list(
            "claim_id", "source_id", "role"
        ):
            stored[claim_id].append((source_id, role))
        changed = [pk for pk, chain in wanted.items() if stored[pk] != chain]
        if not changed:
            return
        Attribution.objects.filter(claim_id__in=changed).delete()
        Attribution.objects.bulk_create(
            Attribution(claim_id=pk, source_id=source_id, role=role, position=index)
            for pk in changed
            for index, (source_id, role) in enumerate(wanted[pk])
        )
        TransferClaim.objects.filter(pk__in=changed).update(updated_at=timezone.now())

    def write_subjects(self):
        """Set each article's clubs and players: its claims' and the file's others.

        What ``article.clubs.set()`` and ``sync_article_subjects()`` would
        leave, written in bulk: two queries a relation, plus a delete if any
        link goes and an insert a few thousand links.
        """
        wanted = {"clubs": set(), "players": set()}  # {(article id, club id)}
        for entry in self.entries["articles"]:
            article_id = self.pks["articles"][entry.key]
            for name, claim_refs in SUBJECT_FIELDS.items():
                keys = [key_of(ref) for ref in entry.extra[name]]
                for claim in entry.extra["claims"]:
                    keys += [key_of(claim.refs[ref]) for ref in claim_refs]
                wanted[name].update(
                    (article_id, self.pks[name][key]) for key in keys if key is not None
                )
        stored_ids = [
            self.pks["articles"][entry.key]
            for entry in self.entries["articles"]
            if self.status["articles"].get(entry.key) != "created"
        ]
        for name, pairs in wanted.items():
            set_links(Article._meta.get_field(name), stored_ids, pairs)

    def write_squad_targets(self):
        entries = self.entries["squad_targets"]
        club_ids = {self.pks["clubs"][entry.key[0]] for entry in entries}
        stored = {
            (note.club_id, note.position, note.kind, note.noted_on): note
            for note in SquadNote.objects.filter(club_id__in=club_ids)
        }
        pending = []
        for entry in entries:
            club, *rest = entry.key
            instance = stored.get((self.pks["clubs"][club], *rest)) or SquadNote()
            self.store("squad_targets", instance, entry, pending)
        self.batches.write(pending)


def set_links(field, stored_ids, pairs):
    """Make the links of many-to-many ``field`` from the file's articles ``pairs``.

    ``pairs`` holds (article id, other id); ``stored_ids`` are the articles
    that may already have links (those the import did not create).
    """
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name()).attname
    target = through._meta.get_field(field.m2m_reverse_field_name()).attname
    stored = {}
    if stored_ids:
        rows = through.objects.filter(**{f"{source}__in": stored_ids})
        for pk, *pair in rows.values_list("pk", source, target):
            stored[tuple(pair)] = pk
    gone = [pk for pair, pk in stored.items() if pair not in pairs]
    if gone:
        through.objects.filter(pk__in=gone).delete()
    through.objects.bulk_create(
        through(**{source: article_id, target: other_id})
        for article_id, other_id in sorted(pairs - stored.keys())
    )


def write_amounts(written):
    """Make each claim's amounts the file's, in the file's order.

    As with attributions: a claim whose amounts changed has its rows replaced
    and its update time moved on; three queries at most.
    """
    fields = AMOUNT_FIELDS
    wanted = {
        claim.pk: [
            tuple(row[name] for name in fields) for row in entry.extra["amounts"]
        ]
        for claim, entry in written
    }
    stored = defaultdict(list)
    rows = ClaimAmount.objects.filter(claim_id__in=wanted).order_by("position", "pk")
    for claim_id, *values in rows.values_list("claim_id", *fields):
        stored[claim_id].append(tuple(values))
    changed = [pk for pk, amounts in wanted.items() if stored[pk] != amounts]
    if not changed:
        return
    ClaimAmount.objects.filter(claim_id__in=changed).delete()
    ClaimAmount.objects.bulk_create(
        ClaimAmount(
            claim_id=pk, position=index, **dict(zip(fields, values, strict=True))
        )
        for pk in changed
        for index, values in enumerate(wanted[pk])
    )
    TransferClaim.objects.filter(pk__in=changed).update(updated_at=timezone.now())
