"""A written-report reminder carries a Message-ID made from its own claim row: never the
same as another reminder's, nor as a follow-up reminder's with the same number."""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.core import mail

from coordination.follow_ups.escalation import reminder_message_id
from coordination.follow_ups.models import ReminderLog
from coordination.reports import obligations as ob
from coordination.reports.models import ReportingPeriod, ReportReminder
from coordination.reports.reminders import scan_reports
from coordination.reports.tests.test_reports import obligation_of

D = datetime.date


def test_each_report_reminder_has_its_own_message_id(world):
    side = world.bkt
    obligation = obligation_of(side, "Pasal 16 ayat (2)")
    ob.ensure_periods(obligation, D(2026, 4, 1), D(2026, 4, 1))
    assert ReportingPeriod.objects.get(obligation=obligation, start=D(2026, 4, 1))
    mail.outbox.clear()
    zone = zoneinfo.ZoneInfo(side.region.timezone)
    sent = scan_reports(datetime.datetime(2026, 7, 13, 9, tzinfo=zone), [side.region.pk])
    assert len(sent) > 1
    ids = [message.message()["Message-ID"] for message in mail.outbox]
    rows = ReportReminder.objects.filter(sent_at__isnull=False)
    assert sorted(ids) == sorted(
        f"<reportreminder.{row.pk}.before_due@{settings.PORTAL_HOSTNAME}>" for row in rows
    )
    assert len(set(ids)) == len(ids)


def test_a_report_reminder_and_a_follow_up_reminder_never_share_a_message_id():
    report = reminder_message_id(ReportReminder(pk=7, kind="before_due"))
    follow_up = reminder_message_id(ReminderLog(pk=7, kind="before_due"))
    assert report != follow_up
