"""The meeting's documents: the invitation (undangan) as PDF and as an iCalendar file, on which
the minutes' PDF (coordination.follow_ups.documents) builds. PDFs go through orgchart.pdf
(WeasyPrint), from plain HTML with no nested flexbox."""

from __future__ import annotations

import datetime
from email.utils import parseaddr

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from coordination.core.rules import rule
from coordination.meetings.conveners import convener_label, convening_official
from coordination.meetings.models import Attendance, Invitation, Meeting
from orgchart.labels import kinds_label
from orgchart.models import Role, RoleAssignment
from orgchart.pdf import write_pdf
from orgchart.templatetags.regional import local_clock, local_day, local_time
from regulations.rule_kinds import RuleKind

# The undangan and notulen are official documents: Bahasa Indonesia whatever the reader's.
DOCUMENT_LANGUAGE = "id"


def _context(meeting: Meeting) -> dict:
    invitations = list(
        meeting.invitations.filter(removed_at__isnull=True)
        .select_related("unit", "attendance__official", "attendance__position")
        .order_by("unit__tree_id", "unit__lft")
    )
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
        "agenda": list(meeting.agenda.order_by("position")),
        "occurrences": occurrences[:6],
        "more_occurrences": len(occurrences) > 6,
        "documents": list(meeting.documents.order_by("uploaded_at", "pk")),
        "affairs": list(meeting.affairs.order_by("code")),
        "invitations": invitations,
        "statuses": Attendance.Status,
        "printed_at": timezone.now(),  # shown with |local:region, like every time
    }


def render_document(template: str, meeting: Meeting, extra: dict | None = None) -> str:
    """An official document: in Bahasa Indonesia whatever the reader's language, every time on
    the region's own clock (09.00 WITA in Kutai Kartanegara), whatever the server's zone.
    ``extra`` adds what a higher workflow's document shows (the minutes' decisions)."""
    with translation.override(DOCUMENT_LANGUAGE), timezone.override(meeting.region.zone):
        return render_to_string(template, {**_context(meeting), **(extra or {})})


def invitation_pdf(meeting: Meeting) -> bytes:
    return write_pdf(render_document("coordination/invitation_pdf.html", meeting))


# Who receives the undangan of an invited unit (as coordination.meetings.scheduling sends it),
# the head first: the first address known is the unit's ATTENDEE address.
ADDRESSED_ROLES = [
    Role.AGENCY_HEAD,
    Role.KEPALA_DAERAH,
    Role.WAKIL,
    Role.SEKDA,
    Role.ASISTEN,
    Role.STAF_AHLI,
]
# The unit's answer to the undangan (Invitation.Response) as iCalendar's PARTSTAT; no answer
# yet is NEEDS-ACTION.
PARTSTAT = {
    Invitation.Response.ATTEND: "ACCEPTED",
    Invitation.Response.REPRESENTED: "ACCEPTED",
    Invitation.Response.UNABLE: "DECLINED",
}
STATUS = {
    Meeting.Status.DRAFT: "TENTATIVE",
    Meeting.Status.INVITED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
}


def invitation_ics(meeting: Meeting) -> bytes:
    """An RFC 5545 calendar (iTIP METHOD:REQUEST, or CANCEL once cancelled) with the meeting as
    one event: its times on the region's own clock (TZID and VTIMEZONE), the convener as
    ORGANIZER, each active invitee as ATTENDEE with its answer, and the RRULE if periodic. The
    UID is stable and SEQUENCE grows with every change, so a changed or cancelled meeting
    replaces the entry in the invitee's calendar."""
    from icalendar import Calendar, Event, vRecur

    cancelled = meeting.status == Meeting.Status.CANCELLED
    zone = meeting.region.zone
    calendar = Calendar()
    calendar.add("prodid", "-//Portal Koordinasi Pemerintah Daerah//ID")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{settings.PORTAL_HOSTNAME}")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("created", meeting.created_at.astimezone(datetime.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", meeting.title)
    event.add("description", _ics_description(meeting))
    event.add("location", meeting.place or meeting.online_link)
    if meeting.online_link:
        event.add("url", meeting.online_link)
    event.add("status", STATUS.get(meeting.status, "CONFIRMED"))
    event.add("sequence", meeting.history.count())
    if meeting.recurrence:
        event.add("rrule", vRecur.from_ical(meeting.recurrence))
    _add_people(event, meeting)
    calendar.add_component(event)
    calendar.add_missing_timezones()  # the VTIMEZONE of the region's zone, before the event
    return calendar.to_ical()


def _ics_description(meeting: Meeting) -> str:
    """The undangan's facts in Bahasa Indonesia, times as the region reads them: 09.00 WITA."""
    region = meeting.region
    with translation.override(DOCUMENT_LANGUAGE):
        lines = [
            meeting.title,
            f"Pemerintah {region.full_name}",
            f"Hari/tanggal: {local_day(meeting.starts_at, region)}",
            f"Pukul: {local_clock(meeting.starts_at, region)} – "
            f"{local_time(meeting.ends_at, region)}",
        ]
        if meeting.place:
            lines.append(f"Tempat: {meeting.place}")
        if meeting.online_link:
            lines.append(f"Tautan daring: {meeting.online_link}")
        lines.append(f"Pimpinan rapat: {convening_official(meeting)}")
        lines += ["Acara:", *(f"{item.position}. {item.text}" for item in meeting.agenda.all())]
        if meeting.status == Meeting.Status.CANCELLED:
            lines.append("Rapat ini DIBATALKAN.")
    return "\n".join(lines)


def _add_people(event, meeting: Meeting) -> None:
    """ORGANIZER: the convener, at the address of its official in the portal (else the
    portal's own); one ATTENDEE per active invitee, at its head's address where known (else
    the unit's public page), with the unit's answer to the undangan as PARTSTAT."""
    from icalendar import vCalAddress

    invitations = list(
        meeting.invitations.filter(removed_at__isnull=True)
        .select_related("unit")
        .order_by("unit__tree_id", "unit__lft")
    )
    addresses = _addresses([meeting.convener_id, *(row.unit_id for row in invitations)])
    portal = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    organizer = vCalAddress(f"mailto:{(addresses.get(meeting.convener_id) or [portal])[0]}")
    organizer.params["CN"] = f"{convener_label(meeting)} {meeting.region.full_name}"
    event.add("organizer", organizer)
    for invitation in invitations:
        known = addresses.get(invitation.unit_id)
        page = f"https://{settings.PORTAL_HOSTNAME}{reverse('unit', args=[invitation.unit_id])}"
        attendee = vCalAddress(f"mailto:{known[0]}" if known else page)
        attendee.params.update(
            {
                "CN": invitation.unit.name,
                "CUTYPE": "GROUP",
                "ROLE": "REQ-PARTICIPANT",
                "PARTSTAT": PARTSTAT.get(invitation.response, "NEEDS-ACTION"),
            }
        )
        event.add("attendee", attendee, encode=0)


def _addresses(unit_ids: list[int]) -> dict[int, list[str]]:
    """The e-mail addresses of the active users bound to each unit, the head's first."""
    rank = {role: number for number, role in enumerate(ADDRESSED_ROLES)}
    rows = RoleAssignment.objects.filter(
        unit_id__in=unit_ids, role__in=ADDRESSED_ROLES, user__is_active=True
    ).exclude(user__email="")
    found: dict[int, list[str]] = {}
    ordered = sorted(
        rows.values_list("unit_id", "role", "user__email", "user__username"),
        key=lambda row: (rank[row[1]], row[3]),
    )
    for unit_id, _role, email, _username in ordered:
        found.setdefault(unit_id, []).append(email)
    return found
