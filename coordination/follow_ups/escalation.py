"""Escalation of follow-ups that are not done, run by Celery beat:

- one working day before the due date, a reminder to the head of the unit;
- at the due date, notice to whoever coordinates the unit: its Asisten, or whoever took its
  coordination over;
- PORTAL_ESCALATION_DAYS working days after the due date, to the Sekda.

Each (follow-up, kind) is sent at most once: the scan claims a ReminderLog row (unique on
follow-up and kind) before sending, and marks it sent after. A second scan, or two scans at
once, find the row and send nothing. If a worker dies between claim and send, the claim goes
stale after CLAIM_LEASE and the next scan takes it over, so no reminder is lost. If it dies
between send and mark, that one reminder goes out again, with the same Message-ID
(``reminder_message_id``), so that it is recognisable as the same message
(bench/reminder_crash.py measures it).

Every notice says its moment (due tomorrow, due today, overdue by N working days) and never
goes to an empty list: notify.resolve falls back to the acting head, the unit's staff, the
Sekda or the secretariat. What became of it is recorded on the row: delivered, to a fallback,
or undelivered. Nobody to send to settles the row (retrying every quarter hour would change
nothing; the follow-up page shows it); a mail error leaves it unsent for the next scan."""

from __future__ import annotations

import datetime
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from coordination.core import notify
from coordination.core.models import Failure, Outcome
from coordination.core.moment import moment_of
from coordination.core.workdays import Calendar, region_today
from coordination.follow_ups.models import FollowUp, ReminderLog
from coordination.oversight.routing import Routes
from orgchart.models import Role, Unit
from orgchart.vocabulary import UnitKind
from regulations.models import Region

CLAIM_LEASE = datetime.timedelta(minutes=15)
log = logging.getLogger(__name__)


def escalation_days() -> int:
    return int(getattr(settings, "PORTAL_ESCALATION_DAYS", 2))


def local_today(region: Region, now: datetime.datetime) -> datetime.date:
    return region_today(region, now)


def kinds_due(
    follow_up: FollowUp, calendar: Calendar, today: datetime.date, extra_days: int
) -> list[str]:
    """The reminders due for ``follow_up`` on ``today`` (the region's own date)."""
    due = follow_up.due_date
    kinds = []
    if today < due and calendar.previous_working_day(due) <= today:
        kinds.append(ReminderLog.Kind.BEFORE_DUE)
    if today >= due:
        kinds.append(ReminderLog.Kind.AT_DUE)
    if today >= calendar.add_working_days(due, extra_days):
        kinds.append(ReminderLog.Kind.SEKDA)
    return kinds


def claim_row(model, lookup: dict, now: datetime.datetime):
    """Take the right to send one reminder, recorded as a ``model`` row unique on ``lookup``:
    (row, token), or None if it was sent or another worker holds a live claim on it. Shared by
    follow-up and written-report reminders."""
    token = uuid.uuid4()
    try:
        with transaction.atomic():
            row = model.objects.create(**lookup, claimed_at=now, claim_token=token)
        return row, token
    except IntegrityError:
        pass
    taken = model.objects.filter(
        **lookup, sent_at__isnull=True, claimed_at__lt=now - CLAIM_LEASE
    ).update(claimed_at=now, claim_token=token, attempts=F("attempts") + 1)
    if not taken:
        return None
    return model.objects.get(**lookup), token


def mark_sent(model, row, token: uuid.UUID, **fields) -> bool:
    """Record the reminder as sent, if this worker still holds the claim."""
    return bool(
        model.objects.filter(pk=row.pk, claim_token=token, sent_at__isnull=True).update(
            sent_at=timezone.now(), **fields
        )
    )


def settle(model, row, token: uuid.UUID, recipients: notify.Recipients, **fields) -> bool:
    """Record what became of a notice that was handed to the mail backend, or that nobody
    could receive: either way it is settled (``sent_at``) and not tried again."""
    outcome = recipients.outcome
    return mark_sent(
        model,
        row,
        token,
        outcome=outcome,
        route=recipients.route,
        failure=Failure.NO_RECIPIENT if outcome == Outcome.UNDELIVERED else Failure.NONE,
        failure_detail="",
        addressees=recipients.as_data(),
        recipients=notify.describe(recipients),
        **fields,
    )


def record_failure(model, row, token: uuid.UUID, recipients, error: notify.MailFailure) -> None:
    """The mail backend failed: the row stays unsent, so the scan after the claim's lease
    retries it, and shows meanwhile that the notice is undelivered and why."""
    log.error("Notice %s could not be sent: %r", row, error)
    model.objects.filter(pk=row.pk, claim_token=token, sent_at__isnull=True).update(
        outcome=Outcome.UNDELIVERED,
        route=recipients.route,
        failure=Failure.MAIL_ERROR,
        failure_detail=str(error)[:200],
        addressees=recipients.as_data(),
    )


def reminder_message_id(row) -> str:
    """The Message-ID of the reminder a claim row stands for: the same on every attempt, since
    a takeover keeps the row (and so its pk) and only renews the claim."""
    return notify.message_id(row._meta.model_name, row.pk, row.kind)


def send_notice(model, row, token, recipients, template: str, context: dict, **fields) -> bool:
    """Send one claimed notice and record its outcome; False if it is not settled (a mail
    error, recorded for the next scan, or a claim another worker took over)."""
    try:
        notify.send(recipients, template, context, strict=True, message_id=reminder_message_id(row))
    except notify.MailFailure as error:
        record_failure(model, row, token, recipients, error)
        return False
    return settle(model, row, token, recipients, **fields)


def claim(
    follow_up: FollowUp, kind: str, now: datetime.datetime
) -> tuple[ReminderLog, uuid.UUID] | None:
    return claim_row(ReminderLog, {"follow_up": follow_up, "kind": kind}, now)


@dataclass
class Sent:
    follow_up_id: int
    kind: str
    recipients: str
    outcome: str = Outcome.DELIVERED


def _audience(follow_up: FollowUp, kind: str, routes: Routes, setda_id: int | None):
    """(the unit the notice is addressed to, its audience, the routes it explains)."""
    region = follow_up.region
    if kind == ReminderLog.Kind.BEFORE_DUE:
        return (
            follow_up.unit_id,
            notify.Audience(region, (Role.AGENCY_HEAD,), (follow_up.unit_id,)),
            [],
        )
    if kind == ReminderLog.Kind.AT_DUE:
        found = routes.of(follow_up.unit_id)
        ids = tuple(route.coordinator_id for route in found)
        return (
            (ids[0] if ids else None),
            notify.Audience(region, notify.COORDINATOR_ROLES, ids),
            found,
        )
    return setda_id, notify.Audience(region, (Role.SEKDA,)), []


def deliver(
    log_row: ReminderLog,
    token: uuid.UUID,
    routes: Routes,
    setda_id: int | None,
    calendar: Calendar | None = None,
) -> Sent | None:
    follow_up = log_row.follow_up
    calendar = calendar or Calendar.for_region(follow_up.region)
    unit_id, audience, found = _audience(follow_up, log_row.kind, routes, setda_id)
    recipients = notify.resolve(audience, routes.day)
    context = {
        "follow_up": follow_up,
        "routes": found,
        "today": routes.day,
        "moment": moment_of(follow_up.due_date, routes.day, calendar),
    }
    settled = send_notice(
        ReminderLog,
        log_row,
        token,
        recipients,
        f"reminder_{log_row.kind}",
        context,
        recipient_unit_id=unit_id,
    )
    if not settled:
        return None
    return Sent(follow_up.pk, log_row.kind, notify.describe(recipients), recipients.outcome)


def scan(now: datetime.datetime | None = None, region_ids: list[int] | None = None) -> list[Sent]:
    """Send every reminder that is due and not yet sent. Safe to run twice, or at once."""
    now = now or timezone.now()
    extra = escalation_days()
    sent: list[Sent] = []
    regions = Region.objects.filter(follow_ups__status__in=["open", "in_progress"]).distinct()
    if region_ids is not None:
        regions = regions.filter(pk__in=region_ids)
    for region in regions.order_by("code"):
        today = local_today(region, now)
        calendar = Calendar.for_region(region)
        horizon = calendar.add_working_days(today, 1)
        candidates = list(
            FollowUp.objects.pending()
            .filter(region=region, due_date__lte=horizon)
            .select_related("unit", "region", "decision__meeting")
            .order_by("due_date", "pk")
        )
        if not candidates:
            continue
        done = set(
            ReminderLog.objects.filter(follow_up__in=candidates, sent_at__isnull=False).values_list(
                "follow_up_id", "kind"
            )
        )
        routes = Routes(region, today)
        setda_id = (
            Unit.objects.filter(region=region, kind=UnitKind.SETDA)
            .as_of(today)
            .values_list("pk", flat=True)
            .first()
        )
        for follow_up in candidates:
            for kind in kinds_due(follow_up, calendar, today, extra):
                if (follow_up.pk, kind) in done:
                    continue
                claimed = claim(follow_up, kind, now)
                if claimed is None:
                    continue
                row, token = claimed
                row.follow_up = follow_up
                result = deliver(row, token, routes, setda_id, calendar)
                if result:
                    sent.append(result)
    return sent
