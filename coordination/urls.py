"""URLs of the coordination pages, under /koordinasi/: each workflow's own, in one
namespace."""

from coordination.compliance import urls as compliance
from coordination.follow_ups import urls as follow_ups
from coordination.meetings import urls as meetings
from coordination.oversight import urls as oversight
from coordination.reports import urls as reports

app_name = "coordination"

urlpatterns = [
    *meetings.urlpatterns,
    *follow_ups.urlpatterns,
    *oversight.urlpatterns,
    *reports.urlpatterns,
    *compliance.urlpatterns,
]
