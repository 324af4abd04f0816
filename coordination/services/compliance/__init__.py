"""Reporting compliance: which units filed each period's written report on time, late or not
at all, for the Sekda's dashboard, its CSV and XLSX exports, and its chart; and how many
working days late a report or a follow-up is, wherever it is shown."""

from coordination.services.compliance.chart import chart_svg
from coordination.services.compliance.engine import compliance, current_quarter_gaps
from coordination.services.compliance.exports import export_csv, export_xlsx, filename
from coordination.services.compliance.lateness import Clock, Lateness, clocks
from coordination.services.compliance.table import (
    LATE,
    MISSING,
    NOT_DUE,
    ON_TIME,
    STATUSES,
    ComplianceTable,
)

__all__ = [
    "LATE",
    "MISSING",
    "NOT_DUE",
    "ON_TIME",
    "STATUSES",
    "Clock",
    "ComplianceTable",
    "Lateness",
    "chart_svg",
    "clocks",
    "compliance",
    "current_quarter_gaps",
    "export_csv",
    "export_xlsx",
    "filename",
]
