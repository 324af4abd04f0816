"""Who may see and run meetings: the secretariat schedules, invites, records attendance and
keeps the minutes' files; whoever sees a meeting sees its invitees, attendance and minutes;
the head of an invited unit answers its undangan. ``rules`` permissions, deny by default."""

from __future__ import annotations

import rules

from coordination.core.access import follow_up_scope, is_unit_head, of_own_unit, runs_meetings
from orgchart.permissions import is_superadmin


@rules.predicate
def sees_meeting(user, meeting) -> bool:
    scope = follow_up_scope(user)
    if scope is None:
        return False
    if scope == "all" or meeting is None:
        return True
    region_id, unit_id = scope
    if meeting.region_id != region_id:
        return False
    if unit_id is None:
        return True
    # An agency sees a meeting once its undangan went out, or if it convenes the meeting.
    return (
        meeting.convener_id == unit_id
        or meeting.invitations.filter(
            unit_id=unit_id, removed_at__isnull=True, sent_at__isnull=False
        ).exists()
    )


rules.add_perm("coordination.view_meeting", is_superadmin | sees_meeting)
for action in ("add", "change", "delete"):
    rules.add_perm(f"coordination.{action}_meeting", runs_meetings)
# Asked of the meeting: whoever sees a meeting sees its invitees, attendance and minutes (an
# invited agency gets the notulen whose follow-ups it must carry out).
for model in ("invitation", "attendance", "agendaitem", "decision"):
    rules.add_perm(f"coordination.view_{model}", is_superadmin | sees_meeting)
    for action in ("add", "change", "delete"):
        rules.add_perm(f"coordination.{action}_{model}", runs_meetings)

# The head of an invited unit answers its undangan (attend, represented, unable).
rules.add_perm("coordination.answer_invitation", is_superadmin | (is_unit_head & of_own_unit))
# Files of the minutes: seen with the minutes, kept by the secretariat.
rules.add_perm("coordination.view_meetingdocument", is_superadmin | sees_meeting)
for action in ("add", "change", "delete"):
    rules.add_perm(f"coordination.{action}_meetingdocument", runs_meetings)
