"""Who may do what in the coordination workflows: ``rules`` predicates, deny by default.

- The region's leaders (Kepala Daerah, Wakil, Sekda, Asisten, Staf Ahli) and the secretariat
  see the whole region's meetings and follow-ups; an agency (head or staff) sees the meetings
  it is invited to and its own unit's follow-ups; a user of one region never sees another's.
- Secretariat staff schedule meetings, invite, record attendance and minutes, and assign
  follow-ups. Only the head of the unit moves its follow-ups; only the Sekda receives reports.
"""

from __future__ import annotations

import rules

from orgchart.models import Role, assignment_of, role_of
from orgchart.permissions import in_own_region, is_superadmin

LEADERS = frozenset({Role.KEPALA_DAERAH, Role.WAKIL, Role.SEKDA, Role.ASISTEN, Role.STAF_AHLI})
REGION_WIDE = LEADERS | {Role.SECRETARIAT_STAFF}
AGENCY = frozenset({Role.AGENCY_HEAD, Role.AGENCY_STAFF})
# Who may take over the coordination of a unit, by role (Perbup Kutai Kartanegara 4/2018
# Pasal 14 ayat (1) names the Bupati, the Wakil and the Sekda).
TAKEOVER_ROLES = frozenset({Role.KEPALA_DAERAH, Role.WAKIL, Role.SEKDA})


def follow_up_scope(user) -> str | tuple[int, int | None] | None:
    """ "all" (superadmin), (region id, None) for the whole region, (region id, unit id) for
    one unit's business, or None for nothing."""
    role = role_of(user)
    if role == Role.SUPERADMIN:
        return "all"
    if role in REGION_WIDE:
        return (assignment_of(user).region_id, None)
    if role in AGENCY:
        assignment = assignment_of(user)
        return (assignment.region_id, assignment.unit_id)
    return None


def _role(*roles: str) -> rules.Predicate:
    return rules.predicate(lambda user: role_of(user) in roles, name=f"role({', '.join(roles)})")


def _unit_of(obj) -> int | None:
    if obj is None:
        return None
    if hasattr(obj, "unit_id"):
        return obj.unit_id
    follow_up = getattr(obj, "follow_up", None)  # evidence, status changes
    return follow_up.unit_id if follow_up is not None else None


@rules.predicate
def of_own_unit(user, obj) -> bool:
    """The object (a follow-up, an urgent decision) is the business of the user's own unit."""
    assignment = assignment_of(user)
    if assignment is None or obj is None:
        return False
    return _unit_of(obj) == assignment.unit_id and obj.owning_region_id == assignment.region_id


@rules.predicate
def sees_meeting(user, meeting) -> bool:
    scope = follow_up_scope(user)
    if scope is None:
        return False
    if scope == "all" or meeting is None:
        return True
    region_id, unit_id = scope
    if meeting.region_id != region_id:
        return False
    if unit_id is None:
        return True
    # An agency sees a meeting once its undangan went out, or if it convenes the meeting.
    return (
        meeting.convener_id == unit_id
        or meeting.invitations.filter(
            unit_id=unit_id, removed_at__isnull=True, sent_at__isnull=False
        ).exists()
    )


@rules.predicate
def sees_region_business(user, obj) -> bool:
    """Region-wide roles see the region's objects; an agency sees its own unit's."""
    scope = follow_up_scope(user)
    if scope is None:
        return False
    if scope == "all" or obj is None:
        return True
    region_id, unit_id = scope
    if obj.owning_region_id != region_id:
        return False
    return unit_id is None or _unit_of(obj) == unit_id


@rules.predicate
def is_unit_head(user) -> bool:
    return role_of(user) == Role.AGENCY_HEAD


is_secretariat = _role(Role.SECRETARIAT_STAFF)
is_sekda = _role(Role.SEKDA)
is_region_wide = _role(*REGION_WIDE)
may_take_over = _role(*TAKEOVER_ROLES)
has_any_coordination_role = _role(*REGION_WIDE, *AGENCY)

# The secretariat runs meetings: schedule, invite, attendance, minutes, follow-up assignment.
runs_meetings = is_superadmin | (is_secretariat & in_own_region)
# Only the head of the unit reports on and closes its follow-ups (an agency head changes only
# their own unit's follow-ups).
works_follow_up = is_superadmin | (is_unit_head & of_own_unit)
# The follow-up report reaches the Kepala Daerah through the Sekda (Pasal 13 ayat (4)).
receives_reports = is_superadmin | (is_sekda & in_own_region)
sees_dashboards = is_superadmin | is_region_wide

rules.add_perm("coordination.view_meeting", is_superadmin | sees_meeting)
for action in ("add", "change", "delete"):
    rules.add_perm(f"coordination.{action}_meeting", runs_meetings)
# Asked of the meeting: whoever sees a meeting sees its invitees, attendance and minutes (an
# invited agency gets the notulen whose follow-ups it must carry out).
for model in ("invitation", "attendance", "agendaitem", "decision"):
    rules.add_perm(f"coordination.view_{model}", is_superadmin | sees_meeting)
    for action in ("add", "change", "delete"):
        rules.add_perm(f"coordination.{action}_{model}", runs_meetings)

# The head of an invited unit answers its undangan (attend, represented, unable).
rules.add_perm("coordination.answer_invitation", is_superadmin | (is_unit_head & of_own_unit))
# Files of the minutes: seen with the minutes, kept by the secretariat.
rules.add_perm("coordination.view_meetingdocument", is_superadmin | sees_meeting)
for action in ("add", "change", "delete"):
    rules.add_perm(f"coordination.{action}_meetingdocument", runs_meetings)

rules.add_perm("coordination.view_followup", is_superadmin | sees_region_business)
rules.add_perm("coordination.add_followup", runs_meetings)
rules.add_perm("coordination.change_followup", works_follow_up)
rules.add_perm("coordination.delete_followup", is_superadmin)
rules.add_perm("coordination.return_followup", receives_reports)
rules.add_perm("coordination.receive_followup", receives_reports)
rules.add_perm("coordination.view_evidence", is_superadmin | sees_region_business)
rules.add_perm("coordination.add_evidence", works_follow_up)
rules.add_perm("coordination.view_followuptransition", is_superadmin | sees_region_business)
rules.add_perm("coordination.view_reminderlog", is_superadmin | (is_region_wide & in_own_region))
rules.add_perm("coordination.view_reportreminder", is_superadmin | (is_region_wide & in_own_region))

rules.add_perm("coordination.view_urgentdecision", is_superadmin | sees_region_business)
rules.add_perm("coordination.add_urgentdecision", is_superadmin | (is_unit_head & of_own_unit))
rules.add_perm("coordination.report_urgentdecision", is_superadmin | (is_unit_head & of_own_unit))
rules.add_perm("coordination.receive_urgentdecision", receives_reports)

rules.add_perm("coordination.view_takeover", is_superadmin | (is_region_wide & in_own_region))
rules.add_perm("coordination.add_takeover", is_superadmin | (may_take_over & in_own_region))
rules.add_perm("coordination.change_takeover", is_superadmin | (may_take_over & in_own_region))

rules.add_perm(
    "coordination.view_regionaldayoff", is_superadmin | (has_any_coordination_role & in_own_region)
)
for action in ("add", "change", "delete"):
    rules.add_perm(f"coordination.{action}_regionaldayoff", runs_meetings)

rules.add_perm("coordination.view_dashboard", sees_dashboards)
rules.add_perm("coordination", is_superadmin | is_secretariat)


# --- Written reports ----------------------------------------------------------------------


@rules.predicate
def sees_report(user, report) -> bool:
    from coordination.models import Report

    scope = follow_up_scope(user)
    if scope is None:
        return False
    if scope == "all" or report is None:
        return True
    return Report.objects.visible_to(user).filter(pk=report.pk).exists()


@rules.predicate
def files_report(user, obj) -> bool:
    """The head of the unit files its reports (``obj``: a report, or a unit)."""
    from coordination.services.reports import is_filer

    return obj is not None and is_filer(user, obj)


@rules.predicate
def acts_on_report(user, report) -> bool:
    from coordination.services.reports import may_act

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
# Compliance: the region's leaders and secretariat; an Asisten sees the portfolio's rows.
rules.add_perm("coordination.view_compliance", is_superadmin | (is_region_wide & in_own_region))
