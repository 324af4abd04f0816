"""Who sees which written reports: agencies their own unit's (and, for the Bappeda and a
parent unit, the reports addressed to them), an Asisten those of the portfolio, the Sekda,
the leaders and the secretariat the whole region's; nobody another region's. Drafts stay with
their unit until they are submitted."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from coordination.permissions import follow_up_scope
from coordination.services.obligations import bappeda_of
from coordination.services.routing import Routes
from coordination.workdays import region_today
from orgchart.models import Role, Unit, assignment_of, role_of


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
