"""The filters behind each item of the worklist (Beranda), shared by the counts
(coordination.services.worklist) and the lists they link to, so that a count and its list
cannot disagree: each item is one ``Q`` (or, for reports due, one queryset of periods), read on
the region's own clock (``Moment``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from coordination.models import (
    FollowUp,
    FollowUpTransition,
    Invitation,
    Meeting,
    Report,
    ReportingObligation,
    ReportingPeriod,
)
from coordination.services import reports as rp
from coordination.services.obligations import bappeda_of
from coordination.services.report_scope import portfolio_units
from coordination.workdays import Calendar
from orgchart.models import Role, Unit, assignment_of, role_of
from regulations.models import Region
from regulations.validity import valid_with_source

# A report is due from this many working days before its due date (and stays due after it).
REPORT_HORIZON_DAYS = 10
WEEK_STATUSES = (Meeting.Status.INVITED, Meeting.Status.HELD)
IN_FLIGHT = (Report.Status.SUBMITTED, Report.Status.REVIEWED, Report.Status.RECEIVED)
NOTHING = Q(pk__in=[])

MEETING_TODOS = ("answer", "attendance", "minutes")
FOLLOW_UP_FILTERS = ("pending", "due_today", "overdue", "review", "returned")
AGENCY = (Role.AGENCY_HEAD, Role.AGENCY_STAFF)


@dataclass(frozen=True)
class Moment:
    """Now, and the days the worklist counts from, on the region's own clock."""

    region: Region
    now: datetime.datetime

    @property
    def today(self) -> datetime.date:
        return self.region.today(self.now)

    @property
    def week(self) -> tuple[datetime.date, datetime.date]:
        """Monday and Sunday of the region's current week."""
        monday = self.today - datetime.timedelta(days=self.today.weekday())
        return monday, monday + datetime.timedelta(days=6)

    def week_bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """From Monday 00.00 to the next Monday 00.00, local time."""
        monday, sunday = self.week
        start = datetime.datetime.combine(monday, datetime.time.min, self.region.zone)
        end = datetime.datetime.combine(
            sunday + datetime.timedelta(days=1), datetime.time.min, self.region.zone
        )
        return start, end


def moment(region: Region, now: datetime.datetime | None = None) -> Moment:
    return Moment(region, now or timezone.now())


# --- Meetings -----------------------------------------------------------------------------


def meeting_q(todo: str, user, at: Moment) -> Q:
    """Meetings to answer (the user's unit was sent the undangan and has not answered, the
    meeting has not started and is not cancelled), attendance to record (started, an active
    invitation without attendance) and minutes to write (ended, still only invited)."""
    now = at.now
    if todo == "answer":
        assignment = assignment_of(user)
        if role_of(user) not in AGENCY or assignment is None:
            return NOTHING
        unanswered = Invitation.objects.filter(
            meeting=OuterRef("pk"),
            unit_id=assignment.unit_id,
            removed_at__isnull=True,
            sent_at__isnull=False,
            response="",
        )
        return Q(Exists(unanswered), starts_at__gt=now) & ~Q(status=Meeting.Status.CANCELLED)
    if todo == "attendance":
        unrecorded = Invitation.objects.filter(
            meeting=OuterRef("pk"), removed_at__isnull=True, attendance__isnull=True
        )
        return Q(Exists(unrecorded), status=Meeting.Status.INVITED, starts_at__lte=now)
    if todo == "minutes":
        return Q(status=Meeting.Status.INVITED, ends_at__lte=now)
    return NOTHING


def week_q(at: Moment) -> Q:
    start, end = at.week_bounds()
    return Q(starts_at__gte=start, starts_at__lt=end, status__in=WEEK_STATUSES)


# --- Follow-ups ---------------------------------------------------------------------------


def follow_up_q(name: str, today: datetime.date) -> Q:
    """pending and overdue as FollowUp.objects.pending() / overdue(today) select them; due
    today; waiting for the Sekda's review (reported done, not received); returned by the Sekda
    and not yet reported again."""
    pending = ~Q(status=FollowUp.Status.DONE)
    if name == "pending":
        return pending
    if name == "due_today":
        return pending & Q(due_date=today)
    if name == "overdue":
        return pending & Q(due_date__lt=today)
    if name == "review":
        return Q(status=FollowUp.Status.DONE, sekda_received_at__isnull=True)
    if name == "returned":
        sent_back = FollowUpTransition.objects.filter(
            follow_up=OuterRef("pk"),
            from_status=FollowUp.Status.DONE,
            to_status=FollowUp.Status.IN_PROGRESS,
        )
        # In progress can follow done only by a return: once returned, in progress means
        # not yet reported again.
        return Q(Exists(sent_back), status=FollowUp.Status.IN_PROGRESS)
    return NOTHING


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
    coordination.services.reports.waiting_for as one filter, built from the region's
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
