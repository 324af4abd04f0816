"""Celery tasks of the coordination workflows."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task

from coordination.services import escalation

logger = logging.getLogger(__name__)


@shared_task(name="coordination.scan_follow_ups")
def scan_follow_ups(now: str | None = None, region_ids: list[int] | None = None) -> dict:
    """Beat, every 15 minutes: send the reminders and escalations that are due, once each.
    ``now`` (ISO 8601) is for tests and replays; it defaults to the current time."""
    moment = datetime.datetime.fromisoformat(now) if now else None
    sent = escalation.scan(moment, region_ids)
    if sent:
        logger.info("Sent %d follow-up reminders", len(sent))
    return {
        "sent": [
            {"follow_up": item.follow_up_id, "kind": item.kind, "to": item.recipients}
            for item in sent
        ]
    }
