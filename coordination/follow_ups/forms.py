"""Forms of the minutes and follow-up pages: decisions with the follow-ups they assign, a
unit's report on its follow-up, the Sekda's note, evidence files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coordination.follow_ups.services import NOT_ASSIGNED, DecisionInput, FollowUpInput
from orgchart.models import Unit

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
