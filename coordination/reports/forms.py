"""Forms of the written-report pages: they parse what the agency head typed (program lines as
many as asked for); coordination.reports.services decides, and its refusals, citing the
provision, go back beside the field they concern."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coordination.reports.models import Report, label_name
from coordination.reports.services import LineInput, ReportInput

TEXT = {"rows": 4}
CONTENT_FIELDS = ("summary", "achievements", "problems", "plans")

_LINE_KEY = re.compile(r"^line-(\d+)-(program|activity|target|budget)$")


@dataclass
class LineRow:
    """One program line as typed (strings, so nothing typed is lost on a refusal)."""

    program: str = ""
    activity: str = ""
    target: str = ""
    budget: str = ""
    error: str = ""

    @property
    def blank(self) -> bool:
        return not (self.program or self.activity or self.target or self.budget)


def _percent(value: str) -> Decimal | None:
    try:
        number = Decimal(value.replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _plain(number: Decimal) -> str:
    """75.50 → "75.5", 60.00 → "60": as a person would type it."""
    return f"{number.normalize():f}"


class ReportDraftForm(forms.Form):
    """The draft: title (incidental reports), the four parts of the report and, for reports to
    the Bappeda, program lines named line-N-program, line-N-activity, line-N-target and
    line-N-budget (N from 1)."""

    title = forms.CharField(label=_("Title"), required=False, max_length=300)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs=TEXT))
    achievements = forms.CharField(
        label=_("Achievements"), required=False, widget=forms.Textarea(attrs=TEXT)
    )
    problems = forms.CharField(
        label=_("Problems (kendala)"), required=False, widget=forms.Textarea(attrs=TEXT)
    )
    plans = forms.CharField(
        label=_("Plans (follow-up)"), required=False, widget=forms.Textarea(attrs=TEXT)
    )

    BLANK_LINES = 1

    def __init__(self, *args, report: Report, **kwargs) -> None:
        if not args and "data" not in kwargs:
            kwargs.setdefault("initial", {name: getattr(report, name) for name in self.fields_of()})
        super().__init__(*args, **kwargs)
        self.report = report
        self.with_lines = report.obligation.form == report.obligation.Form.BAPPEDA
        self.line_errors: list[str] = []
        if not report.incidental:
            del self.fields["title"]
        if self.is_bound:
            self.rows = self._read_rows()
        else:
            self.rows = [
                LineRow(
                    line.program,
                    line.activity,
                    _plain(line.target_realisation),
                    _plain(line.budget_absorption),
                )
                for line in report.lines.all()
            ]
        if self.with_lines and not self.rows:
            self.rows = [LineRow() for _ in range(self.BLANK_LINES)]

    @staticmethod
    def fields_of() -> tuple[str, ...]:
        return ("title", *CONTENT_FIELDS)

    def _read_rows(self) -> list[LineRow]:
        found: dict[int, LineRow] = {}
        for key, value in self.data.items():
            match = _LINE_KEY.match(key)
            if match:
                setattr(found.setdefault(int(match[1]), LineRow()), match[2], value.strip())
        return [row for _n, row in sorted(found.items())]

    def add_blank_line(self) -> None:
        self.rows.append(LineRow())

    def report_input(self) -> ReportInput | None:
        """What to save, or None if a line's percentage is not a number. Blank lines are
        dropped first, so the page numbers the lines as the service does."""
        filled = [row for row in self.rows if not row.blank]
        self.rows = filled or ([LineRow()] if self.with_lines else [])
        lines, ok = [], True
        for row in filled:
            target, budget = _percent(row.target), _percent(row.budget)
            if target is None or budget is None:
                row.error = gettext("Enter both percentages as numbers from 0 to 100.")
                ok = False
                continue
            lines.append(LineInput(row.program, row.activity, target, budget))
        if not ok:
            return None
        data = self.cleaned_data
        return ReportInput(
            title=data.get("title", ""),
            lines=lines,
            **{name: data.get(name, "") for name in CONTENT_FIELDS},
        )

    def mark_missing(self, source: str) -> None:
        """Beside each empty part the report needs before it goes out, the provision."""
        for name in CONTENT_FIELDS:
            if not (self.cleaned_data.get(name) or "").strip():
                self.add_error(
                    name, gettext("Required before submitting (%(source)s).") % {"source": source}
                )


class StartForm(forms.Form):
    """Which obligation and period to open a report for (no period: an incidental report)."""

    obligation = forms.IntegerField()
    period = forms.IntegerField(required=False)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("What must be revised"),
        required=False,  # the service refuses an empty note, citing why
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttachmentForm(forms.Form):
    """The file input of the draft form: required only by its own button (Attach), so the
    browser must not stop Save draft or Submit for an empty input."""

    use_required_attribute = False
    file = forms.FileField(label=_("File"))


# The worklist's filters beside the statuses: the periods still owed, and the reports whose
# next step is the user's.
DUE, WAITING = "due", "waiting"


class ReportFilterForm(forms.Form):
    obligation = forms.TypedChoiceField(
        label=_("Obligation"), required=False, coerce=int, empty_value=None
    )
    period = forms.ChoiceField(label=_("Period"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, obligations, periods: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        everything = ("", gettext("all"))
        self.fields["obligation"].choices = [
            everything,
            *((o.pk, f"{o.source} — {o.display_name}") for o in obligations),
        ]
        self.fields["period"].choices = [
            everything,
            ("incidental", gettext("incidental")),
            *((label, label_name(label)) for label in periods),
        ]
        self.fields["status"].choices = [
            everything,
            *Report.Status.choices,
            (DUE, gettext("due from my unit")),
            (WAITING, gettext("waiting for my review")),
        ]
