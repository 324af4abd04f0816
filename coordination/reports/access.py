"""Who sees and acts on written reports, below the models that use it: agencies their own
unit's (and, for the Bappeda and a parent unit, the reports addressed to them), an Asisten
those of the portfolio, the Sekda, the leaders and the secretariat the whole region's; nobody
another region's; drafts stay with their unit until submitted. And who takes each step of a
report's route, as the region's rule routes it."""

from __future__ import annotations

import datetime

import rules
from django.db.models import Model, Q, QuerySet

from coordination.core.access import (
    follow_up_scope,
    has_any_coordination_role,
    is_region_wide,
    is_unit_head,
    runs_meetings,
)
from coordination.core.workdays import region_today
from coordination.oversight.routing import Routes
from coordination.reports.choices import ObligationRecipient, ReportStatus
from orgchart.models import Role, Unit, UnitAffair, assignment_of, role_of
from orgchart.permissions import in_own_region, is_superadmin
from regulations.models import Region

# The steps after submission, in order, with the status each one leads to.
REVIEW, RECEIVE, ACCEPT = "review", "receive", "accept"
STEP_STATUS = {
    REVIEW: ReportStatus.REVIEWED,
    RECEIVE: ReportStatus.RECEIVED,
    ACCEPT: ReportStatus.ACCEPTED,
}


def steps_of(obligation: Model) -> list[str]:
    steps = []
    if "asisten" in obligation.through:
        steps.append(REVIEW)
    if "sekda" in obligation.through:
        steps.append(RECEIVE)
    steps.append(ACCEPT)
    return steps


def next_step(report: Model) -> str | None:
    """The step the report waits for, or None if it is a draft, accepted or returned."""
    if report.status in (ReportStatus.DRAFT, ReportStatus.ACCEPTED, ReportStatus.RETURNED):
        return None
    steps = steps_of(report.obligation)
    done = {ReportStatus.SUBMITTED: 0}
    for index, step in enumerate(steps, start=1):
        done[STEP_STATUS[step]] = index
    position = done.get(report.status, 0)
    return steps[position] if position < len(steps) else None


def actor_units(report: Model, step: str, day: datetime.date) -> list[int]:
    """The units whose people take ``step`` of this report."""
    region = report.region
    if step == REVIEW:
        return [route.coordinator_id for route in Routes(region, day).of(report.unit_id)]
    if step == RECEIVE:
        return list(
            Unit.objects.filter(region=region, kind="setda").as_of(day).values_list("pk", flat=True)
        )
    recipient = report.obligation.recipient
    if recipient == ObligationRecipient.BAPPEDA:
        bappeda = bappeda_of(region, day)
        return [bappeda.pk] if bappeda else []
    if recipient == ObligationRecipient.PARENT_UNIT:
        return [report.unit.parent_id] if report.unit.parent_id else []
    return list(
        Unit.objects.filter(region=region, kind__in=["setda", "kepala_daerah"])
        .as_of(day)
        .values_list("pk", flat=True)
    )


STEP_ROLES = {
    REVIEW: {Role.ASISTEN, Role.KEPALA_DAERAH, Role.WAKIL, Role.SEKDA},  # take-overs included
    RECEIVE: {Role.SEKDA},
    ACCEPT: {Role.SEKDA, Role.KEPALA_DAERAH, Role.AGENCY_HEAD},
}


def may_act(user, report: Model) -> bool:
    """Whether ``user`` takes the step the report waits for (or returns it)."""
    if role_of(user) == Role.SUPERADMIN:
        return next_step(report) is not None
    step = next_step(report)
    assignment = assignment_of(user)
    if step is None or assignment is None or assignment.region_id != report.region_id:
        return False
    if assignment.role not in STEP_ROLES[step]:
        return False
    return assignment.unit_id in actor_units(report, step, region_today(report.region))


def waiting_for(user, rows: list[Model], day: datetime.date) -> list[Model]:
    """The rows whose next step ``user`` takes: may_act over many reports, asking who takes
    each step once per list instead of once per report (constant queries for inboxes)."""
    if role_of(user) == Role.SUPERADMIN:
        return [row for row in rows if next_step(row) is not None]
    assignment = assignment_of(user)
    if assignment is None:
        return []
    portfolio: set[int] | None = None
    actors: dict[tuple, set[int]] = {}
    found = []
    for row in rows:
        step = next_step(row)
        if step is None or row.region_id != assignment.region_id:
            continue
        if assignment.role not in STEP_ROLES[step]:
            continue
        if step == REVIEW:
            # The units routed to the user's unit are the units whose reviewer it is.
            portfolio = portfolio if portfolio is not None else portfolio_units(assignment.unit)
            takes = row.unit_id in portfolio
        else:
            parent = row.unit.parent_id if row.obligation.recipient == "parent_unit" else None
            key = (step, row.obligation.recipient, parent)
            if key not in actors:
                actors[key] = set(actor_units(row, step, day))
            takes = assignment.unit_id in actors[key]
        if takes:
            found.append(row)
    return found


def is_filer(user, report_or_unit) -> bool:
    unit_id = getattr(report_or_unit, "unit_id", None) or getattr(report_or_unit, "pk", None)
    if role_of(user) == Role.SUPERADMIN:
        return True
    assignment = assignment_of(user)
    return (
        assignment is not None
        and assignment.role == Role.AGENCY_HEAD
        and assignment.unit_id == unit_id
    )


BAPPEDA_AFFAIR = "5.01"  # Perencanaan: the unit that carries it out is the Bappeda


def bappeda_of(region: Region, day: datetime.date) -> Unit | None:
    """The region's planning agency: the unit that carries out the affair Perencanaan."""
    row = (
        UnitAffair.objects.as_of(day)
        .filter(unit__region=region, affair__code=BAPPEDA_AFFAIR, role=UnitAffair.Role.CARRIES_OUT)
        .select_related("unit")
        .order_by("unit__lft")
        .first()
    )
    return row.unit if row else None


def reports_visible_to(rows: QuerySet, user) -> QuerySet:
    scope = follow_up_scope(user)
    if scope is None:
        return rows.none()
    if scope == "all":
        return rows
    region_id, unit_id = scope
    rows = rows.filter(region_id=region_id)
    # A draft is the unit's own business until it is submitted.
    submitted = ~Q(status="draft")
    role = role_of(user)
    if role == Role.ASISTEN:
        return rows.filter(submitted, unit_id__in=portfolio_units(assignment_of(user).unit))
    if unit_id is None:
        return rows.filter(submitted)
    unit = assignment_of(user).unit
    addressed = Q(obligation__recipient="parent_unit", unit__parent_id=unit_id)
    bappeda = bappeda_of(unit.region, region_today(unit.region))
    if bappeda is not None and bappeda.pk == unit_id:
        addressed |= Q(obligation__recipient="bappeda")
    return rows.filter(Q(unit_id=unit_id) | (addressed & submitted))


def portfolio_units(asisten: Unit) -> set[int]:
    """The units whose reports route through this Asisten today (take-overs included)."""
    routes = Routes(asisten.region_id, region_today(asisten.region))
    return routes.coordinated_by(asisten.pk)


# --- Permissions ------------------------------------------------------------------------


@rules.predicate
def sees_report(user, report) -> bool:
    scope = follow_up_scope(user)
    if scope is None:
        return False
    if scope == "all" or report is None:
        return True
    return reports_visible_to(type(report).objects.filter(pk=report.pk), user).exists()


@rules.predicate
def files_report(user, obj) -> bool:
    """The head of the unit files its reports (``obj``: a report, or a unit)."""
    return obj is not None and is_filer(user, obj)


@rules.predicate
def acts_on_report(user, report) -> bool:
    return report is not None and may_act(user, report)


rules.add_perm("coordination.view_report", is_superadmin | sees_report)
rules.add_perm("coordination.file_report", is_superadmin | (is_unit_head & files_report))
rules.add_perm("coordination.act_report", is_superadmin | acts_on_report)
rules.add_perm(
    "coordination.view_reportingobligation",
    is_superadmin | (has_any_coordination_role & in_own_region),
)
rules.add_perm(
    "coordination.view_reportingperiod",
    is_superadmin | (has_any_coordination_role & in_own_region),
)
rules.add_perm("coordination.add_reportingperiod", runs_meetings)
rules.add_perm("coordination.view_reportreminder", is_superadmin | (is_region_wide & in_own_region))
