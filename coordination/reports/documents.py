"""The written report as a PDF on the unit's letterhead (kop surat), with its routing so far
and how late it was submitted (or is overdue), in the region's working days. Rendered
through orgchart.pdf (WeasyPrint) from plain HTML with no nested flexbox."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from coordination.follow_ups.lateness import Clock
from coordination.reports.models import Report
from orgchart.pdf import write_pdf


def _context(report: Report) -> dict:
    steps = list(report.steps.select_related("actor").order_by("at", "pk"))
    for step in steps:
        step.actor_name = step.actor.get_full_name() or step.actor.get_username()
    return {
        "report": report,
        "region": report.region,
        "unit": report.unit,
        "obligation": report.obligation,
        "period": report.period,
        "lines": list(report.lines.all()),
        "attachments": list(report.attachments.all()),
        "steps": steps,
        # Times are shown with the regional filters, on the region's own clock (WITA …).
        "submitted_at": report.submitted_at,
        "late": Clock.of(report.region).report(report),
        "printed_at": timezone.now(),
    }


def report_pdf(report: Report) -> bytes:
    """The report as A4 PDF: an official document, in Bahasa Indonesia whatever the reader's
    language, its times on the region's own clock whatever the server's zone."""
    with translation.override("id"), timezone.override(report.region.zone):
        html = render_to_string("coordination/report_pdf.html", _context(report))
    return write_pdf(html)
