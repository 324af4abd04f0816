"""Models of the coordination workflows."""

from coordination.models.calendar import RegionalDayOff
from coordination.models.follow_ups import (
    Decision,
    Evidence,
    FollowUp,
    FollowUpTransition,
    ReminderLog,
)
from coordination.models.meetings import AgendaItem, Attendance, Invitation, Meeting
from coordination.models.oversight import Takeover, UrgentDecision

__all__ = [
    "AgendaItem",
    "Attendance",
    "Decision",
    "Evidence",
    "FollowUp",
    "FollowUpTransition",
    "Invitation",
    "Meeting",
    "RegionalDayOff",
    "ReminderLog",
    "Takeover",
    "UrgentDecision",
]
