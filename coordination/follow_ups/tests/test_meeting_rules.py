"""The meeting rules a secretariat meets on its first day: no meeting scheduled in the past (a
meeting already held is recorded as such), attendance and minutes once the meeting has begun,
recurrence rules with clear messages, the undangan's number, the convening official by name,
the invited unit's answer under Pasal 9 huruf f, a representative recorded by name where the
unit has nobody on record, and no follow-up assigned to the Kepala Daerah."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from coordination.follow_ups.services import DecisionInput, FollowUpInput, record_minutes
from coordination.follow_ups.tests.helpers import at, clock_at, during, meeting_input, schedule
from coordination.meetings import attendance as att
from coordination.meetings import invitations as inv
from coordination.meetings import scheduling as svc
from coordination.meetings.conveners import convening_official
from orgchart.models import Appointment, Official, Position

D = datetime.date
BKT = "Perwal Bukittinggi 4/2017"


def messages(exc: ValidationError) -> str:
    return " ".join(m for values in exc.message_dict.values() for m in values)


def test_a_meeting_cannot_be_scheduled_in_the_past(world):
    side = world.bkt
    data = meeting_input(side, day=D(2026, 6, 3))
    with clock_at(at(side.region, D(2026, 6, 3), 10)), pytest.raises(ValidationError) as exc:
        svc.schedule_meeting(data, side.users["secretariat_staff"])
    assert "cannot be scheduled in the past" in " ".join(exc.value.message_dict["date"])
    assert "Record a meeting already held" in messages(exc.value)


def test_a_meeting_already_held_is_recorded_as_such_without_an_undangan(world):
    side = world.bkt
    staff = side.users["secretariat_staff"]
    data = meeting_input(side, day=D(2026, 6, 3), recorded_afterwards=True)
    with clock_at(at(side.region, D(2026, 6, 4))):
        meeting = svc.schedule_meeting(data, staff)
        # its attendance can be recorded at once, and no undangan went out
        invitation = meeting.invitations.get(unit=side.dinas)
        att.record_attendance(invitation, att.AttendanceInput("present"), staff)
    assert meeting.recorded_afterwards and meeting.status == "invited"
    assert meeting.letter_number == ""
    assert all(row.sent_at for row in meeting.invitations.all())
    assert mail.outbox == []
    later = meeting_input(side, day=D(2026, 6, 10), recorded_afterwards=True)
    with clock_at(at(side.region, D(2026, 6, 4))), pytest.raises(ValidationError) as exc:
        svc.schedule_meeting(later, staff)
    assert "is still to come" in messages(exc.value)


def test_attendance_and_minutes_wait_for_the_meeting_to_start(world):
    side = world.bkt
    staff = side.users["secretariat_staff"]
    meeting = schedule(meeting_input(side, day=D(2026, 6, 3)), staff)
    with clock_at(at(side.region, D(2026, 6, 3), 8)):
        inv.send_invitations(meeting, staff)
        invitation = meeting.invitations.get(unit=side.dinas)
        with pytest.raises(ValidationError, match="recorded once the meeting has started"):
            att.record_attendance(invitation, att.AttendanceInput("present"), staff)
        with pytest.raises(ValidationError, match="recorded once the meeting has started"):
            record_minutes(meeting, staff, minutes="Notulen", decisions=[])
    with during(meeting):
        assert att.record_attendance(invitation, att.AttendanceInput("present"), staff).pk


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("FREQ=SOMETIMES;COUNT=3", "cannot be read"),
        ("every month", "cannot be read"),
        ("FREQ=MONTHLY;BYDAY=1WE", "Say when the series ends"),
        ("FREQ=MONTHLY;BYDAY=1MO;COUNT=6", "does not include the meeting's own date"),
    ],
)
def test_a_bad_recurrence_rule_gets_a_clear_message_not_a_python_error(world, rule, expected):
    side = world.bkt
    data = meeting_input(side, periodicity="periodik", recurrence=rule)
    with pytest.raises(ValidationError) as exc:
        schedule(data, side.users["secretariat_staff"])
    text = " ".join(exc.value.message_dict["recurrence"])
    assert expected in text
    for python in ("unknown", "invalid", "Error", "string", "parameter"):
        assert python not in text


def test_the_undangan_takes_the_next_number_of_the_regions_year(world):
    bkt, kukar = world.bkt, world.kukar
    numbers = []
    for side in (bkt, bkt, kukar):
        staff = side.users["secretariat_staff"]
        meeting = schedule(meeting_input(side, day=D(2026, 6, 3)), staff)
        with clock_at(at(side.region, D(2026, 5, 28))):
            inv.send_invitations(meeting, staff)
            inv.add_invitation(meeting, side.vertical, staff)  # sent at once: same number
        meeting.refresh_from_db()
        numbers.append(meeting.letter_number)
    assert numbers == ["005/001/Setda/2026", "005/002/Setda/2026", "005/001/Setda/2026"]
    staff = bkt.users["secretariat_staff"]
    next_year = schedule(meeting_input(bkt, day=D(2027, 1, 6)), staff)
    with clock_at(at(bkt.region, D(2027, 1, 4))):
        inv.send_invitations(next_year, staff)
    next_year.refresh_from_db()
    assert next_year.letter_number == "005/001/Setda/2027"


def _appoint(side, unit, title, name, kind="definitif"):
    position = Position.objects.filter(unit=unit, level=1).first() or Position.objects.create(
        unit=unit, title=title, level=1
    )
    official = Official.objects.create(region=side.region, name=name)
    Appointment.objects.create(official=official, position=position, kind=kind, start=D(2020, 1, 1))
    return official


def test_the_convening_official_is_named_with_the_post_and_acting_prefix(world):
    side = world.bkt
    meeting = schedule(meeting_input(side), side.users["secretariat_staff"])
    assert str(convening_official(meeting)) == "Sekretaris Daerah"  # nobody on record
    _appoint(side, side.setda, "Sekretaris Daerah Kota Bukittinggi", "Drs. H. Ahmad Fauzi, M.Si")
    post = Position.objects.get(unit=side.setda, level=1).title  # the pack's post, if it has one
    assert str(convening_official(meeting)) == f"Drs. H. Ahmad Fauzi, M.Si, {post}"
    _appoint(side, side.setda, "", "Ir. Rina Marlina", kind="plh")  # stands in for the Sekda
    official = convening_official(meeting)
    assert official.title == f"Plh. {post}"
    assert official.name == "Ir. Rina Marlina"


def test_the_head_answers_the_undangan_under_pasal_9_huruf_f(world):
    side = world.bkt
    staff, head = side.users["secretariat_staff"], side.users["agency_head"]
    meeting = schedule(meeting_input(side, day=D(2026, 6, 3)), staff)
    invitation = meeting.invitations.get(unit=side.dinas)
    with clock_at(at(side.region, D(2026, 6, 1))):
        inv.send_invitations(meeting, staff)
        with pytest.raises(ValidationError) as exc:
            inv.answer_invitation(invitation, inv.AnswerInput("unable"), head)
        assert f"{BKT} Pasal 9 huruf f" in messages(exc.value)
        with pytest.raises(ValidationError) as exc:
            level3 = side.officials["level3"]
            inv.answer_invitation(invitation, inv.AnswerInput("represented", level3), head)
        assert "level 3" in messages(exc.value)
        level2 = side.officials["level2"]
        inv.answer_invitation(
            invitation, inv.AnswerInput("represented", level2, "Rapat DPRD"), head
        )
        with pytest.raises(PermissionDenied):
            inv.answer_invitation(invitation, inv.AnswerInput("attend"), staff)
    invitation.refresh_from_db()
    assert invitation.response == "represented" and invitation.response_official == level2
    with during(meeting), pytest.raises(ValidationError, match="has begun"):
        inv.answer_invitation(invitation, inv.AnswerInput("attend"), head)


def test_where_no_rule_binds_the_unit_a_head_may_answer_unable(world):
    side = world.kukar  # Kutai Kartanegara's text has no representation rule
    staff = side.users["secretariat_staff"]
    meeting = schedule(meeting_input(side, day=D(2026, 6, 3)), staff)
    invitation = meeting.invitations.get(unit=side.dinas)
    with clock_at(at(side.region, D(2026, 6, 1))):
        inv.send_invitations(meeting, staff)
        inv.answer_invitation(invitation, inv.AnswerInput("unable"), side.users["agency_head"])
    invitation.refresh_from_db()
    assert invitation.response == "unable"


def test_a_unit_with_nobody_on_record_is_recorded_by_name_and_post_not_verified(world):
    side = world.bkt
    staff = side.users["secretariat_staff"]
    library = side.units["Dinas perpustakaan dan kearsipan"]
    meeting = schedule(meeting_input(side, day=D(2026, 6, 3)), staff)
    inv.add_invitation(meeting, library, staff)
    inv.send_invitations(meeting, staff)
    invitation = meeting.invitations.get(unit=library)
    with during(meeting):
        with pytest.raises(ValidationError) as exc:
            att.record_attendance(
                invitation, att.AttendanceInput("represented", attendee_name="Yusra"), staff
            )
        assert "attendee_post" in exc.value.message_dict
        recorded = att.record_attendance(
            invitation,
            att.AttendanceInput(
                "represented", attendee_name="Yusra, S.Sos", attendee_post="Sekretaris Dinas"
            ),
            staff,
        )
    assert recorded.status == "represented" and recorded.unverified
    assert (recorded.attendee_name, recorded.attendee_post) == ("Yusra, S.Sos", "Sekretaris Dinas")
    assert not recorded.breached


def test_the_kepala_daerah_is_not_assigned_a_follow_up(world):
    side = world.bkt
    staff = side.users["secretariat_staff"]
    meeting = schedule(meeting_input(side, day=D(2026, 6, 3)), staff)
    inv.send_invitations(meeting, staff)
    for invitation in meeting.invitations.all():
        att.record_attendance(invitation, att.AttendanceInput("absent"), staff)
    decision = DecisionInput("Fogging", [FollowUpInput(unit=side.root, action="Tinjau lokasi")])
    with pytest.raises(ValidationError) as exc:
        record_minutes(meeting, staff, minutes="Notulen", decisions=[decision])
    assert "receives the follow-up reports" in " ".join(exc.value.messages)
    from coordination.follow_ups.forms import MinutesForm

    form = MinutesForm(units=[side.root, side.dinas])
    assert [label for _value, label in form.unit_choices] == [side.dinas.name]
