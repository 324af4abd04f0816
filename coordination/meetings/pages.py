"""The meeting pages' scoped lookups: a meeting or an invitation the user may see, else 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from coordination.core.pages import _require
from coordination.meetings.models import Invitation, Meeting


def _meeting_for(user, pk: int) -> Meeting:
    _require(user, "coordination.view_meeting")
    return get_object_or_404(
        Meeting.objects.visible_to(user).select_related("region", "convener"), pk=pk
    )


def _invitation_for(user, pk: int) -> Invitation:
    _require(user, "coordination.view_meeting")
    meetings = Meeting.objects.visible_to(user)
    return get_object_or_404(
        Invitation.objects.filter(meeting__in=meetings).select_related(
            "meeting__region", "meeting__convener", "unit", "attendance__official"
        ),
        pk=pk,
    )
