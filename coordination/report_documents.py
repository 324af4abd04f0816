"""The written report as a PDF on the unit's letterhead (kop surat), with its routing so far
and how late it was submitted (or is overdue), in the region's working days. Rendered
through orgchart.pdf (WeasyPrint) from plain HTML with no nested flexbox."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from coordination.models import Report
from coordination.services.compliance.lateness import Clock
from orgchart.pdf import write_pdf


def _context(report: Report) -> dict:
    zone = report.region.zone
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
        "submitted_at": report.submitted_at.astimezone(zone) if report.submitted_at else None,
        "late": Clock.of(report.region).report(report),
        "printed_at": timezone.now().astimezone(zone),
    }


def report_pdf(report: Report) -> bytes:
    """The report as A4 PDF, in the portal's own language (Bahasa Indonesia)."""
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("coordination/report_pdf.html", _context(report))
    return write_pdf(html)
