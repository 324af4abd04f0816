"""The minutes (notulen) as a PDF: the meeting's document (coordination.meetings.documents)
with the decisions taken and the follow-ups they assign, and the route by which the units
report on them (Pasal 13). Rendered through orgchart.pdf (WeasyPrint)."""

from __future__ import annotations

from coordination.follow_ups.services import report_route_display
from coordination.meetings.documents import render_document
from coordination.meetings.models import Meeting
from orgchart.pdf import write_pdf


def minutes_pdf(meeting: Meeting) -> bytes:
    decisions = meeting.decisions.prefetch_related("follow_ups__unit").order_by("position")
    extra = {
        "decisions": list(decisions),
        "report_route": report_route_display(meeting.region, meeting.date),
    }
    return write_pdf(render_document("coordination/minutes_pdf.html", meeting, extra))
