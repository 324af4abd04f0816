"""Forms of the coordination pages: they parse what the user typed; the services decide and
their refusals (with the provision they cite) are put back beside the field they concern."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coordination.models import Attendance, Invitation, Meeting
from coordination.services.conveners import convener_units
from coordination.services.follow_ups import NOT_ASSIGNED, DecisionInput, FollowUpInput
from coordination.services.meetings import allowed_choices
from coordination.services.rules import convener_rules, roles_label
from orgchart.models import Affair, Unit
from regulations.models import Region

# Units whose coordination nobody takes over from an Asisten: the leaders themselves.
NOT_TAKEN_OVER = ("kepala_daerah", "wakil", "setda", "asisten", "staf_ahli", "forum", "dprd")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def add_service_errors(form: forms.Form, exc: ValidationError, renames=None) -> None:
    """Show a service's ValidationError on the form: each message beside its field (renamed
    where the form calls it otherwise), the rest at the top of the form."""
    renames = renames or {}
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for name, errors in exc.error_dict.items():
        target = renames.get(name, name)
        form.add_error(target if target in form.fields else None, errors)


class RegionForm(forms.Form):
    """The superadmin's choice of region, on pages bound to one region."""

    region = forms.ModelChoiceField(
        queryset=Region.objects.order_by("code"), to_field_name="code", label=_("Region")
    )


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


# --- Minutes: decisions, each with follow-up rows, as many as the user asks for ------------

_DECISION_KEY = re.compile(r"^decision-(\d+)-(text|unit|action)(?:-(\d+))?$")


@dataclass
class FollowUpRow:
    unit: str = ""
    action: str = ""
    error: str = ""

    @property
    def blank(self) -> bool:
        return not self.unit and not self.action.strip()


@dataclass
class DecisionBlock:
    text: str = ""
    rows: list[FollowUpRow] = field(default_factory=list)

    @property
    def blank(self) -> bool:
        return not self.text.strip() and all(row.blank for row in self.rows)


class MinutesForm(forms.Form):
    """The minutes and their decisions, as many as the user adds. Fields are named
    decision-N-text, decision-N-unit-M and decision-N-action-M (N, M from 1)."""

    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    minutes_taker = forms.CharField(label=_("Minutes taken by"), required=False, max_length=200)

    BLANK_ROWS = 2

    file = forms.FileField(label=_("Attach a file to the minutes"), required=False)

    def __init__(self, *args, units: list[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        units = [unit for unit in units if unit.kind not in NOT_ASSIGNED]
        self.units = {str(unit.pk): unit for unit in units}
        self.unit_choices = [(str(unit.pk), unit.name) for unit in units]
        self.blocks = self._read_blocks() if self.is_bound else []
        if not self.blocks:
            self.blocks = [self._blank_block()]

    def _blank_block(self) -> DecisionBlock:
        return DecisionBlock(rows=[FollowUpRow() for _ in range(self.BLANK_ROWS)])

    def _read_blocks(self) -> list[DecisionBlock]:
        found: dict[int, DecisionBlock] = {}
        rows: dict[tuple[int, int], FollowUpRow] = {}
        for key, value in self.data.items():
            match = _DECISION_KEY.match(key)
            if not match:
                continue
            number, part, row = int(match[1]), match[2], match[3]
            block = found.setdefault(number, DecisionBlock())
            if part == "text":
                block.text = value
            elif row is not None:
                setattr(rows.setdefault((number, int(row)), FollowUpRow()), part, value.strip())
        for (number, _row), item in sorted(rows.items()):
            found[number].rows.append(item)
        return [block for _n, block in sorted(found.items())]

    def add_blank(self, what: str) -> None:
        """ "decision" adds a decision; "row-N" a follow-up row to decision N (from 1)."""
        if what == "decision":
            self.blocks.append(self._blank_block())
        elif what.startswith("row-") and what[4:].isdigit():
            index = int(what[4:]) - 1
            if 0 <= index < len(self.blocks):
                self.blocks[index].rows.append(FollowUpRow())

    def decisions(self) -> list[DecisionInput] | None:
        """The decisions to record, or None if a row names no unit or an unknown one. Blank
        decisions are dropped first, so the page numbers them as the service does."""
        filled = [block for block in self.blocks if not block.blank]
        self.blocks = filled or [self._blank_block()]
        result, ok = [], True
        for block in filled:
            items = []
            for row in block.rows:
                if row.blank:
                    continue
                unit = self.units.get(row.unit)
                if unit is None:
                    row.error = gettext("Choose the unit that must act.")
                    ok = False
                    continue
                items.append(FollowUpInput(unit=unit, action=row.action))
            result.append(DecisionInput(text=block.text, follow_ups=items))
        return result if ok else None


# --- Follow-ups ---------------------------------------------------------------------------


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("Follow-up report"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EvidenceForm(forms.Form):
    """The file input of the follow-up report form: required only by its own button (Attach),
    so the browser must not stop Save draft or Mark done for an empty input."""

    use_required_attribute = False
    file = forms.FileField(label=_("Evidence file"))


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
