"""A reminder's e-mail carries a Message-ID made from the reminder itself: a resend after a
worker died between sending and marking is recognisable as the same message, and two
different reminders never share one."""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
from django.conf import settings
from django.core import mail

from coordination.core import notify
from coordination.follow_ups import escalation
from coordination.follow_ups.models import ReminderLog
from coordination.follow_ups.tests.helpers import held_meeting

D = datetime.date


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing in the scan catches it, nothing after it runs."""


def noon(region, day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), zoneinfo.ZoneInfo(region.timezone))


def message_ids(messages) -> list[str]:
    return [message.message()["Message-ID"] for message in messages]


def test_a_reminder_resent_after_its_worker_died_carries_the_same_message_id(world, monkeypatch):
    side = world.kukar
    _meeting, (follow_up,) = held_meeting(side, day=D(2026, 6, 3))
    now = noon(side.region, D(2026, 6, 5))  # the due date: the Asisten's notice is owed
    mail.outbox.clear()

    def die(*args, **kwargs):
        raise WorkerKilled

    monkeypatch.setattr(escalation, "mark_sent", die)  # sent, then killed before marking
    with pytest.raises(WorkerKilled):
        escalation.scan(now, [side.region.pk])
    monkeypatch.undo()
    row = ReminderLog.objects.get(follow_up=follow_up, kind="at_due")
    assert row.sent_at is None and len(mail.outbox) == 1
    sent = escalation.scan(now + escalation.CLAIM_LEASE * 2, [side.region.pk])
    assert [s.kind for s in sent] == ["at_due"]
    first, second = message_ids(mail.outbox)
    assert first == second == f"<reminderlog.{row.pk}.at_due@{settings.PORTAL_HOSTNAME}>"
    row.refresh_from_db()
    assert row.attempts == 2 and row.sent_at is not None
    assert escalation.scan(now + escalation.CLAIM_LEASE * 4, [side.region.pk]) == []
    assert len(mail.outbox) == 2


def test_different_reminders_have_different_message_ids(world):
    side = world.kukar
    held_meeting(side, day=D(2026, 6, 3))
    held_meeting(side, day=D(2026, 6, 3))
    mail.outbox.clear()
    # A week on: each follow-up owes the Asisten's notice and the Sekda's escalation.
    sent = escalation.scan(noon(side.region, D(2026, 6, 10)), [side.region.pk])
    assert sorted(s.kind for s in sent) == ["at_due", "at_due", "sekda", "sekda"]
    ids = message_ids(mail.outbox)
    assert len(ids) == 4 and len(set(ids)) == 4
    expected = {
        notify.message_id("reminderlog", row.pk, row.kind) for row in ReminderLog.objects.all()
    }
    assert set(ids) == expected


def test_a_message_id_is_a_valid_header_whatever_its_parts(settings):
    settings.PORTAL_HOSTNAME = "portal.banjarkota.go.id"
    made = notify.message_id("notice kind", "<42>", "a@b", "")
    assert made == "<notice-kind.42.a-b.-@portal.banjarkota.go.id>"
    assert re.fullmatch(r"<[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*@[A-Za-z0-9.-]+>", made)
