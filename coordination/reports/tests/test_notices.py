"""Notices: a title that says its moment, a recipient always (the unit's acting head, its staff,
the Sekda, the secretariat), and a visible record of what became of each one."""

from __future__ import annotations

import datetime
import logging
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coordination.core import notify
from coordination.follow_ups import escalation
from coordination.follow_ups.models import ReminderLog
from coordination.follow_ups.services import transition
from coordination.follow_ups.tests.helpers import held_meeting, meeting_input, schedule
from coordination.follow_ups.tests.test_follow_ups import noon
from coordination.meetings import invitations as inv
from coordination.reports import obligations as ob
from coordination.reports import services as rp
from coordination.reports.models import ReportingPeriod, ReportReminder
from coordination.reports.reminders import scan_reports
from orgchart.models import Appointment, Official, Position
from tests.factories import user_with_role

D = datetime.date


@pytest.fixture
def english(settings):
    """E-mails in English, so that the titles can be read before the catalogue has them."""
    settings.LANGUAGE_CODE = "en"


def _mails_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def _silence(*users) -> None:
    """These people have no address any more: nobody can mail them."""
    for user in users:
        user.email = ""
        user.save(update_fields=["email"])


def _scan(side, day: datetime.date) -> list:
    return escalation.scan(noon(side.region, day), [side.region.pk])


# --- The title says the moment --------------------------------------------------------------


def test_the_reminder_before_the_due_date_says_tomorrow(world, english):
    side = world.kukar
    held_meeting(side, day=D(2026, 6, 3))  # due Friday 5 June
    mail.outbox.clear()
    _scan(side, D(2026, 6, 4))
    (message,) = _mails_to("kukar_kadis@example.go.id")
    assert message.subject == "Reminder: a follow-up of Dinas Kesehatan is due tomorrow"
    assert "due tomorrow, Friday, 5 June 2026" in message.body


def test_the_reminder_before_a_due_date_after_a_weekend_names_the_day(world, english):
    side = world.kukar
    held_meeting(side, day=D(2026, 6, 4))  # Thursday + 2 working days: Monday 8 June
    mail.outbox.clear()
    _scan(side, D(2026, 6, 5))
    (message,) = _mails_to("kukar_kadis@example.go.id")
    assert message.subject == (
        "Reminder: a follow-up of Dinas Kesehatan is due on Monday, 8 June 2026"
    )


def test_the_notice_on_the_due_date_says_due_today(world, english):
    side = world.kukar
    held_meeting(side, day=D(2026, 6, 3))
    _scan(side, D(2026, 6, 4))
    mail.outbox.clear()
    _scan(side, D(2026, 6, 5))
    (message,) = _mails_to("kukar_asisten@example.go.id")
    assert message.subject == "Due today and not done: a follow-up of Dinas Kesehatan"
    assert "is due today, Friday, 5 June 2026" in message.body


def test_a_first_scan_two_working_days_late_says_overdue_by_2_working_days(world, english):
    side = world.kukar
    held_meeting(side, day=D(2026, 6, 3))  # due Friday 5 June
    mail.outbox.clear()
    _scan(side, D(2026, 6, 9))  # Tuesday: the weekend does not count
    (at_due,) = _mails_to("kukar_asisten@example.go.id")
    assert at_due.subject == (
        "Overdue by 2 working days and not done: a follow-up of Dinas Kesehatan"
    )
    (sekda,) = _mails_to("kukar_sekda@example.go.id")
    assert sekda.subject == "Overdue by 2 working days: a follow-up of Dinas Kesehatan"


def test_one_working_day_late_is_singular(world, english):
    side = world.kukar
    held_meeting(side, day=D(2026, 6, 3))
    mail.outbox.clear()
    _scan(side, D(2026, 6, 8))
    (message,) = _mails_to("kukar_asisten@example.go.id")
    assert message.subject.startswith("Overdue by 1 working day and not done")


def _bkt_period(side) -> ReportingPeriod:
    obligation = next(
        o
        for o in ob.sync_obligations(side.region, D(2026, 6, 1))
        if o.source.endswith("Pasal 16 ayat (2)")
    )
    ob.ensure_periods(obligation, D(2026, 4, 1), D(2026, 4, 1))
    return ReportingPeriod.objects.get(obligation=obligation, start=D(2026, 4, 1))


def _at(side, day: datetime.date) -> datetime.datetime:
    return noon(side.region, day)


def test_report_reminders_say_tomorrow_and_late_by_n_working_days(world, english):
    side = world.bkt
    period = _bkt_period(side)
    assert period.due_date == D(2026, 7, 14)  # a Tuesday
    mail.outbox.clear()
    scan_reports(_at(side, D(2026, 7, 13)), [side.region.pk])
    (before,) = _mails_to("bkt_kadis@example.go.id")
    assert before.subject == (
        "Reminder: the written report of Dinas kesehatan for Quarter II 2026 is due tomorrow"
    )
    mail.outbox.clear()
    scan_reports(_at(side, D(2026, 7, 16)), [side.region.pk])  # Thursday: 2 working days late
    late = [m for m in _mails_to("bkt_asisten@example.go.id") if "Dinas kesehatan" in m.subject]
    assert [m.subject for m in late] == [
        "Late by 2 working days: no written report of Dinas kesehatan for Quarter II 2026"
    ]
    assert "due on Tuesday, 14 July 2026" in late[0].body


# --- Never an empty recipient ---------------------------------------------------------------


def _acting_user(side, unit, kind=Appointment.Kind.PLH, username="kukar_plh"):
    """A user whose official holds the unit's head post as Plt./Plh./Pj. (bound elsewhere)."""
    official = Official.objects.create(region=side.region, name="PLH KEPALA", nip="")
    position, _ = Position.objects.get_or_create(
        unit=unit, level=1, defaults={"title": f"Kepala {unit.name}"}
    )
    Appointment.objects.create(official=official, position=position, kind=kind, start=D(2026, 1, 1))
    user = user_with_role(username, "agency_head", side.other_dinas)
    user.email = f"{username}@example.go.id"
    user.save()
    user.role_assignment.official = official
    user.role_assignment.save()
    return user


def _before_due_row(side) -> ReminderLog:
    _scan(side, D(2026, 6, 4))
    return ReminderLog.objects.get(kind="before_due")


def test_without_the_head_the_reminder_goes_to_the_acting_head(world):
    side = world.kukar
    held_meeting(side, day=D(2026, 6, 3))
    _silence(side.users["agency_head"])
    _acting_user(side, side.dinas)
    mail.outbox.clear()
    row = _before_due_row(side)
    assert [m.to for m in mail.outbox] == [["kukar_plh@example.go.id"]]
    assert (row.outcome, row.route) == ("fallback", "acting_head")
    assert [person["email"] for person in row.addressees] == ["kukar_plh@example.go.id"]


def test_a_definitive_head_without_a_user_is_no_acting_head(world):
    """Only a Plt./Plh./Pj. stands in: the definitive head's own post is not a fallback."""
    side = world.kukar
    held_meeting(side, day=D(2026, 6, 3))
    _silence(side.users["agency_head"])
    _acting_user(side, side.dinas, kind=Appointment.Kind.DEFINITIF, username="kukar_def")
    mail.outbox.clear()
    row = _before_due_row(side)
    assert row.route == "unit_staff"


def test_without_head_or_acting_head_the_reminder_goes_to_the_units_staff(world):
    side = world.kukar
    held_meeting(side, day=D(2026, 6, 3))
    _silence(side.users["agency_head"])
    mail.outbox.clear()
    row = _before_due_row(side)
    assert [m.to for m in mail.outbox] == [["kukar_staf@example.go.id"]]
    assert (row.outcome, row.route) == ("fallback", "unit_staff")


def test_without_anyone_in_the_unit_the_reminder_goes_to_the_regions_secretariat(world):
    side = world.kukar
    held_meeting(side, day=D(2026, 6, 3))
    _silence(side.users["agency_head"], side.users["agency_staff"])
    mail.outbox.clear()
    row = _before_due_row(side)
    assert [m.to for m in mail.outbox] == [["kukar_setda@example.go.id"]]
    assert (row.outcome, row.route) == ("fallback", "secretariat")


def test_without_the_asisten_the_coordinators_notice_goes_to_the_sekda(world):
    side = world.kukar
    held_meeting(side, day=D(2026, 6, 3))
    _silence(side.users["asisten"])
    mail.outbox.clear()
    _scan(side, D(2026, 6, 5))
    row = ReminderLog.objects.get(kind="at_due")
    assert [m.to for m in mail.outbox] == [["kukar_sekda@example.go.id"]]
    assert (row.outcome, row.route) == ("fallback", "sekda")


def test_without_the_sekda_the_escalation_goes_to_an_acting_sekda_then_the_secretariat(world):
    side = world.kukar
    _silence(side.users["sekda"])
    audience = notify.Audience(side.region, ("sekda",))
    found = notify.resolve(audience, D(2026, 6, 9))
    assert ([u.username for u in found], found.route) == (["kukar_setda"], "secretariat")
    acting = _acting_user(side, side.setda, kind=Appointment.Kind.PLT, username="kukar_pltsekda")
    found = notify.resolve(audience, D(2026, 6, 9))
    assert (list(found), found.route) == ([acting], "acting_head")


def test_the_sekdas_report_notice_falls_back_too_and_a_mail_to_nobody_is_logged(world, caplog):
    side = world.kukar
    _meeting, (follow_up,) = held_meeting(side, day=D(2026, 6, 3))
    head = side.users["agency_head"]
    transition(follow_up, "in_progress", head)
    _silence(side.users["sekda"])
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        transition(follow_up, "done", head, report="Selesai.")
    assert [m.to for m in mail.outbox] == [["kukar_setda@example.go.id"]]
    _silence(side.users["secretariat_staff"])
    transition(follow_up, "in_progress", side.users["sekda"], note="Lengkapi.")
    mail.outbox.clear()
    with (
        caplog.at_level(logging.WARNING, logger="coordination.core.notify"),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        transition(follow_up, "done", head, report="Selesai, lengkap.")
    assert mail.outbox == []
    (record,) = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "follow_up_reported" in record.getMessage()
    assert side.setda.name in record.getMessage()


def test_an_invited_unit_without_users_reaches_the_secretariat(world):
    side = world.kukar
    found = notify.users_of_units([side.vertical.pk], ["agency_head"])
    assert ([u.username for u in found], found.route) == (["kukar_setda"], "secretariat")


# --- Undelivered is visible -----------------------------------------------------------------


def _nobody(side) -> None:
    _silence(side.users["agency_head"], side.users["agency_staff"], side.users["secretariat_staff"])


def test_an_undeliverable_reminder_is_recorded_once_and_not_retried(world):
    side = world.kukar
    held_meeting(side, day=D(2026, 6, 3))
    _nobody(side)
    mail.outbox.clear()
    sent = _scan(side, D(2026, 6, 4))
    assert [(s.kind, s.outcome) for s in sent] == [("before_due", "undelivered")]
    row = ReminderLog.objects.get(kind="before_due")
    assert (row.outcome, row.route, row.failure) == ("undelivered", "nobody", "no_recipient")
    assert row.sent_at is not None and row.addressees == []
    later = noon(side.region, D(2026, 6, 4)) + escalation.CLAIM_LEASE * 3
    assert escalation.scan(later, [side.region.pk]) == []
    row.refresh_from_db()
    assert row.attempts == 1 and mail.outbox == []


def test_a_failing_mail_server_is_recorded_and_retried_at_the_next_scan(world, monkeypatch):
    side = world.kukar
    held_meeting(side, day=D(2026, 6, 3))
    now = noon(side.region, D(2026, 6, 4))

    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("connection closed")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    assert escalation.scan(now, [side.region.pk]) == []
    row = ReminderLog.objects.get(kind="before_due")
    assert (row.outcome, row.failure, row.sent_at) == ("undelivered", "mail_error", None)
    assert row.failure_detail == "SMTPServerDisconnected" and row.retrying
    monkeypatch.undo()
    assert escalation.scan(now + datetime.timedelta(minutes=5), [side.region.pk]) == []
    sent = escalation.scan(now + escalation.CLAIM_LEASE * 2, [side.region.pk])
    assert [(s.kind, s.outcome) for s in sent] == [("before_due", "delivered")]
    row.refresh_from_db()
    assert (row.outcome, row.failure, row.attempts) == ("delivered", "", 2) and row.sent_at


def test_the_follow_up_page_shows_its_notices_and_flags_the_undelivered(world, client):
    side = world.kukar
    _meeting, (follow_up,) = held_meeting(side, day=D(2026, 6, 3))
    _nobody(side)
    _scan(side, D(2026, 6, 4))  # the head's reminder: nobody to send it to
    _scan(side, D(2026, 6, 5))  # the Asisten's notice goes out
    client.force_login(side.users["sekda"])
    url = reverse("coordination:follow-up", args=[follow_up.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    section = page[page.index('id="notices"') :]
    assert "outcome-undelivered" in section and "outcome-delivered" in section
    assert "nobody to send it to" in section
    assert "asisten" in section  # the Asisten's name (first_name of the persona)


def test_the_follow_up_page_reads_its_notices_in_one_query(world, client):
    side = world.kukar
    _meeting, (follow_up,) = held_meeting(side, day=D(2026, 6, 3))
    client.force_login(side.users["sekda"])
    url = reverse("coordination:follow-up", args=[follow_up.pk])
    _scan(side, D(2026, 6, 4))
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    _scan(side, D(2026, 6, 12))
    assert ReminderLog.objects.filter(follow_up=follow_up).count() == 3
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    assert len(three) == len(one)


def test_the_report_page_shows_the_undelivered_reminder_of_its_unit_and_period(world, client):
    side = world.bkt
    period = _bkt_period(side)
    head = side.users["agency_head"]
    report = rp.start_report(period.obligation, period, side.dinas, head)
    _nobody(side)
    scan_reports(_at(side, D(2026, 7, 13)), [side.region.pk])
    row = ReportReminder.objects.get(unit=side.dinas, period=period)
    assert (row.outcome, row.failure) == ("undelivered", "no_recipient")
    client.force_login(head)
    page = client.get(reverse("coordination:report", args=[report.pk])).content.decode()
    section = page[page.index('id="notices"') :]
    assert section.count("notice-row") == 1 and "outcome-undelivered" in section


# --- Local time ------------------------------------------------------------------------------


def test_e_mails_of_a_kutai_kartanegara_meeting_read_in_wita(world):
    side = world.kukar
    staff = side.users["secretariat_staff"]
    meeting = schedule(meeting_input(side, day=D(2026, 6, 3)), staff)
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        inv.send_invitations(meeting, staff)
    (invitation,) = _mails_to("kukar_kadis@example.go.id")
    # Indonesian by default; 09.00 local time in Kalimantan Timur is WITA (UTC+8).
    assert "Rabu, 3 Juni 2026 09.00 WITA" in invitation.body
    assert "11.00 WITA" in invitation.body


def test_reminders_give_the_due_day_as_the_region_writes_it(world):
    side = world.kukar
    held_meeting(side, day=D(2026, 6, 3))
    mail.outbox.clear()
    _scan(side, D(2026, 6, 4))
    (message,) = _mails_to("kukar_kadis@example.go.id")
    assert "Jumat, 5 Juni 2026" in message.body
