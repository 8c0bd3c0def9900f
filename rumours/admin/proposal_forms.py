"""The forms of the proposals review page (#14): one per proposed claim.

Every field is pre-filled from the proposal and stays editable. Players,
clubs and the source are typed by name (the proposal's row is kept in a
hidden id while its name is unchanged); a name the newsroom does not hold
becomes a ``NewName``, created on accept if the user may add it. A rejected
proposal is never validated: nothing of it is saved.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.utils import ErrorDict
from django.utils.html import format_html, format_html_join

from ..extraction.marks import mention_spans
from ..extraction.money_text import amounts_text
from ..models import Club, Competition, Player, Position, Source
from ..models.attributions import AttributionRole
from ..models.claim_terms import ClaimType, DealType, EventPrecision
from ..services.proposals import (
    ADD_CLUB,
    ADD_PLAYER,
    MAY_NOT_ADD_CLUB,
    MAY_NOT_ADD_PLAYER,
    AcceptedClaim,
    NewName,
    may_create,
)
from .money_fields import MoneyField, parsed_as

ACCEPT, REJECT = "accept", "reject"
SEVERAL = "Several {things} are called “{name}”: give the full name."
NO_SOURCE = (
    "No source called “{name}” in the newsroom: add it first, or leave this empty."
)
NO_PLAYER = "Name the player."


def initial_for(proposal, gazetteer):
    """Return the form's initial data for ``proposal`` (no queries)."""
    data = proposal.as_dict()
    described = {"from": data["from_described"], "to": data["to_described"]}
    return {
        "decision": ACCEPT,
        "player": data["player"],
        "player_id": data["player_id"],
        "from_club": data["from_club"] or "",
        "from_club_id": data["from_club_id"],
        "from_described": (described["from"] or {}).get("text", ""),
        "to_club": data["to_club"] or "",
        "to_club_id": data["to_club_id"],
        "to_described": (described["to"] or {}).get("text", ""),
        "claim_type": data["claim_type"],
        "deal_type": data["deal_type"] or "",
        "source": proposal.chain.source.name if proposal.chain.source else "",
        "source_id": data["source_id"],
        "amounts": amounts_text(proposal.amounts),
        "quote": proposal.sentence.text,
        "sentence": proposal.sentence.text,
        "marks": " ".join(
            f"{start}-{end}" for start, end in mention_spans(proposal, gazetteer)
        ),
        "rule": data["rule"],
        # Carried as the proposal made them: the replaced player, relays and
        # speakers the newsroom knows, when it happened.
        "replaces_id": data["replaces_id"],
        "attributions": " ".join(
            f"{credit.entity.id}:{role}"
            for credit, role in proposal.chain.attributions
            if credit.entity is not None
        ),
        **{
            f"{side}_{part}": (described[side] or {}).get(part) or ""
            for side in ("from", "to")
            for part in ("competition", "country")
        },
        "event_date": (data["event"] or {}).get("date"),
        "event_precision": (data["event"] or {}).get("precision", ""),
        "new": ", ".join(f"{new['name']} ({new['field']})" for new in data["new"]),
    }


class ProposalForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(ACCEPT, "Accept"), (REJECT, "Reject")],
        widget=forms.RadioSelect,
        initial=ACCEPT,
    )
    player = forms.CharField(max_length=120, required=False)
    player_position = forms.ChoiceField(
        label="position (new player)",
        choices=[("", "---------"), *Position.choices],
        required=False,
    )
    from_club = forms.CharField(label="from club", max_length=120, required=False)
    from_described = forms.CharField(
        label="selling side as described", max_length=120, required=False
    )
    to_club = forms.CharField(label="to club", max_length=120, required=False)
    to_described = forms.CharField(
        label="suitor as described", max_length=120, required=False
    )
    claim_type = forms.ChoiceField(label="kind", choices=ClaimType.choices)
    deal_type = forms.ChoiceField(
        choices=[("", "---------"), *DealType.choices], required=False
    )
    source = forms.CharField(max_length=120, required=False)
    amounts = MoneyField()
    quote = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, "cols": 80}))
    # What the proposal came from, carried so a re-rendered page still shows it.
    player_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    from_club_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    to_club_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    source_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    sentence = forms.CharField(widget=forms.HiddenInput, required=False)
    marks = forms.CharField(widget=forms.HiddenInput, required=False)
    rule = forms.CharField(widget=forms.HiddenInput, required=False)
    replaces_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    attributions = forms.CharField(widget=forms.HiddenInput, required=False)
    event_date = forms.DateField(widget=forms.HiddenInput, required=False)
    # A described side's league and country: “a host of Bundesliga clubs”.
    from_competition = forms.CharField(widget=forms.HiddenInput, required=False)
    from_country = forms.CharField(widget=forms.HiddenInput, required=False)
    to_competition = forms.CharField(widget=forms.HiddenInput, required=False)
    to_country = forms.CharField(widget=forms.HiddenInput, required=False)
    event_precision = forms.ChoiceField(
        choices=[("", ""), *EventPrecision.choices],
        widget=forms.HiddenInput,
        required=False,
    )
    new = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    @property
    def accepted(self):
        return self.value("decision") == ACCEPT

    def asks_position(self):
        """Return True if the player is new: his position is asked for."""
        return "(player)" in (self.value("new") or "") or bool(
            self.value("player_position")
        )

    def value(self, name):
        return self[name].value()

    def full_clean(self):
        super().full_clean()
        if self.is_bound and not self.accepted:
            self._errors = ErrorDict()  # A rejected proposal saves nothing.

    def clean_player(self):
        player = self._row(Player, "player", _players_named, "players")
        if player is None:
            raise ValidationError(NO_PLAYER)
        if not may_create(self.user, player, ADD_PLAYER):
            raise ValidationError(MAY_NOT_ADD_PLAYER.format(name=player.name))
        return player

    def clean_from_club(self):
        return self._club("from_club")

    def clean_to_club(self):
        return self._club("to_club")

    def clean_source(self):
        name = self.cleaned_data["source"].strip()
        if not name:
            return None
        source = self._row(Source, "source", _sources_named, "sources")
        if isinstance(source, NewName):
            raise ValidationError(NO_SOURCE.format(name=name))
        return source

    def _club(self, name):
        club = self._row(Club, name, _clubs_named, "clubs")
        if not may_create(self.user, club, ADD_CLUB):
            raise ValidationError(MAY_NOT_ADD_CLUB.format(name=club.name))
        return club

    def _row(self, model, name, named, things):
        text = " ".join(self.cleaned_data[name].split())
        if not text:
            return None
        known = self.data.get(self.add_prefix(f"{name}_id"), "")
        if known.isdigit():
            row = model._default_manager.filter(pk=known).first()
            if row is not None and text in _names_of(row):
                return row
        rows = list(named(text)[:2])
        if len(rows) > 1:
            raise ValidationError(SEVERAL.format(things=things, name=text))
        if rows:
            return rows[0]
        return NewName(
            text, position=self.data.get(self.add_prefix("player_position"), "")
        )

    def accepted_claim(self):
        """Return the cleaned proposal as the service takes it."""
        data = self.cleaned_data
        return AcceptedClaim(
            player=data["player"],
            claim_type=data["claim_type"],
            quote=data["quote"],
            from_club=data["from_club"],
            from_described=data["from_described"],
            to_club=data["to_club"],
            to_described=data["to_described"],
            deal_type=data["deal_type"],
            source=data["source"],
            amounts=data["amounts"],
            replaces=Player.objects.filter(pk=data["replaces_id"]).first()
            if data["replaces_id"]
            else None,
            attributions=_credits(data["attributions"]),
            from_competition=_competition(data["from_competition"]),
            from_country=data["from_country"],
            to_competition=_competition(data["to_competition"]),
            to_country=data["to_country"],
            event_date=data["event_date"],
            event_precision=data["event_precision"] if data["event_date"] else "",
        )

    def highlighted(self):
        """Return the sentence, escaped, with the words it was read from marked."""
        text, position, pairs = self.value("sentence") or "", 0, []
        for start, end in _spans(self.value("marks") or "", len(text)):
            pairs.append((text[position:start], text[start:end]))
            position = end
        marked = format_html_join("", "{}<mark>{}</mark>", pairs)
        return format_html("{}{}", marked, text[position:])

    def parsed_amounts(self):
        """Return “Parsed as: ...” once the amounts were read, else ""."""
        return parsed_as(getattr(self, "cleaned_data", {}).get("amounts") or [])


def _spans(marks, length):
    spans, position = [], 0
    for mark in marks.split():
        start, _, end = mark.partition("-")
        if start.isdigit() and end.isdigit():
            start, end = int(start), int(end)
            if position <= start < end <= length:
                spans.append((start, end))
                position = end
    return spans


def _competition(name):
    return Competition.objects.filter(name=name).first() if name else None


def _credits(text):
    """Return ``[(Source, role)]`` from the hidden "id:role id:role" field."""
    pairs = [part.partition(":")[::2] for part in text.split()]
    known = Source.objects.in_bulk([int(pk) for pk, _ in pairs if pk.isdigit()])
    return [
        (known[int(pk)], role)
        for pk, role in pairs
        if pk.isdigit() and int(pk) in known and role in AttributionRole.values
    ]


def _names_of(row):
    names = {row.name, getattr(row, "short_name", "")}
    return {name for name in names if name}


def _players_named(name):
    return Player.objects.filter(name__iexact=name).order_by("pk")


def _clubs_named(name):
    return (
        Club.objects.filter(
            Q(name__iexact=name)
            | Q(short_name__iexact=name)
            | Q(aliases__name__iexact=name)
        )
        .distinct()
        .order_by("pk")
    )


def _sources_named(name):
    return Source.objects.filter(Q(name__iexact=name) | Q(slug=name)).order_by("pk")


ProposalFormSet = forms.formset_factory(ProposalForm, extra=0)
