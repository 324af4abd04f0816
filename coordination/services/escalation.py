"""Escalation of follow-ups that are not done, run by Celery beat:

- one working day before the due date, a reminder to the head of the unit;
- at the due date, notice to whoever coordinates the unit: its Asisten, or whoever took its
  coordination over;
- PORTAL_ESCALATION_DAYS working days after the due date, to the Sekda.

Each (follow-up, kind) is sent at most once: the scan claims a ReminderLog row (unique on
follow-up and kind) before sending, and marks it sent after. A second scan, or two scans at
once, find the row and send nothing. If a worker dies between claim and send, the claim goes
stale after CLAIM_LEASE and the next scan takes it over, so no reminder is lost.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from coordination.models import FollowUp, ReminderLog
from coordination.services import notify
from coordination.services.routing import Routes
from coordination.workdays import Calendar, region_today
from orgchart.models import Role, Unit
from orgchart.vocabulary import UnitKind
from regulations.models import Region

CLAIM_LEASE = datetime.timedelta(minutes=15)


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


def claim(
    follow_up: FollowUp, kind: str, now: datetime.datetime
) -> tuple[ReminderLog, uuid.UUID] | None:
    return claim_row(ReminderLog, {"follow_up": follow_up, "kind": kind}, now)


@dataclass
class Sent:
    follow_up_id: int
    kind: str
    recipients: str


def _recipients(follow_up: FollowUp, kind: str, routes: Routes, setda_id: int | None):
    if kind == ReminderLog.Kind.BEFORE_DUE:
        return follow_up.unit_id, notify.unit_heads(follow_up.unit_id), {}
    if kind == ReminderLog.Kind.AT_DUE:
        found = routes.of(follow_up.unit_id)
        ids = [route.coordinator_id for route in found]
        return (ids[0] if ids else None), notify.coordinator_users(ids), {"routes": found}
    return setda_id, notify.users_with_role(follow_up.region_id, Role.SEKDA), {}


def deliver(
    log: ReminderLog, token: uuid.UUID, routes: Routes, setda_id: int | None
) -> Sent | None:
    follow_up = log.follow_up
    unit_id, users, extra = _recipients(follow_up, log.kind, routes, setda_id)
    notify.send(
        users,
        f"reminder_{log.kind}",
        {"follow_up": follow_up, "routes": extra.get("routes", []), "today": routes.day},
    )
    recipients = notify.describe(users)
    marked = mark_sent(ReminderLog, log, token, recipients=recipients, recipient_unit_id=unit_id)
    return Sent(follow_up.pk, log.kind, recipients) if marked else None


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
                log, token = claimed
                log.follow_up = follow_up
                result = deliver(log, token, routes, setda_id)
                if result:
                    sent.append(result)
    return sent
