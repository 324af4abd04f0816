"""Who filed each period's written report on time: the unit × period table of one reporting
obligation, its totals, and the rule that gives each cell its status.

A unit's report counts from ``first_submitted_at``, the moment its first version was
submitted, read in the region's own time zone: a revision asked for by the Sekda does not
make an on-time report late, nor a late one less late. A late or missing cell also holds how
many working days late it is (``late``, counted by ``lateness``).

Every total (by period, by unit, by portfolio, overall) is counted from the same cells as the
rows, so a total always equals the sum of what it totals."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from coordination.follow_ups.lateness import Lateness
from coordination.reports.models import ReportingObligation, ReportingPeriod, label_name
from regulations.models import Region

ON_TIME, LATE, MISSING, NOT_DUE = "on_time", "late", "missing", "not_due"
STATUSES = (ON_TIME, LATE, MISSING, NOT_DUE)
NOT_REPORTED = (MISSING, NOT_DUE)


def _zero() -> dict[str, int]:
    return dict.fromkeys(STATUSES, 0)


@dataclass
class ComplianceTable:
    """The compliance of one obligation's units over some periods, as one user may see it."""

    region: Region
    today: datetime.date
    obligation: ReportingObligation | None
    periods: list[dict]  # {"id", "label", "display_label", "start", "end", "due_date"}
    units: list[dict]  # {"id", "name", "kind", "portfolio_id", "portfolio_name"}, tree order
    cells: dict[tuple[int, int], str]  # (unit id, period id) -> one of STATUSES
    # (unit id, period id) -> when the first version was submitted, in the region's zone
    submitted: dict[tuple[int, int], datetime.datetime] = field(default_factory=dict)
    # (unit id, period id) -> how late a late or missing cell is (working days)
    late: dict[tuple[int, int], Lateness] = field(default_factory=dict)

    def totals_by_period(self) -> dict[int, dict[str, int]]:
        """For each period, how many obliged units are on time, late, missing, not yet due."""
        totals = {period["id"]: _zero() for period in self.periods}
        for (_unit_id, period_id), status in self.cells.items():
            totals[period_id][status] += 1
        return totals

    def totals_by_unit(self) -> dict[int, dict[str, int]]:
        """For each unit, how many of its periods are on time, late, missing, not yet due."""
        totals = {unit["id"]: _zero() for unit in self.units}
        for (unit_id, _period_id), status in self.cells.items():
            if unit_id in totals:
                totals[unit_id][status] += 1
        return totals

    def overall(self) -> dict[str, int]:
        """Every obliged unit and period of the table, by status."""
        return sum_counts(self.totals_by_period().values())

    def totals_by_portfolio(self, period_id: int) -> dict[int | None, dict[str, int]]:
        """The same counts for one period, by the portfolio (Asisten, or whoever took the
        coordination over) that coordinates each unit; None for units nobody coordinates."""
        totals: dict[int | None, dict[str, int]] = {}
        for unit in self.units:
            status = self.cells.get((unit["id"], period_id))
            if status is not None:
                totals.setdefault(unit["portfolio_id"], _zero())[status] += 1
        return totals

    def portfolio_names(self) -> dict[int | None, str]:
        return {unit["portfolio_id"]: unit["portfolio_name"] for unit in self.units}

    def not_reported(self, period_id: int) -> list[dict]:
        """Obliged units with no submitted report for the period, late ("missing") or not yet
        due ("not_due"), in tree order; each unit's dict also carries its ``status`` and, if
        missing, its ``late`` (overdue by how many working days)."""
        return [
            {
                **unit,
                "status": self.cells[(unit["id"], period_id)],
                "late": self.late.get((unit["id"], period_id)),
            }
            for unit in self.units
            if self.cells.get((unit["id"], period_id)) in NOT_REPORTED
        ]

    def latest_due_period(self) -> dict | None:
        """The most recent period whose due date has passed (None if none has)."""
        due = [period for period in self.periods if period["due_date"] < self.today]
        return due[-1] if due else None


def sum_counts(counts: Iterable[dict[str, int]]) -> dict[str, int]:
    """The sum of several {status: count} rows: the total of a column of counts."""
    total = _zero()
    for each in counts:
        for status in STATUSES:
            total[status] += each[status]
    return total


def status_of(
    first_submitted: datetime.datetime | None, due_date: datetime.date, today: datetime.date
) -> str:
    """on_time / late by the first submission's local date; missing / not_due without one."""
    if first_submitted is not None:
        return ON_TIME if first_submitted.date() <= due_date else LATE
    return MISSING if today > due_date else NOT_DUE


def period_dict(period: ReportingPeriod) -> dict:
    """The period as the table holds it; ``display_label`` in the reader's language, ``label``
    the stored Indonesian key."""
    return {
        "id": period.pk,
        "label": period.label,
        "display_label": label_name(period.label),
        "start": period.start,
        "end": period.end,
        "due_date": period.due_date,
    }
