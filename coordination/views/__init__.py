"""Pages of the coordination workflows: meetings, follow-ups, the Sekda's inbox, dashboards,
urgent decisions and take-overs. Each view fetches through a scoped queryset (404 outside the
user's scope), checks the permission (403), calls one service and renders; the service's
refusals, with the provision they cite, go back to the form beside the field they concern."""

from coordination.views.follow_ups import (
    dashboard,
    evidence_download,
    follow_up_detail,
    follow_up_list,
    follow_up_receive,
    follow_up_report,
    follow_up_transition,
    sekda_inbox,
)
from coordination.views.meetings import (
    invitation_ics,
    invitation_pdf,
    meeting_cancel,
    meeting_detail,
    meeting_edit,
    meeting_list,
    meeting_new,
    meeting_record_held,
    minutes_pdf,
)
from coordination.views.oversight import (
    takeover_end,
    takeover_list,
    urgent_list,
    urgent_receive,
    urgent_report,
)

__all__ = [
    "dashboard",
    "evidence_download",
    "follow_up_detail",
    "follow_up_list",
    "follow_up_receive",
    "follow_up_report",
    "follow_up_transition",
    "invitation_ics",
    "invitation_pdf",
    "meeting_cancel",
    "meeting_detail",
    "meeting_edit",
    "meeting_list",
    "meeting_new",
    "meeting_record_held",
    "minutes_pdf",
    "sekda_inbox",
    "takeover_end",
    "takeover_list",
    "urgent_list",
    "urgent_receive",
    "urgent_report",
]
