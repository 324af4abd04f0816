"""Reminders about written reports, on the follow-up machinery (claim rows, once each):

- one working day before a period's due date, to the head of each unit that has not
  submitted;
- the working day after the due date, to whoever coordinates the unit (its Asisten, or who
  took its coordination over) and to the Sekda.

Each title says its moment (due tomorrow or on a day, late by N working days); recipients
fall back as notify.resolve says, and each row records what became of the reminder."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from coordination.core import notify
from coordination.core.models import Outcome
from coordination.core.moment import moment_of
from coordination.core.workdays import Calendar, region_today
from coordination.follow_ups.escalation import claim_row, send_notice
from coordination.oversight.routing import Routes
from coordination.reports.models import Report, ReportingPeriod, ReportReminder
from coordination.reports.obligations import obliged_units
from orgchart.models import Role, Unit
from regulations.models import Region


@dataclass
class SentReminder:
    period_id: int
    unit_id: int
    kind: str
    recipients: str
    outcome: str = Outcome.DELIVERED


def _kinds(period: ReportingPeriod, calendar: Calendar, today: datetime.date) -> list[str]:
    kinds = []
    if today < period.due_date and calendar.previous_working_day(period.due_date) <= today:
        kinds.append(ReportReminder.Kind.BEFORE_DUE)
    if today > period.due_date:
        kinds.append(ReportReminder.Kind.LATE)
    return kinds


class _Scan:
    """One region's scan on one day: its calendar, and its routes once they are needed."""

    def __init__(self, region: Region, now: datetime.datetime) -> None:
        self.region, self.now = region, now
        self.today = region_today(region, now)
        self.calendar = Calendar.for_region(region)
        self._routes: Routes | None = None

    def recipients(self, unit: Unit, kind: str) -> notify.Recipients:
        if kind == ReportReminder.Kind.BEFORE_DUE:
            return notify.resolve(
                notify.Audience(self.region, (Role.AGENCY_HEAD,), (unit.pk,)), self.today
            )
        self._routes = self._routes or Routes(self.region, self.today)
        coordinators = tuple(route.coordinator_id for route in self._routes.of(unit.pk))
        to_coordinator = notify.Audience(self.region, notify.COORDINATOR_ROLES, coordinators)
        to_sekda = notify.Audience(self.region, (Role.SEKDA,))
        return notify.resolve(to_coordinator, self.today) + notify.resolve(to_sekda, self.today)

    def remind(self, period: ReportingPeriod, unit: Unit, kind: str) -> SentReminder | None:
        claimed = claim_row(
            ReportReminder, {"period": period, "unit": unit, "kind": kind}, self.now
        )
        if claimed is None:
            return None
        row, token = claimed
        recipients = self.recipients(unit, kind)
        context = {
            "period": period,
            "unit": unit,
            "today": self.today,
            "moment": moment_of(period.due_date, self.today, self.calendar),
        }
        if not send_notice(
            ReportReminder, row, token, recipients, f"report_reminder_{kind}", context
        ):
            return None
        return SentReminder(
            period.pk, unit.pk, kind, notify.describe(recipients), recipients.outcome
        )


def _periods(region: Region, scan: _Scan) -> list[ReportingPeriod]:
    horizon = scan.calendar.add_working_days(scan.today, 1)
    # Reminders look back one period at most: older gaps are the dashboard's business.
    return list(
        ReportingPeriod.objects.filter(
            obligation__region=region,
            obligation__active=True,
            due_date__lte=horizon,
            due_date__gte=scan.today - datetime.timedelta(days=45),
        ).select_related("obligation__region")
    )


def scan_reports(
    now: datetime.datetime | None = None, region_ids: list[int] | None = None
) -> list[SentReminder]:
    """Send the report reminders that are due and not yet sent. Safe to run twice."""
    now = now or timezone.now()
    sent: list[SentReminder] = []
    regions = Region.objects.filter(obligations__active=True).distinct().order_by("code")
    if region_ids is not None:
        regions = regions.filter(pk__in=region_ids)
    for region in regions:
        scan = _Scan(region, now)
        for period in _periods(region, scan):
            kinds = _kinds(period, scan.calendar, scan.today)
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
                    result = scan.remind(period, unit, kind)
                    if result:
                        sent.append(result)
    return sent
