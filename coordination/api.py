"""The coordination workflows' REST API under /api/v1/ (login, Basic or Token authentication).

Deny by default: a caller needs the kind's view permission (403), sees only rows in its scope
(``visible_to``; anything else is a 404, so that nothing leaks), needs the action's permission
(403), and then sends input the serializers check (400). Every write is one call to
its workflow's services (coordination.<workflow>), whose refusals cite the region's
provisions: a Django ValidationError
becomes a 400 (``{"field": [messages]}`` or ``{"non_field_errors": [...]}``), a
PermissionDenied a 403.
"""

from __future__ import annotations

from coordination.compliance.api import ComplianceViewSet
from coordination.core.days_off_api import DayOffViewSet
from coordination.follow_ups.api import DashboardViewSet, FollowUpViewSet, MeetingViewSet
from coordination.oversight.api import TakeoverViewSet, UrgentDecisionViewSet
from coordination.reports.api import ReportObligationViewSet, ReportPeriodViewSet, ReportViewSet

ROUTES = [
    ("meetings", MeetingViewSet, "meeting"),
    ("follow-ups", FollowUpViewSet, "followup"),
    ("urgent-decisions", UrgentDecisionViewSet, "urgentdecision"),
    ("takeovers", TakeoverViewSet, "takeover"),
    ("days-off", DayOffViewSet, "dayoff"),
    ("coordination/dashboard", DashboardViewSet, "coordination-dashboard"),
    ("report-obligations", ReportObligationViewSet, "reportingobligation"),
    ("report-periods", ReportPeriodViewSet, "reportingperiod"),
    ("reports", ReportViewSet, "report"),
    ("compliance", ComplianceViewSet, "compliance"),
]
