"""The queries behind the compliance table, each one query whatever the number of rows:
the region's obligations, their recent periods, the obliged units, and the first submission
of each unit's report per period."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Min
from django.utils.translation import gettext

from coordination.reports.access import BAPPEDA_AFFAIR
from coordination.reports.models import Report, ReportingObligation, ReportingPeriod
from orgchart.models import Unit, UnitAffair
from regulations.models import Region


def check_access(user, region: Region) -> None:
    if not user.has_perm("coordination.view_compliance", region):
        raise PermissionDenied(gettext("You may not see this region's reporting compliance."))


def default_obligation(obligations: Iterable[ReportingObligation]) -> ReportingObligation | None:
    """The region's first active obligation to report to the Kepala Daerah, else its first."""
    active = [obligation for obligation in obligations if obligation.active]
    to_head = [o for o in active if o.recipient == ReportingObligation.Recipient.KEPALA_DAERAH]
    return (to_head or active or [None])[0]


def active_obligations(region: Region) -> list[ReportingObligation]:
    return list(
        ReportingObligation.objects.filter(region=region)
        .active()
        .select_related("region")
        .order_by("pk")
    )


def recent_periods(
    obligation: ReportingObligation, today: datetime.date, last: int
) -> list[ReportingPeriod]:
    """The ``last`` periods that have begun by ``today``, oldest first (one query)."""
    rows = ReportingPeriod.objects.filter(obligation=obligation, start__lte=today).order_by(
        "-start"
    )[:last]
    return list(reversed(rows))


def given_periods(obligation: ReportingObligation, periods: Iterable) -> list[ReportingPeriod]:
    """Periods passed by the caller (rows or ids), kept to the obligation's, oldest first."""
    periods = list(periods)
    if all(isinstance(period, ReportingPeriod) for period in periods):
        rows = [period for period in periods if period.obligation_id == obligation.pk]
    else:
        ids = [getattr(period, "pk", period) for period in periods]
        rows = list(ReportingPeriod.objects.filter(obligation=obligation, pk__in=ids))
    return sorted(rows, key=lambda period: period.start)


def _valid(row: dict, day: datetime.date, prefix: str = "") -> bool:
    start, end = row[f"{prefix}valid_from"], row[f"{prefix}valid_until"]
    return (start is None or start <= day) and (end is None or end >= day)


def obliged_rows(obligation: ReportingObligation, periods: list[dict]) -> list[dict]:
    """In one query (two for reports to the Bappeda), the units the obligation binds at the
    end of any of the periods, each with the set of period ids it is obliged in. The same
    rules as ``obliged_units`` (unit and source regulation in force, the Bappeda not
    reporting to itself), for all periods at once; a test holds the two together."""
    first, last = periods[0]["end"], periods[-1]["end"]
    rows = (
        Unit.objects.filter(region_id=obligation.region_id, kind__in=obligation.reporter_kinds)
        .exclude(valid_from__gt=last)
        .exclude(valid_until__lt=first)
        .order_by("tree_id", "lft")
        .values(
            "id",
            "name",
            "kind",
            "valid_from",
            "valid_until",
            "source_regulation_id",
            "source_regulation__valid_from",
            "source_regulation__valid_until",
        )
    )
    skip = _bappeda_by_period(obligation, periods)
    found = []
    for row in rows:
        obliged = {
            period["id"]
            for period in periods
            if _in_force(row, period["end"], "source_regulation")
            and skip.get(period["id"]) != row["id"]
        }
        if obliged:
            found.append({**row, "obliged": obliged})
    return found


def _in_force(row: dict, day: datetime.date, source: str) -> bool:
    """The row and its source regulation, if any, hold on ``day`` (``valid_with_source``)."""
    return _valid(row, day) and (row[f"{source}_id"] is None or _valid(row, day, f"{source}__"))


def _bappeda_by_period(obligation: ReportingObligation, periods: list[dict]) -> dict[int, int]:
    """For reports to the Bappeda, the Bappeda at the end of each period (it does not report
    to itself), as ``bappeda_of`` finds it; one query, and none for other obligations."""
    if obligation.recipient != ReportingObligation.Recipient.BAPPEDA:
        return {}
    rows = list(
        UnitAffair.objects.filter(
            unit__region_id=obligation.region_id,
            affair__code=BAPPEDA_AFFAIR,
            role=UnitAffair.Role.CARRIES_OUT,
        )
        .order_by("unit__lft")
        .values(
            "unit_id",
            "valid_from",
            "valid_until",
            "regulation_id",
            "regulation__valid_from",
            "regulation__valid_until",
        )
    )
    found = {}
    for period in periods:
        row = next((r for r in rows if _in_force(r, period["end"], "regulation")), None)
        if row is not None:
            found[period["id"]] = row["unit_id"]
    return found


def first_submissions(
    user, region: Region, period_ids: list[int]
) -> dict[tuple[int, int], datetime.datetime]:
    """When each unit first submitted its report of each period, in the region's time zone,
    among the reports ``user`` may see (one aggregate query)."""
    zone = zoneinfo.ZoneInfo(region.timezone)
    rows = (
        Report.objects.visible_to(user)
        .filter(region=region, period_id__in=period_ids, first_submitted_at__isnull=False)
        .exclude(status=Report.Status.DRAFT)
        .values("unit_id", "period_id")
        .annotate(first=Min("first_submitted_at"))
        .order_by()
    )
    return {(row["unit_id"], row["period_id"]): row["first"].astimezone(zone) for row in rows}


def gap_period(obligation: ReportingObligation, today: datetime.date) -> ReportingPeriod | None:
    """The period whose reports are being collected: the last one that has ended by ``today``
    (its report is due now or overdue), else the one running."""
    recent = list(
        ReportingPeriod.objects.filter(obligation=obligation, start__lte=today).order_by("-start")[
            :2
        ]
    )
    return next((p for p in recent if p.end < today), recent[0] if recent else None)
