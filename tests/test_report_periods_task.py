"""The Celery beat task that opens the reporting periods (coordination.tasks), run twice."""

from __future__ import annotations

from coordination.reports.models import ReportingPeriod


def test_the_beat_task_is_idempotent(world):
    from coordination.tasks import ensure_report_periods

    first = ensure_report_periods.run()
    assert first["created"] > 0
    count = ReportingPeriod.objects.count()
    assert ensure_report_periods.run() == {"created": 0}
    assert ReportingPeriod.objects.count() == count
