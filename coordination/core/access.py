"""Who may do what, the part every workflow shares: the roles, the scope of a user's business
(the whole region, or one unit), the ``rules`` predicates built on them, and the services' one
permission check. Deny by default.

- The region's leaders (Kepala Daerah, Wakil, Sekda, Asisten, Staf Ahli) and the secretariat
  see the whole region's business; an agency (head or staff) sees its own unit's; a user of
  one region never sees another's.
- Each workflow adds its own permissions in its ``access`` module, on these predicates.
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext

from orgchart.models import Role, assignment_of, role_of
from orgchart.permissions import in_own_region, is_superadmin

LEADERS = frozenset({Role.KEPALA_DAERAH, Role.WAKIL, Role.SEKDA, Role.ASISTEN, Role.STAF_AHLI})
REGION_WIDE = LEADERS | {Role.SECRETARIAT_STAFF}
AGENCY = frozenset({Role.AGENCY_HEAD, Role.AGENCY_STAFF})


def require(user, perm: str, obj=None) -> None:
    """The services' one permission check: deny unless the ``rules`` predicate allows."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied(gettext("You may not do this."))


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


def role_is(*roles: str) -> rules.Predicate:
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


is_secretariat = role_is(Role.SECRETARIAT_STAFF)
is_sekda = role_is(Role.SEKDA)
is_region_wide = role_is(*REGION_WIDE)
has_any_coordination_role = role_is(*REGION_WIDE, *AGENCY)

# The secretariat runs meetings: schedule, invite, attendance, minutes, follow-up assignment,
# the region's days off and reporting periods.
runs_meetings = is_superadmin | (is_secretariat & in_own_region)
# Reports reach the Kepala Daerah through the Sekda (Pasal 13 ayat (4)).
receives_reports = is_superadmin | (is_sekda & in_own_region)
sees_dashboards = is_superadmin | is_region_wide

rules.add_perm(
    "coordination.view_regionaldayoff", is_superadmin | (has_any_coordination_role & in_own_region)
)
for action in ("add", "change", "delete"):
    rules.add_perm(f"coordination.{action}_regionaldayoff", runs_meetings)
rules.add_perm("coordination", is_superadmin | is_secretariat)
