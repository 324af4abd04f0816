"""Reminders about written reports, on the follow-up machinery (claim rows, once each):

- one working day before a period's due date, to the head of each unit that has not
  submitted;
- the working day after the due date, to whoever coordinates the unit (its Asisten, or who
  took its coordination over) and to the Sekda.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from coordination.models import Report, ReportingPeriod, ReportReminder
from coordination.services import notify
from coordination.services.escalation import claim_row, mark_sent
from coordination.services.obligations import obliged_units
from coordination.services.routing import Routes
from coordination.workdays import Calendar, region_today
from orgchart.models import Role
from regulations.models import Region


@dataclass
class SentReminder:
    period_id: int
    unit_id: int
    kind: str
    recipients: str


def _kinds(period: ReportingPeriod, calendar: Calendar, today: datetime.date) -> list[str]:
    kinds = []
    if today < period.due_date and calendar.previous_working_day(period.due_date) <= today:
        kinds.append(ReportReminder.Kind.BEFORE_DUE)
    if today > period.due_date:
        kinds.append(ReportReminder.Kind.LATE)
    return kinds


def scan_reports(now: datetime.datetime | None = None, region_ids: list[int] | None = None):
    """Send the report reminders that are due and not yet sent. Safe to run twice."""
    now = now or timezone.now()
    sent: list[SentReminder] = []
    regions = Region.objects.filter(obligations__active=True).distinct().order_by("code")
    if region_ids is not None:
        regions = regions.filter(pk__in=region_ids)
    for region in regions:
        today = region_today(region, now)
        calendar = Calendar.for_region(region)
        horizon = calendar.add_working_days(today, 1)
        # Reminders look back one period at most: older gaps are the dashboard's business.
        periods = list(
            ReportingPeriod.objects.filter(
                obligation__region=region,
                obligation__active=True,
                due_date__lte=horizon,
                due_date__gte=today - datetime.timedelta(days=45),
            ).select_related("obligation")
        )
        routes = None
        for period in periods:
            kinds = _kinds(period, calendar, today)
            if not kinds:
                continue
            filed = set(
                Report.objects.filter(period=period, submitted_at__isnull=False).values_list(
                    "unit_id", flat=True
                )
            )
            for unit in obliged_units(period.obligation, period.end):
                if unit.pk in filed:
                    continue
                for kind in kinds:
                    claimed = claim_row(
                        ReportReminder, {"period": period, "unit": unit, "kind": kind}, now
                    )
                    if claimed is None:
                        continue
                    row, token = claimed
                    if kind == ReportReminder.Kind.BEFORE_DUE:
                        users = notify.unit_heads(unit.pk)
                    else:
                        routes = routes or Routes(region, today)
                        coordinators = [route.coordinator_id for route in routes.of(unit.pk)]
                        users = notify.coordinator_users(coordinators) + notify.users_with_role(
                            region.pk, Role.SEKDA
                        )
                    notify.send(
                        users,
                        f"report_reminder_{kind}",
                        {"period": period, "unit": unit, "today": today},
                    )
                    recipients = notify.describe(users)
                    if mark_sent(ReportReminder, row, token, recipients=recipients):
                        sent.append(SentReminder(period.pk, unit.pk, kind, recipients))
    return sent
