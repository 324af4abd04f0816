"""The Celery app; the only module that knows which broker the portal talks to.

Without ``CELERY_BROKER_URL`` the broker is kombu's filesystem transport in ``var/celery``,
so ``make run`` needs no server. Production sets ``CELERY_BROKER_URL=redis://...``.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import os
import time
from logging.config import dictConfig
from pathlib import Path

from celery import Celery
from celery.schedules import crontab
from celery.signals import setup_logging, task_postrun, task_prerun
from django.conf import settings
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable

from config.logging import json_logs_wanted

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def broker_settings(environ: os._Environ | dict[str, str]) -> dict:
    """Celery settings for the broker and result store chosen by the environment."""
    url = environ.get("CELERY_BROKER_URL")
    if url:
        return {
            "broker_url": url,
            "result_backend": environ.get("CELERY_RESULT_BACKEND", url),
            "broker_connection_retry_on_startup": True,
        }
    var_dir = Path(environ.get("PORTAL_VAR_DIR", Path(__file__).resolve().parent.parent / "var"))
    queue_dir = var_dir / "celery" / "queue"
    processed_dir = var_dir / "celery" / "processed"
    results_dir = var_dir / "celery" / "results"
    control_dir = var_dir / "celery" / "control"
    for folder in (queue_dir, processed_dir, results_dir, control_dir):
        folder.mkdir(parents=True, exist_ok=True)
    return {
        "broker_url": "filesystem://",
        "broker_transport_options": {
            "data_folder_in": str(queue_dir),
            "data_folder_out": str(queue_dir),
            "processed_folder": str(processed_dir),
            "control_folder": str(control_dir),
            "store_processed": False,
        },
        "result_backend": f"file://{results_dir}",
    }


app = Celery("portal")
app.conf.update(
    broker_settings(os.environ),
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    timezone=os.environ.get("DJANGO_TIME_ZONE", "Asia/Jakarta"),
    # A task is acknowledged only after it ran, so a worker that dies mid-task loses nothing.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    beat_schedule_filename=str(
        Path(os.environ.get("PORTAL_VAR_DIR", Path(__file__).resolve().parent.parent / "var"))
        / "celerybeat-schedule"
    ),
)
app.conf.beat_schedule = {
    "check-unit-trees-nightly": {
        "task": "orgchart.check_all_trees",
        "schedule": crontab(hour=2, minute=15),
    },
    # Reminders and escalations of follow-ups; each is sent once however often this runs.
    "scan-follow-ups": {
        "task": "coordination.scan_follow_ups",
        "schedule": crontab(minute="*/15"),
    },
    # Reporting periods ahead, idempotently; then reminders and lateness of written reports.
    "ensure-report-periods": {
        "task": "coordination.ensure_report_periods",
        "schedule": crontab(hour=1, minute=5),
    },
    "scan-reports": {
        "task": "coordination.scan_reports",
        "schedule": crontab(minute="7-59/15"),
    },
}
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


task_logger = logging.getLogger("portal.tasks")
_task_started: dict[str, float] = {}


@task_prerun.connect
def _task_starts(task_id: str, **kwargs) -> None:
    _task_started[task_id] = time.perf_counter()


@task_postrun.connect
def _task_ends(task_id: str, task, state: str | None = None, **kwargs) -> None:
    """One line per task: its name, id, final state and duration; never its arguments."""
    started = _task_started.pop(task_id, None)
    duration = None if started is None else round((time.perf_counter() - started) * 1000, 1)
    fields = {"task": task.name, "task_id": task_id, "status": state, "duration_ms": duration}
    level = logging.ERROR if state == "FAILURE" else logging.INFO
    task_logger.log(level, "task %s %s", task.name, state, extra=fields)


if json_logs_wanted(os.environ):

    @setup_logging.connect
    def _django_logging(**kwargs) -> None:
        """Workers log through Django's LOGGING (JSON lines), not Celery's own text format."""
        dictConfig(settings.LOGGING)


@dataclasses.dataclass
class Broker(HealthCheck):
    """The broker takes a connection: Redis in production, the filesystem queue embedded."""

    timeout: datetime.timedelta = dataclasses.field(
        default=datetime.timedelta(seconds=3), repr=False
    )

    def run(self) -> None:
        try:
            with app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=self.timeout.total_seconds())
        except Exception as error:  # kombu raises its own, redis's or OSError, by transport
            raise ServiceUnavailable(f"broker unreachable ({type(error).__name__})") from error
