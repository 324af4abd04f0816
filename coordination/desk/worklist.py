"""Each person's worklist (Beranda): what waits for them, by role and unit, counted in a
constant number of queries whatever the data. One query per model (conditional ``Count`` in one
``aggregate``), plus the few that scope them: the routes of the region (four), its calendar
(one), its reporting obligations (one), the Bappeda (one), the urgent-decision rule (one) and the
compliance table of the default obligation (a handful). Each item's filter lives in
coordination.<workflow>.filters, which the lists use too."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q

from coordination.compliance import engine as compliance
from coordination.compliance import table as compliance_table
from coordination.core.clock import Moment, moment
from coordination.follow_ups.filters import FOLLOW_UP_FILTERS, follow_up_q
from coordination.follow_ups.models import FollowUp
from coordination.meetings.filters import meeting_q, week_q
from coordination.meetings.models import Meeting
from coordination.oversight.models import UrgentDecision
from coordination.oversight.routing import Routes
from coordination.oversight.services import urgent_decision_rule
from coordination.reports.access import bappeda_of
from coordination.reports.filters import reports_due, waiting_q
from coordination.reports.models import Report
from orgchart.models import Role, Unit, assignment_of, role_of
from regulations.models import Region

# --- The worklist -------------------------------------------------------------------------

MEETING_ITEMS = ("answer", "week", "attendance", "minutes")
FOLLOW_UP_ITEMS = tuple(f"follow_ups_{name}" for name in FOLLOW_UP_FILTERS)
REPORT_ITEMS = ("reports_due", "reports_draft", "reports_returned", "reports_waiting")
LATE_ITEMS = ("late_follow_ups", "missing_reports")
_REGION_FOLLOW_UPS = ("follow_ups_pending", "follow_ups_due_today", "follow_ups_overdue")
_OVERSIGHT = ("week", *_REGION_FOLLOW_UPS, "follow_ups_review", "reports_waiting", "urgent")

# The items of each role's worklist, in the order the page shows them.
ROLE_ITEMS: dict[str, tuple[str, ...]] = {
    Role.AGENCY_HEAD: ("answer", "week", *FOLLOW_UP_ITEMS, *REPORT_ITEMS, "urgent"),
    Role.AGENCY_STAFF: ("answer", "week", *FOLLOW_UP_ITEMS, "reports_draft", "reports_returned"),
    Role.SECRETARIAT_STAFF: ("week", "attendance", "minutes"),
    Role.SEKDA: (*_OVERSIGHT, *LATE_ITEMS),
    Role.ASISTEN: ("week", "reports_waiting", *LATE_ITEMS),
    Role.KEPALA_DAERAH: ("week", "reports_waiting"),
    Role.WAKIL: ("week", "reports_waiting"),
    Role.STAF_AHLI: ("week",),
    Role.SUPERADMIN: ("week", "attendance", "minutes", *_OVERSIGHT[1:], *LATE_ITEMS),
}


@dataclass
class Worklist:
    """What waits for one person: ``counts`` holds a number for each item of the role's
    worklist (ROLE_ITEMS), in order; an item absent from it is not the role's business."""

    region: Region
    role: str
    unit: Unit | None
    at: Moment
    counts: dict[str, int]
    # The provision behind an item, where one acts (the urgent-decision rule, the obligation
    # whose reports are missing).
    sources: dict[str, str] = field(default_factory=dict)


def worklist(user, region: Region, now: datetime.datetime | None = None) -> Worklist | None:
    """The user's worklist in ``region`` (their own; a superadmin picks one), or None for a
    user without a role."""
    role = role_of(user)
    if role not in ROLE_ITEMS:
        return None
    assignment = assignment_of(user)
    unit = assignment.unit if assignment is not None else None
    at = moment(region, now)
    wanted = list(ROLE_ITEMS[role])
    if role == Role.AGENCY_HEAD and not _reviews_reports(unit, at):
        wanted.remove("reports_waiting")
    board = Worklist(region, role, unit, at, {})
    counts = board.counts
    counts.update(_meeting_counts(user, at, wanted))
    counts.update(_follow_up_counts(user, role, unit, at, wanted))
    counts.update(_report_counts(user, unit, at, wanted))
    if "urgent" in wanted:
        _urgent(board, user)
    if "missing_reports" in wanted:
        table = compliance.compliance(user, region, today=at.today)
        counts["missing_reports"] = sum(
            totals[compliance_table.MISSING] for totals in table.totals_by_period().values()
        )
        if table.obligation is not None:
            board.sources["missing_reports"] = table.obligation.source
    board.counts = {key: counts[key] for key in wanted}
    return board


def _urgent(board: Worklist, user) -> None:
    rows = UrgentDecision.objects.visible_to(user).filter(region=board.region)
    board.counts["urgent"] = rows.unreported().count()
    rule = urgent_decision_rule(board.region, board.at.today)
    if not rule.is_default:
        board.sources["urgent"] = rule.source_display


def _reviews_reports(unit: Unit | None, at: Moment) -> bool:
    """An agency head takes report steps only as the Bappeda or as the parent of units."""
    if unit is None:
        return False
    bappeda = bappeda_of(at.region, at.today)
    return (bappeda is not None and bappeda.pk == unit.pk) or Unit.objects.filter(
        parent_id=unit.pk
    ).as_of(at.today).exists()


def _meeting_counts(user, at: Moment, wanted: list[str]) -> dict[str, int]:
    keys = [key for key in MEETING_ITEMS if key in wanted]
    if not keys:
        return {}
    rows = Meeting.objects.visible_to(user).filter(region=at.region)
    filters = {key: week_q(at) if key == "week" else meeting_q(key, user, at) for key in keys}
    return rows.aggregate(**{key: Count("pk", filter=q) for key, q in filters.items()})


def _follow_up_counts(user, role: str, unit, at: Moment, wanted: list[str]) -> dict[str, int]:
    filters = {
        key: follow_up_q(key.removeprefix("follow_ups_"), at.today)
        for key in FOLLOW_UP_ITEMS
        if key in wanted
    }
    if "late_follow_ups" in wanted:
        late = follow_up_q("overdue", at.today)
        if role == Role.ASISTEN:
            late &= Q(unit_id__in=Routes(at.region, at.today).coordinated_by(unit.pk))
        filters["late_follow_ups"] = late
    if not filters:
        return {}
    rows = FollowUp.objects.visible_to(user).filter(region=at.region)
    return rows.aggregate(**{key: Count("pk", filter=q) for key, q in filters.items()})


def _report_counts(user, unit, at: Moment, wanted: list[str]) -> dict[str, int]:
    filters = {}
    if "reports_draft" in wanted:
        filters["reports_draft"] = Q(status=Report.Status.DRAFT)
    if "reports_returned" in wanted:
        filters["reports_returned"] = Q(status=Report.Status.RETURNED, unit_id=unit.pk)
    if "reports_waiting" in wanted:
        filters["reports_waiting"] = waiting_q(user, at.region, at.today)
    counts = {}
    if filters:
        rows = Report.objects.visible_to(user).current().filter(region=at.region)
        counts = rows.aggregate(**{key: Count("pk", filter=q) for key, q in filters.items()})
    if "reports_due" in wanted:
        counts["reports_due"] = reports_due(unit, at).count()
    return counts
