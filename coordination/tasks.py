"""Celery tasks of the coordination workflows."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task

from coordination.follow_ups import escalation

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


@shared_task(name="coordination.ensure_report_periods")
def ensure_report_periods() -> dict:
    """Beat, daily: derive every region's reporting obligations from its rules and create
    their periods ahead. Idempotent: a second run creates nothing."""
    from coordination.reports.obligations import ensure_all_periods

    return {"created": ensure_all_periods()}


@shared_task(name="coordination.scan_reports")
def scan_reports(now: str | None = None, region_ids: list[int] | None = None) -> dict:
    """Beat, every 15 minutes: reminders before a report is due, and notice when it is late."""
    from coordination.reports.reminders import scan_reports as scan

    moment = datetime.datetime.fromisoformat(now) if now else None
    sent = scan(moment, region_ids)
    return {"sent": [{"period": s.period_id, "unit": s.unit_id, "kind": s.kind} for s in sent]}
