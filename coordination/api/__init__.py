"""The coordination workflows' REST API under /api/v1/ (login, Basic or Token authentication).

Deny by default: a caller needs the kind's view permission (403), sees only rows in its scope
(``visible_to``; anything else is a 404, so that nothing leaks), needs the action's permission
(403), and then sends input the serializers check (400). Every write is one call to
coordination.services, whose refusals cite the region's provisions: a Django ValidationError
becomes a 400 (``{"field": [messages]}`` or ``{"non_field_errors": [...]}``), a
PermissionDenied a 403.
"""

from __future__ import annotations

from coordination.api.dashboard import DashboardViewSet
from coordination.api.follow_ups import FollowUpViewSet
from coordination.api.meetings import MeetingViewSet
from coordination.api.oversight import DayOffViewSet, TakeoverViewSet, UrgentDecisionViewSet
from coordination.api.reports import (
    ComplianceViewSet,
    ReportObligationViewSet,
    ReportPeriodViewSet,
    ReportViewSet,
)

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
