"""Forms of the meeting pages: scheduling, invitations, answers, attendance, cancelling; they
parse what the user typed, the services decide, and their refusals (with the provision they
cite) are put back beside the field they concern."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coordination.core.forms import DATE, TIME
from coordination.core.rules import convener_rules
from coordination.meetings.conveners import convener_units
from coordination.meetings.models import Attendance, Invitation, Meeting
from coordination.meetings.scheduling import allowed_choices
from orgchart.labels import roles_label
from orgchart.models import Affair, Unit
from regulations.models import Region


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    convener = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Convener"))
    scope = forms.ChoiceField(label=_("Matter"), choices=Meeting.Scope.choices)
    form = forms.ChoiceField(label=_("Form of coordination"))
    kind = forms.ChoiceField(label=_("Kind"))
    mode = forms.ChoiceField(label=_("Mode"))
    periodicity = forms.ChoiceField(label=_("Periodicity"))
    recurrence = forms.CharField(
        label=_("Recurrence rule"),
        required=False,
        max_length=200,
        help_text=_("For periodic meetings, e.g. FREQ=MONTHLY;BYDAY=1MO;COUNT=12"),
    )
    date = forms.DateField(label=_("Date"), widget=DATE)
    start_time = forms.TimeField(label=_("Starts at"), widget=TIME)
    end_time = forms.TimeField(label=_("Ends at"), widget=TIME)
    place = forms.CharField(label=_("Place"), required=False, max_length=300)
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    affairs = forms.ModelMultipleChoiceField(
        queryset=Affair.objects.order_by("code"),
        required=False,
        label=_("Government affairs"),
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("The units that carry them out are proposed as invitees."),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One item per line."),
    )

    # The service's names for what this form asks as date and times.
    RENAMES = {"starts_at": "start_time", "ends_at": "end_time"}

    def __init__(self, *args, region: Region, day: datetime.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        self.fields["convener"].queryset = convener_units(region, day)
        rules = convener_rules(region, day)
        self.fields["convener"].help_text = "; ".join(
            gettext("%(matter)s: %(roles)s (%(source)s)")
            % {
                "matter": Meeting.Scope(scope).label,
                "roles": roles_label(region, rules[scope].value["roles"]),
                "source": rules[scope].source_display,
            }
            for scope in (Meeting.Scope.GENERAL, Meeting.Scope.TECHNICAL)
        )
        for name, (allowed, answer) in allowed_choices(region, day).items():
            self.fields[name].choices = allowed
            self.fields[name].help_text = answer.source_display
        self.fields["affairs"].label_from_instance = lambda affair: f"{affair.code} {affair.name}"

    @property
    def zone_name(self) -> str:
        """The zone's Indonesian abbreviation (WIB, WITA, WIT) and name."""
        return f"{self.region.zone_abbr}, {self.region.timezone}"

    def starts_and_ends(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The times as typed, in the region's own time zone (WIB, WITA or WIT)."""
        zone = self.region.zone
        day = self.cleaned_data["date"]
        return (
            datetime.datetime.combine(day, self.cleaned_data["start_time"], zone),
            datetime.datetime.combine(day, self.cleaned_data["end_time"], zone),
        )

    def agenda_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["agenda"].splitlines() if line.strip()]


class AddInvitationForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Unit"))
    reason = forms.CharField(label=_("Why invited"), required=False, max_length=500)

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class RemoveInvitationForm(forms.Form):
    reason = forms.CharField(label=_("Reason for removal"), required=False, max_length=1000)


def official_label(appointment) -> str:
    """ "Drs. Ahmad Fauzi — Plt. Sekretaris Dinas Kesehatan": the person and the post."""
    prefix = {"plt": "Plt. ", "plh": "Plh. ", "pj": "Pj. "}.get(appointment.kind, "")
    return f"{appointment.official.name} — {prefix}{appointment.position.title}"


def official_choices(officials, *, others: bool = True) -> list:
    """The officials of a unit for the forms, grouped: the head, those one level below (who
    may represent the head, Pasal 9 huruf f), and, where no rule binds the unit, the others."""
    groups = [
        (gettext("Head"), officials.heads),
        (gettext("One level below the head"), officials.one_below),
        (gettext("Other officials"), officials.others if others else []),
    ]
    return [
        (label, [(row.official_id, official_label(row)) for row in rows])
        for label, rows in groups
        if rows
    ]


class OfficialChoiceField(forms.TypedChoiceField):
    """The officials offered, plus the unit's other officials as valid answers: a posted choice
    of someone not offered reaches the service, whose refusal cites the provision."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.also_valid: set[int] = set()

    def valid_value(self, value) -> bool:
        listed = super().valid_value(value)
        return listed or (str(value).isdigit() and int(value) in self.also_valid)


class AttendanceForm(forms.Form):
    """How an invited unit attended. The official is chosen from the unit's officials on the
    meeting day; a name and post are typed for outside bodies, or where the unit has nobody on
    record (then marked not verified)."""

    status = forms.ChoiceField(label=_("Attendance"), choices=Attendance.Status.choices)
    official = OfficialChoiceField(
        label=_("Who attended"), required=False, coerce=int, empty_value=None
    )
    attendee_name = forms.CharField(label=_("Name"), required=False, max_length=200)
    attendee_post = forms.CharField(label=_("Post"), required=False, max_length=200)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, officials, bound_by=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.officials = officials
        self.bound_by = bound_by  # the representation rule binding the unit, or None
        groups = official_choices(officials, others=bound_by is None)
        self.fields["official"].choices = [("", "—"), *groups]
        self.fields["official"].also_valid = {row.official_id for row in officials.others}
        self.has_officials = bool(groups)

    # Refusals about the official go where the user sees them: the list if there is one,
    # else beside the typed name.
    @property
    def renames(self) -> dict:
        return {} if self.has_officials else {"official": "attendee_name"}

    def clean(self) -> dict:
        data = super().clean()
        if not self.has_officials and "official" in self.errors:
            self.add_error("attendee_name", self.errors.pop("official"))
        return data


class AnswerForm(forms.Form):
    """The invited unit's answer to the undangan."""

    response = forms.ChoiceField(
        label=_("Your answer"), choices=Invitation.Response.choices, widget=forms.RadioSelect
    )
    official = forms.TypedChoiceField(
        label=_("Representative"), required=False, coerce=int, empty_value=None
    )
    note = forms.CharField(label=_("Note for the secretariat"), required=False, max_length=300)

    def __init__(self, *args, officials, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        rows = officials.one_below + officials.others
        self.fields["official"].choices = [
            ("", "—"),
            *[(row.official_id, official_label(row)) for row in rows],
        ]


class CancelMeetingForm(forms.Form):
    reason = forms.CharField(label=_("Why is it cancelled?"), required=False, max_length=1000)
