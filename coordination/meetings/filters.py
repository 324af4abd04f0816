"""The meeting filters behind the worklist's items (Beranda): to answer, to record attendance
or minutes, this week; shared by the counts and the lists they link to."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from coordination.core.access import AGENCY
from coordination.core.clock import NOTHING, Moment
from coordination.meetings.models import Invitation, Meeting
from orgchart.models import assignment_of, role_of

WEEK_STATUSES = (Meeting.Status.INVITED, Meeting.Status.HELD)

MEETING_TODOS = ("answer", "attendance", "minutes")


# --- Meetings -----------------------------------------------------------------------------


def meeting_q(todo: str, user, at: Moment) -> Q:
    """Meetings to answer (the user's unit was sent the undangan and has not answered, the
    meeting has not started and is not cancelled), attendance to record (started, an active
    invitation without attendance) and minutes to write (ended, still only invited)."""
    now = at.now
    if todo == "answer":
        assignment = assignment_of(user)
        if role_of(user) not in AGENCY or assignment is None:
            return NOTHING
        unanswered = Invitation.objects.filter(
            meeting=OuterRef("pk"),
            unit_id=assignment.unit_id,
            removed_at__isnull=True,
            sent_at__isnull=False,
            response="",
        )
        return Q(Exists(unanswered), starts_at__gt=now) & ~Q(status=Meeting.Status.CANCELLED)
    if todo == "attendance":
        unrecorded = Invitation.objects.filter(
            meeting=OuterRef("pk"), removed_at__isnull=True, attendance__isnull=True
        )
        return Q(Exists(unrecorded), status=Meeting.Status.INVITED, starts_at__lte=now)
    if todo == "minutes":
        return Q(status=Meeting.Status.INVITED, ends_at__lte=now)
    return NOTHING


def week_q(at: Moment) -> Q:
    start, end = at.week_bounds()
    return Q(starts_at__gte=start, starts_at__lt=end, status__in=WEEK_STATUSES)
