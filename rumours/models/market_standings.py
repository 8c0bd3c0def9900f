"""The market board's summary: each club that is short or long, and where (#16).

A club's current squad note measured against its available players says
whether it is short or long at that row of the board. Measuring every
club's notes on every view made the board's cost follow the size of the
newsroom (about 4,700 notes and 12,000 players on the bulk one), so the
measurements are kept here: derived rows, rebuilt for a club in the same
transaction as any change of its notes or players (``connect_signals``),
for every club after a bulk write and after ``migrate``. The board then
reads the few dozen it shows.
"""

from django.db import models, transaction

from .football import Club, Player
from .positions import GROUP_OF, SPECIFIC_POSITIONS, Position
from .squad_notes import SquadNote, note_balance


def row_key(code):
    """Return the board row of a position code: itself, or its group's “any” row."""
    return code if code in SPECIFIC_POSITIONS else GROUP_OF[code]


class MarketStandingQuerySet(models.QuerySet):
    def of_competition(self, competition):
        """Return the standings of ``competition``'s clubs, or all of them for None."""
        if competition is None:
            return self
        return self.filter(club__competition=competition)


class MarketStanding(models.Model):
    """One club's current note at one row of the board, where it is short or long."""

    class Side(models.TextChoices):
        NEED = "need", "Short"
        SURPLUS = "surplus", "Too many"

    note = models.OneToOneField(
        SquadNote, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="+")
    row = models.CharField(max_length=2, choices=Position.choices)
    side = models.CharField(max_length=7, choices=Side.choices)
    # Need < 0 < surplus; None for a need or surplus the story gave no number.
    balance = models.IntegerField(null=True)

    objects = MarketStandingQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["side", "row", "balance"], name="rumours_standing_idx")
        ]

    def __str__(self):
        return f"{self.club_id}: {self.side} at {self.row}"


def measured_standings(notes):
    """Return unsaved ``MarketStanding``s of the current notes among ``notes``.

    One query: the notes newest first, each with its club's available
    players counted, the first of each club and position kept. A balanced
    note, or a target with no count, is on neither side and has none.
    """
    rows = (
        notes.with_available()
        .newest_first()
        .values_list("pk", "club_id", "position", "kind", "count", "available")
    )
    current = {}
    for row in rows:
        current.setdefault((row[1], row[2]), row)
    standings = []
    for pk, club_id, position, kind, count, available in current.values():
        balance = note_balance(kind, count, available)
        if balance is None:
            side = kind if kind != SquadNote.Kind.TARGET else ""
        else:
            side = "need" if balance < 0 else "surplus" if balance > 0 else ""
        if side:
            standings.append(
                MarketStanding(
                    note_id=pk,
                    club_id=club_id,
                    row=row_key(position),
                    side=side,
                    balance=balance,
                )
            )
    return standings


def refresh_standings(club_ids=None):
    """Measure again the standings of the clubs ``club_ids`` (every club for None)."""
    notes = SquadNote.objects.all()
    stale = MarketStanding.objects.all()
    with transaction.atomic():
        if club_ids is not None:
            club_ids = {pk for pk in club_ids if pk is not None}
            if not club_ids:
                return
            # Two saves for one club refresh it one after the other.
            list(Club.objects.select_for_update().filter(pk__in=club_ids).values("pk"))
            notes = notes.filter(club__in=club_ids)
            stale = stale.filter(club__in=club_ids)
        # Derived rows: deleted in one statement, without the model signals
        # (the public cache hears of the note or player that changed).
        stale._raw_delete(stale.db)
        MarketStanding.objects.bulk_create(measured_standings(notes))


# What a player's standing depends on: where he plays, and whether he can.
PLAYER_FIELDS = ("current_club_id", "primary_position", "fitness")


def connect_signals():
    """Keep the standings current as notes and players change (apps.ready)."""
    from django.db.models.signals import post_delete, post_migrate, post_save, pre_save

    from .events import counted_again_after_migrate, newsroom_bulk_written

    uid = "rumours.market-standings"
    for model in (Player, SquadNote):
        pre_save.connect(_saving, sender=model, dispatch_uid=uid)
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
    newsroom_bulk_written.connect(_bulk_written, dispatch_uid=uid)
    migrated = counted_again_after_migrate(MarketStanding, refresh_standings)
    post_migrate.connect(migrated, dispatch_uid=uid, weak=False)


def _stored_club(sender, instance):
    """Return the club ``instance`` belonged to as stored, and whether it changed."""
    if sender is Player:
        fields = PLAYER_FIELDS
        club_field = "current_club_id"
    else:
        fields = ("club_id", "position", "kind", "count", "noted_on")
        club_field = "club_id"
    stored = sender._base_manager.filter(pk=instance.pk).values(*fields).first()
    if stored is None:
        return None, True
    changed = any(stored[name] != getattr(instance, name) for name in fields)
    return stored[club_field], changed


def _saving(sender, instance, raw=False, update_fields=None, **kwargs):
    instance._standing_clubs = None
    if raw:  # loaddata: the standings come with the rest of the dump
        return
    if instance._state.adding:
        instance._standing_clubs = set()
        return
    if sender is Player and update_fields is not None:
        saved = {sender._meta.get_field(name).attname for name in update_fields}
        if not saved & set(PLAYER_FIELDS):
            return
    stored_club, changed = _stored_club(sender, instance)
    if changed:
        instance._standing_clubs = {stored_club}


def _saved(sender, instance, raw=False, **kwargs):
    clubs = instance.__dict__.pop("_standing_clubs", None)
    if raw or clubs is None:
        return
    club_id = instance.current_club_id if sender is Player else instance.club_id
    refresh_standings(clubs | {club_id})


def _deleted(sender, instance, **kwargs):
    club_id = instance.current_club_id if sender is Player else instance.club_id
    refresh_standings([club_id])


def _bulk_written(sender, **kwargs):
    refresh_standings()
