"""The follow-up filters behind the worklist's items (Beranda), shared by the counts
(coordination.desk.worklist) and the lists they link to, so that a count and its list agree."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q

from coordination.core.clock import NOTHING
from coordination.follow_ups.models import FollowUp, FollowUpTransition

FOLLOW_UP_FILTERS = ("pending", "due_today", "overdue", "review", "returned")


# --- Follow-ups ---------------------------------------------------------------------------


def follow_up_q(name: str, today: datetime.date) -> Q:
    """pending and overdue as FollowUp.objects.pending() / overdue(today) select them; due
    today; waiting for the Sekda's review (reported done, not received); returned by the Sekda
    and not yet reported again."""
    pending = ~Q(status=FollowUp.Status.DONE)
    if name == "pending":
        return pending
    if name == "due_today":
        return pending & Q(due_date=today)
    if name == "overdue":
        return pending & Q(due_date__lt=today)
    if name == "review":
        return Q(status=FollowUp.Status.DONE, sekda_received_at__isnull=True)
    if name == "returned":
        sent_back = FollowUpTransition.objects.filter(
            follow_up=OuterRef("pk"),
            from_status=FollowUp.Status.DONE,
            to_status=FollowUp.Status.IN_PROGRESS,
        )
        # In progress can follow done only by a return: once returned, in progress means
        # not yet reported again.
        return Q(Exists(sent_back), status=FollowUp.Status.IN_PROGRESS)
    return NOTHING
