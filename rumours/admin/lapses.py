"""How long each stage of an open claim stays news, in days (#13)."""

import datetime as dt

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ..models import LapseWindow


class LapseWindowForm(forms.ModelForm):
    """Edits the window as a whole number of days, as editors think of it."""

    days = forms.IntegerField(
        min_value=1,
        max_value=3650,
        help_text="An open claim at this stage lapses this many days after it "
        "was reported. Delete the window to keep such claims open until resolved.",
    )

    class Meta:
        model = LapseWindow
        fields = ["claim_type"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.window is not None:
            self.fields["days"].initial = self.instance.window.days

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("days") is not None:
            self.instance.window = dt.timedelta(days=cleaned["days"])
        return cleaned


@admin.register(LapseWindow)
class LapseWindowAdmin(SimpleHistoryAdmin):
    form = LapseWindowForm
    fields = ["claim_type", "days"]
    list_display = ["claim_type", "days"]

    @admin.display(description="days", ordering="window")
    def days(self, window):
        return window.window.days
