"""A club's roles in a newsroom document: read, written and exported (#13).

``clubs[].roles`` lists who holds or held each role, with dates. Older files
give a ``head_coach`` string instead; it is read as a head-coach role
without dates. A club's roles become exactly the file's.
"""

from collections import Counter
from dataclasses import dataclass

from rumours.models import ClubRole, Source

from .fields import ROLE_FIELDS
from .reading import INVALID, Fields, key_of


@dataclass
class RoleItem:
    path: str
    values: dict  # role, name, started_on, ended_on
    person: object  # a Ref to a source, or None

    def key(self):
        return (self.values["role"], self.values["name"], self.values["started_on"])


def read_roles(fields, problems):
    """Return the club's roles as ``RoleItem``s, the legacy head coach included."""
    items = fields.items("roles")
    roles, first = [], {}
    for path, value in [] if items is INVALID else items:
        role = Fields(value, path, ROLE_FIELDS, problems, noun="club role")
        if not role.ok:
            continue
        item = RoleItem(
            path,
            {
                "role": role.choice("role", ClubRole.Kind.values, required=True),
                "name": role.text("name", model=ClubRole, required=True),
                "started_on": role.date("started_on"),
                "ended_on": role.date("ended_on"),
            },
            role.ref("person", "sources"),
        )
        started, ended = item.values["started_on"], item.values["ended_on"]
        if started and ended and INVALID not in (started, ended) and ended < started:
            role.fail("ended_on", f"{ended} is before started_on {started}")
        if INVALID not in item.key() and first.setdefault(item.key(), path) != path:
            problems.add(path, f"repeats {first[item.key()]} (role, name and start)")
        roles.append(item)
    coach = fields.text("head_coach")  # "" in older files: no coach known.
    if coach:
        coach = fields.check("head_coach", coach, ClubRole, "name")
    if coach not in ("", INVALID) and not any(
        item.values["role"] == ClubRole.Kind.HEAD_COACH for item in roles
    ):
        values = {"role": ClubRole.Kind.HEAD_COACH, "name": coach}
        roles.append(RoleItem(fields.at("head_coach"), values | NO_DATES, None))
    return roles


NO_DATES = {"started_on": None, "ended_on": None}


def export_roles(club, names):
    """Return the club's roles (prefetched ``in_order()``) as the file writes them."""
    return [
        {
            "role": role.role,
            "name": role.name,
            "person": role.person_id and names.sources[role.person_id],
            "started_on": role.started_on and role.started_on.isoformat(),
            "ended_on": role.ended_on and role.ended_on.isoformat(),
        }
        for role in club.roles.all()
    ]


class RoleWriter:
    """The import step that makes each club's roles the file's."""

    def write_club_roles(self):
        """Replace the roles of each club whose roles differ from the file's.

        Two queries (one more when roles name people), and a delete and an
        insert when anything changed. A person must be a source of kind club
        official, as the admin asks.
        """
        wanted = {}
        for entry in self.entries["clubs"]:
            club_id = self.pks["clubs"][entry.key]
            wanted[club_id] = (entry, [*map(self.role_row, entry.extra["roles"])])
        self.check_people()
        stored = {club_id: [] for club_id in wanted}
        for row in ClubRole.objects.filter(club_id__in=wanted).values_list(
            "club_id", "role", "name", "person_id", "started_on", "ended_on"
        ):
            stored[row[0]].append(row[1:])
        changed = [
            pk
            for pk, (_, rows) in wanted.items()
            if Counter(stored[pk]) != Counter(rows)
        ]
        if not changed:
            return
        ClubRole.objects.filter(club_id__in=changed).delete()
        ClubRole.objects.bulk_create(
            ClubRole(
                club_id=pk,
                role=role,
                name=name,
                person_id=person,
                started_on=started,
                ended_on=ended,
            )  # fmt: skip
            for pk in changed
            for role, name, person, started, ended in wanted[pk][1]
        )
        for pk in changed:
            self.mark_updated("clubs", wanted[pk][0].key)

    def role_row(self, item):
        person = key_of(item.person)
        values = item.values
        return (
            values["role"],
            values["name"],
            None if person is None else self.pks["sources"][person],
            values["started_on"],
            values["ended_on"],
        )

    def check_people(self):
        people = [
            (item.person.path, self.pks["sources"][key_of(item.person)])
            for entry in self.entries["clubs"]
            for item in entry.extra["roles"]
            if item.person is not None
        ]
        if not people:
            return
        kinds = dict(
            Source.objects.filter(pk__in={pk for _, pk in people}).values_list(
                "pk", "kind"
            )
        )
        for path, pk in people:
            if kinds[pk] != Source.Kind.CLUB_OFFICIAL:
                self.problems.add(
                    f"{path}",
                    f"a source of kind {kinds[pk]}; a club role's person is a "
                    "source of kind club_official",
                )
