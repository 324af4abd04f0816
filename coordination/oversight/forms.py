"""Forms of the urgent-decision and take-over pages."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.core.forms import DATE
from orgchart.models import Unit
from regulations.models import Region

# Units whose coordination nobody takes over from an Asisten: the leaders themselves.
NOT_TAKEN_OVER = ("kepala_daerah", "wakil", "setda", "asisten", "staf_ahli", "forum", "dprd")


# --- Oversight: urgent decisions and take-overs -----------------------------------------


class UrgentDecisionForm(forms.Form):
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    subject = forms.CharField(label=_("Matter"), required=False, max_length=300)
    decision = forms.CharField(
        label=_("Decision taken"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    urgency = forms.CharField(
        label=_("Why it could not wait"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    not_a_matter_of_principle = forms.BooleanField(
        label=_("I state that this is not a matter of principle"), required=False
    )
    report_now = forms.BooleanField(
        label=_("Report it to the Sekda now"), required=False, initial=True
    )


class TakeoverForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Unit taken over"))
    taken_by = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Taken over by"))
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("Until"), widget=DATE)
    reason = forms.CharField(
        label=_("Why it is deemed necessary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, region: Region, day: datetime.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.as_of(day).filter(region=region).order_by("tree_id", "lft")
        self.fields["unit"].queryset = units.exclude(kind__in=NOT_TAKEN_OVER)
        self.fields["taken_by"].queryset = units.filter(
            kind__in=["kepala_daerah", "wakil", "setda"]
        )
