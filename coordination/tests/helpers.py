"""Builders shared by the coordination tests: a meeting scheduled, invited, attended."""

from __future__ import annotations

import datetime
import zoneinfo

from coordination.services import meetings as svc
from coordination.services.follow_ups import DecisionInput, FollowUpInput, record_minutes
from orgchart.models import Affair


def at(region, day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), zoneinfo.ZoneInfo(region.timezone))


def meeting_input(
    side,
    *,
    day=datetime.date(2026, 6, 3),
    convener=None,
    scope="general",
    affairs=("1.02",),
    **overrides,
) -> svc.MeetingInput:
    values = {
        "region": side.region,
        "title": "Rapat koordinasi penanganan demam berdarah",
        "convener": convener or side.setda,
        "scope": scope,
        "form": "hierarki",
        "starts_at": at(side.region, day, 9),
        "ends_at": at(side.region, day, 11),
        "place": "Ruang rapat Sekretariat Daerah",
        "affairs": list(Affair.objects.filter(code__in=affairs)),
        "agenda": ["Laporan situasi", "Langkah penanganan"],
    }
    values.update(overrides)
    return svc.MeetingInput(**values)


def held_meeting(side, *, day=datetime.date(2026, 6, 3), units=None):
    """Scheduled by the secretariat, invitations sent, every invitee present or absent, and
    minutes with one decision assigning a follow-up to each of ``units`` (default: the dinas)."""
    staff = side.users["secretariat_staff"]
    meeting = svc.schedule_meeting(meeting_input(side, day=day), staff)
    svc.send_invitations(meeting, staff)
    for invitation in meeting.invitations.filter(removed_at__isnull=True):
        if invitation.unit_id == side.dinas.pk:
            data = svc.AttendanceInput(status="present")
        elif invitation.unit.kind in {"dinas", "badan", "bagian"}:
            data = svc.AttendanceInput(status="present", attendee_name="Kepala (uji)")
        else:
            data = svc.AttendanceInput(status="present", attendee_name="Pejabat (uji)")
        svc.record_attendance(invitation, data, staff)
    follow_ups = record_minutes(
        meeting,
        staff,
        minutes="Rapat membahas langkah penanganan.",
        decisions=[
            DecisionInput(
                text="Fogging di kelurahan rawan",
                follow_ups=[
                    FollowUpInput(unit=unit, action="Laksanakan fogging")
                    for unit in (units or [side.dinas])
                ],
            )
        ],
    )
    meeting.refresh_from_db()
    return meeting, follow_ups
