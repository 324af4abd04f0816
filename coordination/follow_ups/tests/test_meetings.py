"""Meetings against the region's rules: who convenes (Pasal 9 huruf c, e), the forms and kinds
its text names, the invitees it proposes (huruf g), and who may represent a head (huruf f)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from coordination.follow_ups.services import DecisionInput, FollowUpInput, record_minutes
from coordination.follow_ups.tests.helpers import held_meeting, meeting_input, schedule, update
from coordination.meetings import attendance as att
from coordination.meetings import invitations as inv
from coordination.meetings import scheduling as svc
from coordination.meetings.models import Attendance, Invitation, Meeting

BKT = "Perwal Bukittinggi 4/2017"


def messages(exc: ValidationError) -> str:
    return " ".join(m for values in exc.message_dict.values() for m in values)


def test_sekda_convenes_and_the_portal_proposes_concerned_units_and_their_asisten(world):
    side = world.bkt
    meeting = schedule(meeting_input(side), side.users["secretariat_staff"])
    assert meeting.sources["convener"] == f"{BKT} Pasal 9 huruf c"
    assert meeting.sources["form"] == f"{BKT} Pasal 6"
    invited = {i.unit.name: i for i in meeting.invitations.select_related("unit")}
    # 1.02 Kesehatan: Dinas kesehatan and the Rumah sakit carry it out; their Asisten coordinate.
    assert {"Dinas kesehatan", "Rumah sakit", side.asisten.name, side.asisten_other.name} == set(
        invited
    )
    # The facts are stored; the sentence is composed when shown.
    assert invited["Dinas kesehatan"].reason_kind == "concerned"
    assert invited["Dinas kesehatan"].reason_data["source"] == f"{BKT} Pasal 9 huruf g"
    assert f"{BKT} Pasal 9 huruf g" in invited["Dinas kesehatan"].reason_display
    assert "Dinas kesehatan" in invited[side.asisten.name].reason_display
    assert all(i.proposed for i in invited.values())
    assert [a.text for a in meeting.agenda.all()] == ["Laporan situasi", "Langkah penanganan"]


def test_an_asisten_may_not_convene_general_matters(world):
    side = world.bkt
    with pytest.raises(ValidationError) as exc:
        schedule(meeting_input(side, convener=side.asisten), side.users["secretariat_staff"])
    text = messages(exc.value)
    assert f"{BKT} Pasal 9 huruf c" in text and f"{BKT} Pasal 9 huruf e" in text
    assert not Meeting.objects.exists()


def test_an_asisten_convenes_technical_meetings_within_the_portfolio_only(world):
    side = world.bkt
    staff = side.users["secretariat_staff"]
    inside = schedule(meeting_input(side, convener=side.asisten, scope="technical"), staff)
    assert inside.sources["convener"] == f"{BKT} Pasal 9 huruf e"
    with pytest.raises(ValidationError) as exc:
        schedule(
            meeting_input(side, convener=side.asisten, scope="technical", affairs=("2.15",)), staff
        )
    text = messages(exc.value)
    assert f"{BKT} Pasal 9 huruf e" in text and "2.15" in text
    with pytest.raises(ValidationError, match="Name the affairs"):
        schedule(meeting_input(side, convener=side.asisten, scope="technical", affairs=()), staff)


def test_a_dinas_cannot_convene_and_the_refusal_cites_both_provisions(world):
    side = world.bkt
    with pytest.raises(ValidationError) as exc:
        schedule(
            meeting_input(side, convener=side.dinas, scope="technical"),
            side.users["secretariat_staff"],
        )
    text = messages(exc.value)
    assert "Pasal 9 huruf e" in text and "Pasal 9 huruf c" in text and "Dinas kesehatan" in text


def test_kinds_the_text_does_not_name_are_refused_with_its_provision(world):
    side = world.kukar
    with pytest.raises(ValidationError) as exc:
        schedule(meeting_input(side, kind="permintaan_data"), side.users["secretariat_staff"])
    kinds = "Perbup Kutai Kartanegara 4/2018 Pasal 13 ayat (2) huruf c, d dan e"
    assert kinds in messages(exc.value)
    ok = schedule(meeting_input(side, kind="fasilitasi_mediasi"), side.users["secretariat_staff"])
    assert ok.sources["kind"] == kinds
    # Kutai Kartanegara's text names no forms: the portal's default is cited as such.
    assert ok.sources["form"] is None
    assert ok.provisions()["form"].startswith("portal default")


def test_form_mode_and_periodicity_are_validated(world):
    side = world.bkt
    staff = side.users["secretariat_staff"]
    with pytest.raises(ValidationError) as exc:
        schedule(meeting_input(side, mode="elektronik", place=""), staff)
    assert "online link" in messages(exc.value)
    with pytest.raises(ValidationError) as exc:
        schedule(meeting_input(side, periodicity="periodik"), staff)
    assert "recurrence" in messages(exc.value)
    periodic = schedule(
        meeting_input(side, periodicity="periodik", recurrence="FREQ=MONTHLY;BYDAY=1WE;COUNT=12"),
        staff,
    )
    assert periodic.recurrence.startswith("FREQ=MONTHLY")
    # First Wednesdays from Wed 3 June 2026, 09:00 WIB.
    assert [start.date() for start in periodic.occurrences(3)] == [
        datetime.date(2026, 6, 3),
        datetime.date(2026, 7, 1),
        datetime.date(2026, 8, 5),
    ]
    assert periodic.occurrences(3)[0].hour == 9
    with pytest.raises(ValidationError):
        schedule(meeting_input(side, agenda=["  "]), staff)


def test_only_the_secretariat_of_the_region_schedules(world):
    side = world.bkt
    for user in (
        side.users["agency_head"],
        side.users["asisten"],
        world.kukar.users["secretariat_staff"],
    ):
        with pytest.raises(PermissionDenied):
            schedule(meeting_input(side), user)
    assert not Meeting.objects.exists()


def test_removing_a_proposed_invitee_needs_a_written_reason(world):
    side = world.bkt
    staff = side.users["secretariat_staff"]
    meeting = schedule(meeting_input(side), staff)
    hospital = meeting.invitations.get(unit__name="Rumah sakit")
    with pytest.raises(ValidationError) as exc:
        inv.remove_invitation(hospital, staff, "  ")
    assert f"{BKT} Pasal 9 huruf g" in messages(exc.value)
    inv.remove_invitation(hospital, staff, "Dibahas pada rapat teknis tersendiri")
    hospital.refresh_from_db()
    assert hospital.removed_at and hospital.removal_reason == "Dibahas pada rapat teknis tersendiri"
    added = inv.add_invitation(meeting, side.vertical, staff)
    assert not added.proposed
    with pytest.raises(ValidationError, match="already invited"):
        inv.add_invitation(meeting, side.vertical, staff)
    with pytest.raises(ValidationError):
        inv.add_invitation(meeting, world.kukar.dinas, staff)


def test_invitations_go_out_by_email_with_a_calendar_file(world):
    side = world.bkt
    staff = side.users["secretariat_staff"]
    meeting = schedule(meeting_input(side), staff)
    with pytest.raises(ValidationError):
        schedule(meeting_input(side, ends_at=meeting.starts_at), staff)
    mail.outbox.clear()
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        sent = inv.send_invitations(meeting, staff)
    assert sent == 4
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "bkt_kadis@example.go.id" in message.to and "bkt_asisten@example.go.id" in message.to
    _name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar" and "BEGIN:VEVENT" in str(content)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.INVITED


def _invited(world, side=None):
    side = side or world.bkt
    staff = side.users["secretariat_staff"]
    meeting = schedule(meeting_input(side), staff)
    if side is world.bkt:
        inv.add_invitation(meeting, side.vertical, staff)
        inv.add_invitation(meeting, side.acting_dinas, staff)
    inv.send_invitations(meeting, staff)
    return meeting, staff


def test_a_representative_two_levels_below_is_refused_with_the_citation(world):
    side = world.bkt
    meeting, staff = _invited(world)
    invitation = meeting.invitations.get(unit=side.dinas)
    with pytest.raises(ValidationError) as exc:
        att.record_attendance(
            invitation,
            att.AttendanceInput(status="represented", official=side.officials["level3"]),
            staff,
        )
    text = messages(exc.value)
    assert f"{BKT} Pasal 9 huruf f" in text
    assert "level 3" in text and "Dinas kesehatan" in text
    assert not Attendance.objects.exists()
    # An official of another unit is refused too.
    with pytest.raises(ValidationError, match="holds no position in Dinas kesehatan"):
        att.record_attendance(
            invitation,
            att.AttendanceInput(status="represented", official=side.officials["outsider"]),
            staff,
        )
    # Nobody named at all: refused, citing the rule.
    with pytest.raises(ValidationError, match="Pasal 9 huruf f"):
        att.record_attendance(invitation, att.AttendanceInput(status="represented"), staff)
    ok = att.record_attendance(
        invitation,
        att.AttendanceInput(status="represented", official=side.officials["level2"]),
        staff,
    )
    assert ok.status == "represented" and ok.position.level == 2


def test_acting_heads_count_as_the_head_and_vertical_agencies_name_anyone(world):
    side = world.bkt
    meeting, staff = _invited(world)
    acting = att.record_attendance(
        meeting.invitations.get(unit=side.acting_dinas),
        att.AttendanceInput(status="represented", official=side.officials["acting"]),
        staff,
    )
    assert acting.status == Attendance.Status.PRESENT
    head = att.record_attendance(
        meeting.invitations.get(unit=side.dinas), att.AttendanceInput(status="present"), staff
    )
    assert head.official == side.officials["head"]
    with pytest.raises(ValidationError, match="is not the head"):
        att.record_attendance(
            meeting.invitations.get(unit=side.dinas),
            att.AttendanceInput(status="present", official=side.officials["level2"]),
            staff,
        )
    vertical = att.record_attendance(
        meeting.invitations.get(unit=side.vertical),
        att.AttendanceInput(status="represented", attendee_name="AKP Budi, Kasat Binmas"),
        staff,
    )
    assert vertical.attendee == "AKP Budi, Kasat Binmas"


def test_an_absent_head_of_a_bound_unit_is_flagged(world):
    side = world.bkt
    meeting, staff = _invited(world)
    absent = att.record_attendance(
        meeting.invitations.get(unit=side.dinas), att.AttendanceInput(status="absent"), staff
    )
    assert absent.breached and absent.breach_source == f"{BKT} Pasal 9 huruf f"
    assert f"{BKT} Pasal 9 huruf f" in absent.breach_display
    vertical = att.record_attendance(
        meeting.invitations.get(unit=side.vertical), att.AttendanceInput(status="absent"), staff
    )
    assert not vertical.breached and vertical.breach_display == ""


def test_minutes_need_every_attendance_and_create_follow_ups_with_the_due_date(world):
    side = world.kukar
    meeting, staff = _invited(world, side)
    decisions = [
        DecisionInput(
            text="Percepat vaksinasi", follow_ups=[FollowUpInput(side.dinas, "Siapkan vaksin")]
        )
    ]
    with pytest.raises(ValidationError, match="attendance of every invited unit"):
        record_minutes(meeting, staff, minutes="Notulen", decisions=decisions)
    meeting, follow_ups = held_meeting(side, day=datetime.date(2026, 3, 18))
    (follow_up,) = follow_ups
    assert follow_up.due_date == datetime.date(2026, 3, 26)
    assert follow_up.due_working_days == 2
    assert follow_up.due_source == "Perbup Kutai Kartanegara 4/2018 Pasal 13 ayat (5)"
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_minutes_reject_bad_decisions(world):
    side = world.bkt
    meeting, staff = _invited(world)
    for invitation in meeting.invitations.filter(removed_at__isnull=True):
        att.record_attendance(invitation, att.AttendanceInput(status="absent"), staff)
    bad = [
        DecisionInput(text="", follow_ups=[]),
        DecisionInput(text="X", follow_ups=[FollowUpInput(world.kukar.dinas, "Y")]),
        DecisionInput(
            text="Z", follow_ups=[FollowUpInput(side.dinas, "a"), FollowUpInput(side.dinas, "b")]
        ),
    ]
    with pytest.raises(ValidationError) as exc:
        record_minutes(meeting, staff, minutes="Notulen", decisions=bad)
    text = " ".join(exc.value.messages)
    assert "Decision 1 has no text" in text and "not a unit of the meeting's region" in text
    assert "appears twice" in text
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.INVITED and not meeting.decisions.exists()


def test_cancelling_needs_a_reason_and_freezes_the_meeting(world):
    side = world.bkt
    staff = side.users["secretariat_staff"]
    meeting = schedule(meeting_input(side), staff)
    with pytest.raises(ValidationError):
        svc.cancel_meeting(meeting, staff, " ")
    svc.cancel_meeting(meeting, staff, "Walikota berhalangan")
    with pytest.raises(ValidationError):
        inv.add_invitation(meeting, side.vertical, staff)
    assert Invitation.objects.filter(meeting=meeting).count() == 4


def test_changing_a_meeting_after_the_undangan_resends_it_to_every_invitee(world):
    side = world.bkt
    staff = side.users["secretariat_staff"]
    meeting = schedule(meeting_input(side), staff)
    inv.send_invitations(meeting, staff)
    mail.outbox.clear()
    from django.test import TestCase

    later = meeting_input(side, day=datetime.date(2026, 6, 4))
    with TestCase.captureOnCommitCallbacks(execute=True):
        update(meeting, later, staff)
    (message,) = mail.outbox
    assert "bkt_kadis@example.go.id" in message.to
    assert "4 Juni 2026" in message.body or "4 June 2026" in message.body or "Kamis" in message.body


def test_a_draft_is_not_shown_to_the_agencies_it_proposes(world):
    side = world.bkt
    staff = side.users["secretariat_staff"]
    meeting = schedule(meeting_input(side), staff)
    head = side.users["agency_head"]
    assert not Meeting.objects.visible_to(head).exists()
    assert not head.has_perm("coordination.view_meeting", meeting)
    inv.send_invitations(meeting, staff)
    assert list(Meeting.objects.visible_to(head)) == [meeting]
    assert head.has_perm("coordination.view_decision", meeting)
    assert not side.users["agency_head_other"].has_perm("coordination.view_meeting", meeting)
