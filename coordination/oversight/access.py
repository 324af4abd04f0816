"""Who may see and act on urgent decisions (Pasal 10) and take-overs (Perbup Kutai
Kartanegara 4/2018 Pasal 14): ``rules`` permissions on the shared predicates."""

from __future__ import annotations

import rules

from coordination.core.access import (
    is_region_wide,
    is_unit_head,
    of_own_unit,
    receives_reports,
    role_is,
    sees_region_business,
)
from orgchart.models import Role
from orgchart.permissions import in_own_region, is_superadmin

# Who may take over the coordination of a unit, by role (Perbup Kutai Kartanegara 4/2018
# Pasal 14 ayat (1) names the Bupati, the Wakil and the Sekda).
TAKEOVER_ROLES = frozenset({Role.KEPALA_DAERAH, Role.WAKIL, Role.SEKDA})
may_take_over = role_is(*TAKEOVER_ROLES)

rules.add_perm("coordination.view_urgentdecision", is_superadmin | sees_region_business)
rules.add_perm("coordination.add_urgentdecision", is_superadmin | (is_unit_head & of_own_unit))
rules.add_perm("coordination.report_urgentdecision", is_superadmin | (is_unit_head & of_own_unit))
rules.add_perm("coordination.receive_urgentdecision", receives_reports)

rules.add_perm("coordination.view_takeover", is_superadmin | (is_region_wide & in_own_region))
rules.add_perm("coordination.add_takeover", is_superadmin | (may_take_over & in_own_region))
rules.add_perm("coordination.change_takeover", is_superadmin | (may_take_over & in_own_region))
