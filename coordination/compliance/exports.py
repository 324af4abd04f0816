"""The compliance table as files for the secretariat: CSV (UTF-8 with a byte-order mark, so
that Excel reads Indonesian names right) and XLSX (units × periods, and the totals).

Cells that a spreadsheet would read as a formula (a unit name starting with "=", "+", "-"
or "@") are written as text: exports must not carry formula injection."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext, pgettext
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from coordination.compliance.table import LATE, MISSING, NOT_DUE, ON_TIME, STATUSES, ComplianceTable
from coordination.reports.obligations import cadence_display, due_display

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FILLS = {ON_TIME: "DCFCE7", LATE: "FEF3C7", MISSING: "FDE2E2", NOT_DUE: "E8ECF3"}


def status_words() -> dict[str, str]:
    """The status of a cell in words, in the active language."""
    return {
        ON_TIME: pgettext("report compliance", "on time"),
        LATE: pgettext("report compliance", "late"),
        MISSING: pgettext("report compliance", "missing"),
        NOT_DUE: pgettext("report compliance", "not due yet"),
    }


def _text(value: object) -> str:
    """Text for a CSV cell, with a formula-looking start neutralised."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def filename(table: ComplianceTable, extension: str) -> str:
    """kepatuhan-13.75-4.csv: the region's code and the obligation's id."""
    obligation = table.obligation.pk if table.obligation else "none"
    return f"kepatuhan-{table.region.code}-{obligation}.{extension}"


def _csv_rows(table: ComplianceTable):
    words = status_words()
    for unit in table.units:
        for period in table.periods:
            status = table.cells.get((unit["id"], period["id"]))
            if status is None:
                continue  # not obliged in that period
            first = table.submitted.get((unit["id"], period["id"]))
            late = table.late.get((unit["id"], period["id"]))
            yield [
                table.region.code,
                table.obligation.source,
                unit["name"],
                unit["kind"],
                unit["portfolio_name"],
                period["label"],
                period["start"].isoformat(),
                period["end"].isoformat(),
                period["due_date"].isoformat(),
                status,
                words[status],
                first.strftime("%Y-%m-%d %H:%M") if first else "",
                late.working_days if late else "",
                late.display() if late else "",
            ]


def export_csv(table: ComplianceTable) -> bytes:
    """One row per obliged unit and period: portfolio, due date, status, first submission
    (in the region's time zone), and how many working days late it was submitted (or is
    overdue)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            gettext("Region"),
            gettext("Provision"),
            gettext("Unit"),
            gettext("Kind of unit"),
            gettext("Portfolio"),
            gettext("Period"),
            gettext("From"),
            gettext("Until"),
            gettext("Due date"),
            gettext("Status code"),
            gettext("Status"),
            gettext("First submitted (%(zone)s)") % {"zone": table.region.timezone},
            gettext("Working days late"),
            gettext("Timeliness"),
        ]
    )
    for row in _csv_rows(table):
        writer.writerow([_text(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _put(sheet, row: int, column: int, value: object, *, bold: bool = False):
    """Write a cell; strings always as text, never as a formula."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def _status_sheet(sheet, table: ComplianceTable) -> None:
    words = status_words()
    # Periods by their official (stored) names, the key across languages and files.
    headers = [gettext("Unit"), gettext("Portfolio")] + [p["label"] for p in table.periods]
    for column, header in enumerate(headers, start=1):
        _put(sheet, 1, column, header, bold=True)
    for column, period in enumerate(table.periods, start=3):
        _put(sheet, 2, column, gettext("due %(date)s") % {"date": period["due_date"].isoformat()})
    for row, unit in enumerate(table.units, start=3):
        _put(sheet, row, 1, unit["name"])
        _put(sheet, row, 2, unit["portfolio_name"])
        for column, period in enumerate(table.periods, start=3):
            status = table.cells.get((unit["id"], period["id"]))
            late = table.late.get((unit["id"], period["id"]))
            if status is not None:
                cell = _put(sheet, row, column, late.display() if late else words[status])
                cell.fill = PatternFill("solid", fgColor=FILLS[status])
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 36
    for column in range(3, len(headers) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 18
    sheet.freeze_panes = "C3"


def _totals_sheet(sheet, table: ComplianceTable) -> None:
    words = status_words()
    headers = [gettext("Period"), gettext("Due date")] + [words[s] for s in STATUSES]
    for column, header in enumerate([*headers, gettext("Obliged units")], start=1):
        _put(sheet, 1, column, header, bold=True)
    totals = table.totals_by_period()
    for row, period in enumerate(table.periods, start=2):
        counts = totals[period["id"]]
        _put(sheet, row, 1, period["label"])
        _put(sheet, row, 2, period["due_date"])
        for column, status in enumerate(STATUSES, start=3):
            _put(sheet, row, column, counts[status])
        _put(sheet, row, len(headers) + 1, sum(counts.values()))
    overall, last = table.overall(), len(table.periods) + 2
    _put(sheet, last, 1, gettext("Total"), bold=True)
    for column, status in enumerate(STATUSES, start=3):
        _put(sheet, last, column, overall[status], bold=True)
    _put(sheet, last, len(headers) + 1, sum(overall.values()), bold=True)
    if table.obligation is not None:
        below = last + 2
        _put(sheet, below, 1, gettext("Provision"), bold=True)
        _put(sheet, below, 2, table.obligation.source)
        _put(sheet, below + 1, 1, gettext("Cadence"), bold=True)
        _put(sheet, below + 1, 2, cadence_display(table.obligation))
        _put(sheet, below + 2, 1, gettext("Due"), bold=True)
        _put(sheet, below + 2, 2, due_display(table.obligation))
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 14


def export_xlsx(table: ComplianceTable) -> bytes:
    """Two sheets: "Compliance" (units in rows, periods in columns, the status in words,
    coloured; a late or missing report says by how many working days), and "Totals" (per
    period and overall), with the provision in the workbook's title."""
    book = Workbook()
    sheet = book.active
    sheet.title = gettext("Compliance")[:31]
    _status_sheet(sheet, table)
    _totals_sheet(book.create_sheet(gettext("Totals")[:31]), table)
    if table.obligation is not None:
        book.properties.title = f"{table.obligation.display_name} ({table.obligation.source})"[:250]
    book.properties.creator = table.region.full_name
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
