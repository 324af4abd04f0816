"""Models of the coordination workflows."""

from coordination.models.calendar import RegionalDayOff
from coordination.models.follow_ups import (
    Decision,
    Evidence,
    FollowUp,
    FollowUpTransition,
    ReminderLog,
)
from coordination.models.letters import LetterSequence, MeetingDocument
from coordination.models.meetings import AgendaItem, Attendance, Invitation, Meeting
from coordination.models.oversight import Takeover, UrgentDecision
from coordination.models.reports import (
    Cadence,
    Report,
    ReportAttachment,
    ReportingObligation,
    ReportingPeriod,
    ReportLine,
    ReportReminder,
    ReportStep,
)

__all__ = [
    "AgendaItem",
    "Attendance",
    "Cadence",
    "Decision",
    "Evidence",
    "FollowUp",
    "FollowUpTransition",
    "Invitation",
    "LetterSequence",
    "Meeting",
    "MeetingDocument",
    "RegionalDayOff",
    "ReminderLog",
    "Report",
    "ReportAttachment",
    "ReportLine",
    "ReportReminder",
    "ReportStep",
    "ReportingObligation",
    "ReportingPeriod",
    "Takeover",
    "UrgentDecision",
]
