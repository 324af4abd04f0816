"""Who may see and move follow-ups: the secretariat assigns them from the minutes, only the
head of the unit reports on and closes its own, only the Sekda receives the reports (Pasal 13
ayat (4)); the region's leaders see the dashboards. ``rules`` permissions, deny by default."""

from __future__ import annotations

import rules

from coordination.core.access import (
    is_region_wide,
    is_unit_head,
    of_own_unit,
    receives_reports,
    runs_meetings,
    sees_dashboards,
    sees_region_business,
)
from orgchart.permissions import in_own_region, is_superadmin

# Only the head of the unit reports on and closes its follow-ups (an agency head changes only
# their own unit's follow-ups).
works_follow_up = is_superadmin | (is_unit_head & of_own_unit)

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
rules.add_perm("coordination.view_dashboard", sees_dashboards)
