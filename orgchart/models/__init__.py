"""Models of the org structure."""

from orgchart.models.accounts import ApiToken, SessionEpoch
from orgchart.models.affairs import Affair, UnitAffair
from orgchart.models.links import KindRelation, UnitLink
from orgchart.models.people import Appointment, Official, Position
from orgchart.models.roles import Role, RoleAssignment, assignment_of, region_scope, role_of
from orgchart.models.units import Unit

__all__ = [
    "Affair",
    "ApiToken",
    "Appointment",
    "KindRelation",
    "Official",
    "Position",
    "Role",
    "RoleAssignment",
    "SessionEpoch",
    "Unit",
    "UnitAffair",
    "UnitLink",
    "assignment_of",
    "region_scope",
    "role_of",
]
