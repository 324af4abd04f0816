"""A day's worth of work around one moment, for the worklist tests: meetings to answer, attend
and minute, follow-ups due, overdue, reported and returned, reports due, drafted, returned and
in review, urgent decisions. Rows are written directly (the services' own rules are tested
elsewhere), the answers to undangan too, as their answering page is built elsewhere.

``day_of_work(side, now)`` builds the small set whose counts the tests spell out;
``more_work(side, now, n)`` adds n more of each kind, to show the queries do not grow.
"""

from __future__ import annotations

import datetime
import itertools

from coordination.follow_ups.models import Decision, FollowUp, FollowUpTransition
from coordination.meetings.models import Attendance, Invitation, Meeting
from coordination.oversight.models import UrgentDecision
from coordination.reports import obligations as ob
from coordination.reports.models import Report, ReportingPeriod
from orgchart.models import Unit

H = datetime.timedelta(hours=1)
D = datetime.timedelta(days=1)
_positions = itertools.count(1)


def local(side, day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), side.region.zone)


def meeting(side, start, *, status=Meeting.Status.INVITED, hours=2, title="Rapat koordinasi"):
    return Meeting.objects.create(
        region=side.region,
        title=title,
        convener=side.setda,
        scope=Meeting.Scope.GENERAL,
        form=Meeting.Form.HIERARKI,
        starts_at=start,
        ends_at=start + hours * H,
        place="Ruang rapat Sekretariat Daerah",
        status=status,
    )


def invite(meeting, unit, now, *, sent=True, response="", removed=False, attended=False):
    invitation = Invitation.objects.create(
        meeting=meeting,
        unit=unit,
        sent_at=now - 3 * D if sent else None,
        response=response,
        removed_at=now - D if removed else None,
        removal_reason="Tidak terkait" if removed else "",
    )
    if attended:
        Attendance.objects.create(invitation=invitation, status=Attendance.Status.PRESENT)
    return invitation


def follow_up(side, unit, due, now, *, status=FollowUp.Status.OPEN, received=False, base=None):
    base = base or meeting(side, now - 20 * D, status=Meeting.Status.HELD)
    decision = Decision.objects.create(meeting=base, position=next(_positions), text="Keputusan")
    done = status == FollowUp.Status.DONE
    return FollowUp.objects.create(
        region=side.region,
        decision=decision,
        unit=unit,
        action="Laksanakan",
        due_date=due,
        due_working_days=2,
        status=status,
        report="Selesai dilaksanakan." if done else "",
        done_at=now if done else None,
        sekda_received_at=now if received else None,
    )


def returned(follow_up_row, actor) -> FollowUp:
    """Reported done, then sent back by the Sekda with a note."""
    FollowUpTransition.objects.create(
        follow_up=follow_up_row, from_status="in_progress", to_status="done", actor=actor
    )
    FollowUpTransition.objects.create(
        follow_up=follow_up_row, from_status="done", to_status="in_progress", actor=actor, note="x"
    )
    follow_up_row.status = FollowUp.Status.IN_PROGRESS
    follow_up_row.save(update_fields=["status"])
    return follow_up_row


def obligation(side, day: datetime.date, citation: str):
    return next(o for o in ob.sync_obligations(side.region, day) if o.source.endswith(citation))


def periods(obligation_row, first: datetime.date, last: datetime.date) -> list[ReportingPeriod]:
    ob.ensure_periods(obligation_row, first, last)
    return list(
        ReportingPeriod.objects.filter(obligation=obligation_row, start__gte=first, start__lte=last)
    )


def report(obligation_row, period, unit, user, now, status=Report.Status.SUBMITTED, **extra):
    filed = status != Report.Status.DRAFT
    return Report.objects.create(
        region=obligation_row.region,
        obligation=obligation_row,
        period=period,
        unit=unit,
        status=status,
        title=extra.pop("title", ""),
        created_by=user,
        submitted_at=now - D if filed else None,
        first_submitted_at=now - D if filed else None,
        **extra,
    )


def urgent(side, unit, user, now, *, reported=False) -> UrgentDecision:
    return UrgentDecision.objects.create(
        region=side.region,
        unit=unit,
        decided_on=now.date(),
        subject="Penanganan banjir",
        decision="Evakuasi warga",
        urgency="Air naik",
        not_a_matter_of_principle=True,
        source="Pasal 10",
        recorded_by=user,
        reported_at=now if reported else None,
    )


def day_of_work(side, now: datetime.datetime, citation: str = "Pasal 16 ayat (2)") -> dict:
    """The small set around ``now`` (a Wednesday, for the counts the tests spell out)."""
    today = side.region.today(now)
    monday = today - today.weekday() * D
    dinas, other = side.dinas, side.other_dinas
    for start, kw in (
        (now + D, {}),  # to answer, this week
        (now + 2 * D, {"response": "attend"}),  # answered, this week
        (local(side, monday + 7 * D), {}),  # to answer, next week
    ):
        invite(meeting(side, start), dinas, now, **kw)
    invite(meeting(side, now + D, status=Meeting.Status.DRAFT), dinas, now, sent=False)
    invite(meeting(side, now + D), dinas, now, removed=True)  # withdrawn: not the unit's
    invite(meeting(side, now + D, status=Meeting.Status.CANCELLED), dinas, now)
    started = meeting(side, now - H)  # under way: attendance to record, not to answer
    invite(started, dinas, now)
    ended = meeting(side, local(side, monday))  # Monday, ended: minutes to write
    invite(ended, dinas, now, attended=True)
    invite(ended, other, now, attended=True)
    last_week = meeting(side, local(side, monday - 5 * D))  # attendance and minutes missing
    invite(last_week, other, now)
    held = meeting(side, local(side, monday + D), status=Meeting.Status.HELD)
    invite(held, dinas, now, attended=True)

    base = meeting(side, now - 20 * D, status=Meeting.Status.HELD, title="Rapat lalu")
    sekda = side.users["sekda"]
    follow_up(side, dinas, today, now, base=base)  # due today
    follow_up(side, dinas, today - 5 * D, now, status="in_progress", base=base)  # overdue
    follow_up(side, dinas, today + 10 * D, now, base=base)  # pending
    follow_up(side, dinas, today - 2 * D, now, status="done", base=base)  # waiting for review
    follow_up(side, dinas, today - 9 * D, now, status="done", received=True, base=base)
    returned(follow_up(side, dinas, today + 2 * D, now, status="done", base=base), sekda)
    follow_up(side, other, today - 9 * D, now, base=base)  # another unit's, overdue
    follow_up(side, other, today - 1 * D, now, status="done", base=base)  # another's, to review

    head, other_head = side.users["agency_head"], side.users["agency_head_other"]
    duty = obligation(side, today, citation)
    q3, q4, q1, q2 = periods(duty, datetime.date(2025, 7, 1), datetime.date(2026, 4, 1))
    report(duty, q4, dinas, head, now)  # waiting for the Sekda's receipt
    report(duty, q1, dinas, head, now, status=Report.Status.DRAFT)  # a draft, still due
    report(duty, None, dinas, head, now, status=Report.Status.RETURNED, title="Banjir")
    report(duty, q4, other, other_head, now, status=Report.Status.RETURNED)
    report(duty, q1, other, other_head, now, status=Report.Status.RECEIVED)  # to accept

    urgent(side, dinas, head, now)
    urgent(side, dinas, head, now, reported=True)
    urgent(side, other, other_head, now)
    return {"obligation": duty, "periods": [q3, q4, q1, q2]}


def more_work(side, now: datetime.datetime, n: int, made: dict) -> None:
    """n more meetings, follow-ups, reports and urgent decisions of every kind."""
    today = side.region.today(now)
    dinas, other = side.dinas, side.other_dinas
    head, other_head = side.users["agency_head"], side.users["agency_head_other"]
    base = meeting(side, now - 20 * D, status=Meeting.Status.HELD, title="Rapat lain")
    units = list(
        Unit.objects.filter(region=side.region, kind__in=["dinas", "badan"])
        .exclude(pk__in=[dinas.pk, other.pk])
        .order_by("lft")
    )
    duty, (q3, q4, q1, _q2) = made["obligation"], made["periods"]
    for index in range(n):
        invite(meeting(side, now + (index % 3 + 1) * H), dinas, now)
        invite(meeting(side, now - (index % 5 + 1) * D), other, now)
        follow_up(side, dinas, today - (index % 4) * D, now, base=base)
        follow_up(side, other, today - (index % 7) * D, now, status="done", base=base)
        urgent(side, dinas if index % 2 else other, head if index % 2 else other_head, now)
        unit = units[index % len(units)]
        period = (q3, q4, q1)[index // len(units) % 3]
        report(duty, period, unit, head, now, status=("submitted", "returned")[index % 2])
        report(duty, None, dinas, head, now, status=("draft", "returned")[index % 2])
