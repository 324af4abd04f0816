"""The written-report filters behind the worklist's items (Beranda): reports due and reports
waiting for the user's step, shared by the counts and the lists they link to."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from coordination.core.clock import NOTHING, Moment
from coordination.core.workdays import Calendar
from coordination.reports import access as rp
from coordination.reports.access import bappeda_of, portfolio_units
from coordination.reports.models import Report, ReportingObligation, ReportingPeriod
from orgchart.models import Role, Unit, assignment_of, role_of
from regulations.models import Region
from regulations.validity import valid_with_source

# A report is due from this many working days before its due date (and stays due after it).
REPORT_HORIZON_DAYS = 10
IN_FLIGHT = (Report.Status.SUBMITTED, Report.Status.REVIEWED, Report.Status.RECEIVED)


# --- Reports ------------------------------------------------------------------------------


def _report_actor(user, region: Region, day: datetime.date):
    """Where the user stands in report routing: (their assignment, the Setda's unit ids, the
    unit ids that accept for the Kepala Daerah, the Bappeda's id); None outside the region."""
    assignment = assignment_of(user)
    if assignment is None or assignment.region_id != region.pk:
        return None
    units = Unit.objects.filter(region=region).as_of(day)
    setda = set(units.filter(kind="setda").values_list("pk", flat=True))
    head_units = set(units.filter(kind="kepala_daerah").values_list("pk", flat=True)) | setda
    bappeda = bappeda_of(region, day)
    return assignment, setda, head_units, bappeda.pk if bappeda else None


def waiting_q(user, region: Region, day: datetime.date) -> Q:
    """The reports whose next step (review, receipt, acceptance) the user takes: the rule of
    coordination.reports.access.waiting_for as one filter, built from the region's
    obligations and the user's place in the routing (a constant number of queries)."""
    if role_of(user) == Role.SUPERADMIN:
        return Q(status__in=IN_FLIGHT)
    actor = _report_actor(user, region, day)
    if actor is None:
        return NOTHING
    assignment, setda, head_units, bappeda_id = actor
    mine = assignment.unit_id
    portfolio: set[int] | None = None
    found = NOTHING
    for obligation in ReportingObligation.objects.filter(region=region).order_by("pk"):
        steps = rp.steps_of(obligation)
        for index, step in enumerate(steps):
            if assignment.role not in rp.STEP_ROLES[step]:
                continue
            before = Report.Status.SUBMITTED if index == 0 else rp.STEP_STATUS[steps[index - 1]]
            where = Q(obligation_id=obligation.pk, status=before)
            if step == rp.REVIEW:
                portfolio = portfolio if portfolio is not None else portfolio_units(assignment.unit)
                where &= Q(unit_id__in=portfolio)
            elif step == rp.RECEIVE:
                where = where if mine in setda else NOTHING
            elif obligation.recipient == ReportingObligation.Recipient.BAPPEDA:
                where = where if mine == bappeda_id else NOTHING
            elif obligation.recipient == ReportingObligation.Recipient.PARENT_UNIT:
                where &= Q(unit__parent_id=mine)
            else:
                where = where if mine in head_units else NOTHING
            found |= where
    return found


def reports_due(unit: Unit, at: Moment) -> QuerySet[ReportingPeriod]:
    """The periods whose report ``unit`` has not submitted and whose due date is within the
    next REPORT_HORIZON_DAYS working days or past, under the active obligations that bind the
    unit (obliged at the period's end; the Bappeda does not report to itself)."""
    region, today = at.region, at.today
    horizon = Calendar.for_region(region).add_working_days(today, REPORT_HORIZON_DAYS)
    bappeda = bappeda_of(region, today)
    obligations = [
        obligation.pk
        for obligation in ReportingObligation.objects.filter(region=region).active()
        if unit.kind in obligation.reporter_kinds
        and not (
            obligation.recipient == ReportingObligation.Recipient.BAPPEDA
            and bappeda is not None
            and bappeda.pk == unit.pk
        )
    ]
    existed = Unit.objects.filter(pk=unit.pk).filter(
        valid_with_source(OuterRef("end"), "source_regulation")
    )
    submitted = Report.objects.filter(
        period=OuterRef("pk"), unit_id=unit.pk, first_submitted_at__isnull=False
    )
    return (
        ReportingPeriod.objects.filter(obligation_id__in=obligations, due_date__lte=horizon)
        .filter(Exists(existed))
        .exclude(Exists(submitted))
    )
