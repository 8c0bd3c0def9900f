"""Read each kind of item of a newsroom document into an ``Entry``.

Every field an item leaves out takes its default, on update as on create:
an item in the file is the whole truth about it. References stay ``Ref``s
here; ``plan`` resolves them once every item is read.
"""

from pathlib import Path, PurePosixPath

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.utils.text import slugify

from rumours.models import (
    Article,
    Club,
    ClubAlias,
    Competition,
    Player,
    Position,
    Source,
    SquadNote,
)
from rumours.models.positions import POSITION_ORDER

from .claim_items import ClaimReader
from .club_roles import read_roles
from .entries import Entry
from .errors import describe
from .fields import (
    AUTHOR_FIELDS,
    CLAIM_READ_FIELDS,
    CREST_FIELDS,
    HERO_IMAGE_FIELDS,
    ORIGINAL_FIELDS,
    PLAYER_PICTURE_FIELDS,
)
from .reading import INVALID, MISSING, Fields, Ref, check_value

NOT_AGGREGATED = {"original_url": "", "original_published_at": None}


class ItemReader:
    """Read items one at a time, noting every problem in ``problems``."""

    def __init__(self, problems, *, base_dir, pictured):
        self.problems = problems
        self.base_dir = None if base_dir is None else Path(base_dir)
        self.pictured = pictured  # kind → slugs of stored rows that have a picture
        self.claims = ClaimReader(problems)

    def slug(self, fields, text, model):
        """Return the item's slug: as written, or made from its name."""
        if fields.has("slug"):
            return fields.text("slug", model=model, required=True)
        if text is INVALID:
            return INVALID
        made = slugify(text)
        if not made:
            return fields.fail("slug", f"cannot be made from {text!r}; give one")
        return fields.check("slug", made, model, "slug")

    def read_competition(self, fields):
        name = fields.text("name", model=Competition, required=True)
        slug = self.slug(fields, name, Competition)
        values = {
            "name": name,
            "slug": slug,
            "country": fields.text("country", model=Competition),
        }
        return Entry(fields.path, slug, values)

    def read_club(self, fields):
        name = fields.text("name", model=Club, required=True)
        if fields.has("short_name"):
            short_name = fields.text("short_name", model=Club)
        else:
            short_name = fields.check("short_name", name, Club, "short_name")
        slug = self.slug(fields, name, Club)
        values = {
            "name": name,
            "short_name": short_name,
            "slug": slug,
            "country": fields.text("country", model=Club),
        }
        refs = {"competition": fields.ref("competition", "competitions")}
        _, crest = self.read_picture(fields, "crest", CREST_FIELDS, "clubs", slug)
        extra = {
            "aliases": self.read_aliases(fields),
            "roles": read_roles(fields, self.problems),
            "picture": crest,
        }
        return Entry(fields.path, slug, values, refs, extra)

    def read_aliases(self, fields):
        """Return ``[(path, alias)]``; aliases ignore case, so none may repeat."""
        items = fields.items("aliases")
        if items is INVALID:
            return []
        aliases, seen = [], {}
        for index, (path, value) in enumerate(items):
            if not isinstance(value, str):
                self.problems.add(path, f"expected text, not {describe(value)}")
                continue
            folded = value.casefold()
            if folded in seen:
                self.problems.add(
                    path,
                    f"{value!r} repeats aliases[{seen[folded]}]; aliases ignore case",
                )
                continue
            seen[folded] = index
            value = check_value(
                self.problems, path, value, ClubAlias, "name", noun="alias"
            )
            if value is not INVALID:
                aliases.append((path, value))
        return aliases

    def read_player(self, fields):
        name = fields.text("name", model=Player, required=True)
        slug = self.slug(fields, name, Player)
        # Optional since #13: absent or null means no position was given.
        primary = fields.choice("primary_position", Position.values, nullable=True)
        values = {
            "name": name,
            "slug": slug,
            "date_of_birth": fields.date("date_of_birth"),
            "nationality": fields.text("nationality", model=Player),
            "primary_position": primary or "",
            "secondary_positions": self.read_positions(fields, primary),
            "fitness": fields.choice(
                "fitness", Player.Fitness.values, default=Player.Fitness.AVAILABLE
            ),
            "fitness_note": fields.text("fitness_note", model=Player),
        }
        picture, file = self.read_picture(
            fields, "picture", PLAYER_PICTURE_FIELDS, "players", slug
        )
        values["picture_credit"] = (
            picture.text("credit", model=Player, field="picture_credit")
            if picture is not None
            else ""
        )
        refs = {
            "current_club": fields.ref("current_club", "clubs"),
            "previous_club": fields.ref("previous_club", "clubs"),
            "agent": fields.ref("agent", "sources"),
        }
        return Entry(fields.path, slug, values, refs, {"picture": file})

    def read_positions(self, fields, primary):
        """Return the secondary positions in team-sheet order, as they are stored."""
        items = fields.items("secondary_positions")
        if items is INVALID:
            return INVALID
        positions = [value for _, value in items]
        unknown = [
            (path, value)
            for path, value in items
            if not isinstance(value, str) or value not in POSITION_ORDER
        ]
        for path, value in unknown:
            self.problems.add(
                path, f"{describe(value)} is not one of {', '.join(Position.values)}"
            )
        if unknown:
            return INVALID
        if primary and primary in positions:
            return fields.fail(
                "secondary_positions",
                f"{primary} is already the primary position; list only the others",
            )
        return sorted(set(positions), key=POSITION_ORDER.get)

    def read_source(self, fields):
        name = fields.text("name", model=Source, required=True)
        slug = self.slug(fields, name, Source)
        values = {
            "name": name,
            "slug": slug,
            "kind": fields.choice("kind", Source.Kind.values, required=True),
            "country": fields.text("country", model=Source),
            "language": fields.text("language", model=Source),
            "reliability_tier": fields.integer(
                "reliability_tier", minimum=1, maximum=5, nullable=True
            ),
        }
        refs = {"outlet": fields.ref("outlet", "sources")}
        return Entry(fields.path, slug, values, refs)

    def read_article(self, fields):
        headline = fields.text("headline", model=Article, required=True)
        slug = self.slug(fields, headline, Article)
        status = fields.choice(
            "status", Article.Status.values, default=Article.Status.DRAFT
        )
        published_at = fields.time("published_at")
        if status == Article.Status.PUBLISHED and published_at is None:
            fields.fail(
                "published_at",
                "needed for a published article; give its publication time "
                "(a future time schedules it)",
            )
        values = {
            "headline": headline,
            "slug": slug,
            "standfirst": fields.text("standfirst", model=Article),
            "body": fields.text("body", model=Article, required=True),
            "status": status,
            "published_at": published_at,
        }
        # The time readers see as "Updated": kept as the file gives it, so an
        # archive is not stamped with the import day (#13). A file without
        # the key leaves a stored story's time alone; a new story has none.
        if fields.has("updated_at"):
            values["revised_at"] = fields.time("updated_at")
        hero_values, image = self.read_hero_image(fields, slug)
        values.update(hero_values)
        original_values, refs = self.read_original(fields)
        values.update(original_values)
        claims = []
        items = fields.items("claims")
        for path, value in [] if items is INVALID else items:
            claim_fields = Fields(
                value, path, CLAIM_READ_FIELDS, self.problems, noun="claim"
            )
            if claim_fields.ok:
                claims.append(self.claims.read_claim(claim_fields))
        extra = {
            "author": self.read_author(fields),
            "image": image,
            "clubs": self.read_refs(fields, "clubs", "clubs"),
            "players": self.read_refs(fields, "players", "players"),
            "claims": claims,
        }
        return Entry(fields.path, slug, values, refs, extra)

    def read_original(self, fields):
        """Return the provenance fields and the original source's reference."""
        original = fields.nested("original", ORIGINAL_FIELDS, noun="original")
        if original is None:
            return dict(NOT_AGGREGATED), {"original_source": None}
        if original is INVALID or not original.ok:
            return dict.fromkeys(NOT_AGGREGATED, INVALID), {"original_source": None}
        values = {
            "original_url": original.text("url", model=Article, field="original_url"),
            "original_published_at": original.time("published_at"),
        }
        source = original.ref("source", "sources", required=True)
        return values, {"original_source": source}

    def read_refs(self, fields, name, kind):
        items = fields.items(name)
        return [] if items is INVALID else [Ref(kind, v, path) for path, v in items]

    def read_author(self, fields):
        """Return the author's username and names, or None for no author."""
        author = fields.nested("author", AUTHOR_FIELDS, noun="author")
        if author is None or author is INVALID or not author.ok:
            return None
        user_model = get_user_model()
        username = author.text(
            "username", model=user_model, field=user_model.USERNAME_FIELD, required=True
        )
        name = author.text("name")
        if INVALID in (username, name):
            return None
        first_name, _, last_name = name.partition(" ")
        return {
            "path": author.path,
            "username": username,
            "first_name": author.check("name", first_name, user_model, "first_name"),
            "last_name": author.check("name", last_name, user_model, "last_name"),
        }

    def read_hero_image(self, fields, slug):
        """Return the hero image's texts, and the image file to store or None."""
        texts = {"hero_credit": "", "hero_caption": "", "hero_alt": ""}
        hero, image = self.read_picture(
            fields, "hero_image", HERO_IMAGE_FIELDS, "articles", slug
        )
        if hero is None:
            return texts, None
        for name, model_field in (
            ("credit", "hero_credit"),
            ("caption", "hero_caption"),
            ("alt", "hero_alt"),
        ):
            texts[model_field] = hero.text(name, model=Article, field=model_field)
        return texts, image

    def read_picture(self, fields, name, allowed, kind, slug):
        """Return the item's picture object ``name`` (or None), and the file to store.

        The file is None when none is named, and when the stored row of that
        ``kind`` already has a picture: it keeps it, and the file is not read.
        """
        picture = fields.nested(name, allowed, noun=name.replace("_", " "))
        if picture is None or picture is INVALID or not picture.ok:
            return None, None
        file_name = picture.get("file")
        if file_name is MISSING or file_name is None:
            return picture, None
        if not isinstance(file_name, str):
            picture.fail(
                "file",
                f"expected a path such as images/story.jpg, not {describe(file_name)}",
            )
            return picture, None
        if slug in self.pictured[kind]:
            return picture, None
        return picture, self.read_image(picture, file_name)

    def read_image(self, hero, name):
        """Return the image at ``name`` if it passes the checks of an upload."""
        relative = PurePosixPath(name)
        inside = (
            name
            and "\\" not in name
            and not relative.is_absolute()
            and ".." not in relative.parts
        )
        if not inside:
            return hero.fail(
                "file",
                f"{name!r} is not a path inside the JSON file's folder; "
                "write it like images/story.jpg",
            )
        if self.base_dir is None:
            return hero.fail(
                "file", "there is no folder to read it from: give base_dir"
            )
        path = self.base_dir.joinpath(*relative.parts)
        if not path.is_file():
            return hero.fail("file", f"no file at {name} in {self.base_dir}")
        with path.open("rb") as handle:
            upload = File(handle, name=relative.name)
            try:
                Article._meta.get_field("hero_image").run_validators(upload)
            except ValidationError as error:
                for message in error.messages:
                    hero.fail("file", message)
                return INVALID
            handle.seek(0)
            return ContentFile(handle.read(), name=relative.name)

    def read_squad_target(self, fields):
        """Return a squad note; v1 files and older v2 ones give only targets."""
        target = SquadNote.Kind.TARGET
        kind = fields.choice("kind", SquadNote.Kind.values, default=target)
        values = {
            "position": fields.choice("position", Position.values, required=True),
            "kind": kind,
            "count": fields.integer(
                "target_count",
                minimum=0,
                maximum=32767,
                required=kind == target,
                nullable=kind != target,
            ),
            "note": fields.text("note", model=SquadNote),
            "noted_on": fields.date("noted_on"),
        }
        refs = {
            "club": fields.ref("club", "clubs", required=True),
            "article": fields.ref("article", "articles"),
            "source": fields.ref("source", "sources"),
        }
        return Entry(fields.path, None, values, refs)
