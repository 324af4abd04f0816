"""Builders shared by the coordination tests: a meeting scheduled, invited, attended."""

from __future__ import annotations

import datetime
import zoneinfo
from contextlib import contextmanager

import time_machine

from coordination.follow_ups.services import DecisionInput, FollowUpInput, record_minutes
from coordination.meetings import attendance as att
from coordination.meetings import invitations as inv
from coordination.meetings import scheduling as svc
from orgchart.models import Affair

# The secretariat schedules a meeting this long before it starts.
LEAD_TIME = datetime.timedelta(days=7)


@contextmanager
def clock_at(moment: datetime.datetime):
    """Run the block as if it were ``moment`` (the portal refuses to schedule in the past and
    to record attendance before a meeting starts; the tests' meetings have fixed dates)."""
    with time_machine.travel(moment, tick=False):
        yield


def during(meeting):
    """Run the block an hour into ``meeting`` (attendance and minutes wait for its start)."""
    return clock_at(meeting.starts_at + datetime.timedelta(hours=1))


def before(day: datetime.date, region) -> object:
    """Run the block a week before 09:00 of ``day`` in ``region``."""
    return clock_at(at(region, day) - LEAD_TIME)


def schedule(data: svc.MeetingInput, user):
    """Schedule ``data`` as the secretariat would have, a week before the meeting."""
    with clock_at(data.starts_at - LEAD_TIME):
        return svc.schedule_meeting(data, user)


def update(meeting, data: svc.MeetingInput, user):
    with clock_at(min(meeting.starts_at, data.starts_at) - LEAD_TIME):
        return svc.update_meeting(meeting, data, user)


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
    meeting = schedule(meeting_input(side, day=day), staff)
    inv.send_invitations(meeting, staff)
    for invitation in meeting.invitations.filter(removed_at__isnull=True):
        if invitation.unit_id == side.dinas.pk:
            data = att.AttendanceInput(status="present")
        elif invitation.unit.kind in {"dinas", "badan", "bagian"}:
            data = att.AttendanceInput(
                status="present", attendee_name="Kepala (uji)", attendee_post="Kepala"
            )
        else:
            data = att.AttendanceInput(
                status="present", attendee_name="Pejabat (uji)", attendee_post="Pejabat"
            )
        att.record_attendance(invitation, data, staff)
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
