"""The meeting's documents: the invitation (undangan) as PDF and as an iCalendar file, and the
minutes (notulen) as PDF. PDFs go through orgchart.pdf (WeasyPrint), from plain HTML with no
nested flexbox."""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from coordination.models import Meeting
from coordination.services.conveners import convener_label, convening_official
from coordination.services.follow_ups import report_route_display
from coordination.services.rules import kinds_label, rule
from orgchart.pdf import write_pdf
from regulations.rule_kinds import RuleKind


def _context(meeting: Meeting) -> dict:
    from coordination.models import Attendance

    zone = zoneinfo.ZoneInfo(meeting.region.timezone)
    invitations = list(
        meeting.invitations.filter(removed_at__isnull=True)
        .select_related("unit", "attendance__official", "attendance__position")
        .order_by("unit__tree_id", "unit__lft")
    )
    decisions = list(meeting.decisions.prefetch_related("follow_ups__unit").order_by("position"))
    labels = {
        "convener": gettext("convener"),
        "form": gettext("form"),
        "kind": gettext("kind"),
        "mode": gettext("mode"),
        "periodicity": gettext("periodicity"),
    }
    # The undangan states the region's own provisions, not the portal's defaults.
    applied = [
        (labels.get(name, name), text)
        for name, text in meeting.provisions().items()
        if (meeting.sources or {}).get(name)
    ]
    representation = rule(meeting.region, RuleKind.REPRESENTATION, meeting.date)
    occurrences = meeting.occurrences(7) if meeting.recurrence else []
    return {
        "meeting": meeting,
        "applied": applied,
        "representation": None
        if representation.is_default or not representation.value["unit_kinds"]
        else {
            "kinds": kinds_label(representation.value["unit_kinds"]),
            "source": representation.source_display,
        },
        "region": meeting.region,
        "convener_label": convener_label(meeting),
        "convener": convening_official(meeting),
        "local_start": meeting.starts_at.astimezone(zone),
        "local_end": meeting.ends_at.astimezone(zone),
        "zone_abbr": meeting.starts_at.astimezone(zone).tzname(),
        "agenda": list(meeting.agenda.order_by("position")),
        "occurrences": occurrences[:6],
        "more_occurrences": len(occurrences) > 6,
        "documents": list(meeting.documents.order_by("uploaded_at", "pk")),
        "affairs": list(meeting.affairs.order_by("code")),
        "invitations": invitations,
        "decisions": decisions,
        "statuses": Attendance.Status,
        "report_route": report_route_display(meeting.region, meeting.date),
        "printed_at": timezone.now().astimezone(zone),
    }


def invitation_pdf(meeting: Meeting) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("coordination/invitation_pdf.html", _context(meeting))
    return write_pdf(html)


def minutes_pdf(meeting: Meeting) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("coordination/minutes_pdf.html", _context(meeting))
    return write_pdf(html)


def invitation_ics(meeting: Meeting) -> bytes:
    """An RFC 5545 calendar with the meeting as one event (with its RRULE if periodic). The UID
    is stable, so a changed meeting replaces the old entry in the invitee's calendar."""
    from icalendar import Calendar, Event, vRecur

    calendar = Calendar()
    calendar.add("prodid", "-//Portal Koordinasi Pemerintah Daerah//ID")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if meeting.status == Meeting.Status.CANCELLED else "REQUEST")
    event = Event()
    host = getattr(settings, "PORTAL_HOSTNAME", "portal.local")
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(datetime.UTC))
    event.add("dtend", meeting.ends_at.astimezone(datetime.UTC))
    event.add("summary", meeting.title)
    agenda = [f"{item.position}. {item.text}" for item in meeting.agenda.order_by("position")]
    description = [
        f"{meeting.region.name}",
        f"Pimpinan rapat: {convener_label(meeting)}",
        "Acara:",
        *agenda,
    ]
    if meeting.online_link:
        description.append(meeting.online_link)
        event.add("url", meeting.online_link)
    event.add("description", "\n".join(description))
    event.add("location", meeting.place or meeting.online_link)
    event.add("status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    event.add("sequence", meeting.history.count() if hasattr(meeting, "history") else 0)
    if meeting.recurrence:
        event.add("rrule", vRecur.from_ical(meeting.recurrence))
    calendar.add_component(event)
    return calendar.to_ical()
