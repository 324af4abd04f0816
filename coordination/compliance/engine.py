"""The compliance table of one obligation for one user, and the Sekda's one question: who
has not reported this quarter? Constant queries: the user's role, the obligations, the
periods, the units, one aggregate of first submissions, the region's days off (for how many
working days late a cell is), four for the routes (and, for an Asisten, the few that scope the
reports to the portfolio)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext

from coordination.compliance.queries import (
    active_obligations,
    check_access,
    default_obligation,
    first_submissions,
    gap_period,
    given_periods,
    obliged_rows,
    recent_periods,
)
from coordination.compliance.table import ComplianceTable, period_dict, status_of
from coordination.follow_ups.lateness import Clock
from coordination.oversight.routing import Routes
from coordination.reports.models import Cadence, ReportingObligation, ReportingPeriod
from orgchart.models import Role, assignment_of, role_of
from regulations.models import Region


def _portfolio_of(user, routes: Routes) -> tuple[int, set[int]] | None:
    """An Asisten sees the units routed to their own unit today (their unit id and those
    units); region-wide roles see all (None)."""
    if role_of(user) != Role.ASISTEN:
        return None
    mine = assignment_of(user).unit_id
    return mine, routes.coordinated_by(mine)


def _unit_dict(row: dict, routes: Routes, mine: int | None) -> dict:
    """The unit with its portfolio: its first coordinator, or the Asisten's own when the unit
    sits in two portfolios and the Asisten looking is one of them."""
    routed = routes.of(row["id"])
    route = next((r for r in routed if r.coordinator_id == mine), routed[0] if routed else None)
    return {
        "id": row["id"],
        "name": row["name"],
        "kind": row["kind"],
        "portfolio_id": route.coordinator_id if route else None,
        "portfolio_name": route.coordinator_name if route else "",
    }


def build_table(
    user,
    region: Region,
    today: datetime.date,
    obligation: ReportingObligation | None,
    periods: list[ReportingPeriod],
) -> ComplianceTable:
    """The table of ``periods`` of ``obligation`` for what ``user`` may see (no access check:
    the public functions check first)."""
    table = ComplianceTable(
        region,
        today,
        obligation,
        [period_dict(p) for p in periods],
        [],
        {},
    )
    if obligation is None or not periods:
        return table
    routes = Routes(region, today)
    portfolio = _portfolio_of(user, routes)
    rows = obliged_rows(obligation, table.periods)
    if portfolio is not None:
        rows = [row for row in rows if row["id"] in portfolio[1]]
    table.submitted = first_submissions(user, region, [p["id"] for p in table.periods])
    due = {period["id"]: period["due_date"] for period in table.periods}
    clock = Clock.of(region, today)
    for row in rows:
        table.units.append(_unit_dict(row, routes, portfolio[0] if portfolio else None))
        for period_id in row["obliged"]:
            key = (row["id"], period_id)
            first = table.submitted.get(key)
            table.cells[key] = status_of(first, due[period_id], today)
            late = clock.lateness(due[period_id], clock.local_date(first))
            if late is not None:
                table.late[key] = late
    return table


def compliance(
    user,
    region: Region,
    *,
    today: datetime.date,
    obligation: ReportingObligation | None = None,
    periods: Iterable | None = None,
    last: int = 8,
) -> ComplianceTable:
    """The compliance table of ``obligation`` (default: the region's first active obligation
    to report to the Kepala Daerah) over ``periods`` (default: the ``last`` periods begun by
    ``today``), for what ``user`` may see. PermissionDenied outside the user's region."""
    check_access(user, region)
    if obligation is None:
        obligation = default_obligation(active_obligations(region))
    elif obligation.region_id != region.pk:
        raise PermissionDenied(gettext("This obligation belongs to another region."))
    if obligation is None:
        return build_table(user, region, today, None, [])
    rows = (
        recent_periods(obligation, today, last)
        if periods is None
        else given_periods(obligation, periods)
    )
    return build_table(user, region, today, obligation, rows)


def current_quarter_gaps(
    user, region: Region, *, today: datetime.date
) -> tuple[dict | None, list[dict]]:
    """The Sekda's question, "who has not reported this quarter?": the quarterly period being
    collected (of the obligation to the Kepala Daerah if it is quarterly, else the first
    quarterly one) and the units with no submitted report for it, each with its status."""
    check_access(user, region)
    obligations = active_obligations(region)
    chosen = default_obligation(obligations)
    if chosen is None or chosen.cadence != Cadence.QUARTERLY:
        chosen = next((o for o in obligations if o.cadence == Cadence.QUARTERLY), None)
    period = gap_period(chosen, today) if chosen is not None else None
    if period is None:
        return None, []
    table = build_table(user, region, today, chosen, [period])
    return {**table.periods[0], "obligation_id": chosen.pk}, table.not_reported(period.pk)
