"""Who sees the compliance of written reports: the region's leaders and secretariat; an
Asisten sees the rows of the portfolio (coordination.compliance.queries narrows them)."""

from __future__ import annotations

import rules

from coordination.core.access import is_region_wide
from orgchart.permissions import in_own_region, is_superadmin

rules.add_perm("coordination.view_compliance", is_superadmin | (is_region_wide & in_own_region))
