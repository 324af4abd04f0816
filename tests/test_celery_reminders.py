"""Reminders through Redis and a real Celery worker: the beat task runs twice, at once, on two
worker threads, and every reminder goes out exactly once."""

from __future__ import annotations

import datetime
import os
import zoneinfo

import pytest
import redis
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.core import mail

from config.celery import app as portal_app
from coordination.follow_ups.models import ReminderLog
from coordination.follow_ups.tests.helpers import held_meeting
from coordination.tasks import scan_follow_ups
from tests.redis_keys import RUN, delete_run_keys, scope_to_run
from tests.world import load_region, side_of

REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_app():
    """A Celery app on Redis whatever the portal's own broker is, carrying the real task."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as exc:  # pragma: no cover - environment
        pytest.fail(f"Redis is required for this test and is unreachable at {REDIS_URL}: {exc}")
    test_app = Celery("reminders-test", broker=REDIS_URL, backend=REDIS_URL, set_as_current=False)
    test_app.conf.update(
        task_serializer="json",
        accept_content=["json"],
        task_acks_late=portal_app.conf.task_acks_late,
        task_reject_on_worker_lost=portal_app.conf.task_reject_on_worker_lost,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
    )
    # Its keys carry this run's prefix, and only they are deleted (tests/redis_keys.py).
    scope_to_run(test_app)
    task = test_app.task(name=scan_follow_ups.name)(scan_follow_ups.run)
    yield test_app, task
    delete_run_keys(REDIS_URL)


@pytest.mark.django_db(transaction=True)
def test_reminders_fire_once_when_the_scan_runs_twice_on_a_real_worker(redis_app):
    side = side_of(load_region("64.02"), "64.02")
    # Wed 3 June 2026 + 2 working days (Pasal 13 ayat (5)) = Fri 5 June; the Sekda hears of it
    # two working days later, Tue 9 June. Scanning on Wed 10 June owes the Asisten's notice
    # and the Sekda's escalation.
    _meeting, (follow_up,) = held_meeting(side, day=datetime.date(2026, 6, 3))
    now = datetime.datetime(2026, 6, 10, 8, tzinfo=zoneinfo.ZoneInfo("Asia/Makassar")).isoformat()
    mail.outbox.clear()
    test_app, task = redis_app
    client = redis.Redis.from_url(REDIS_URL)
    others_before = {key for key in client.scan_iter() if not key.startswith(RUN.encode())}
    with start_worker(
        test_app, pool="threads", concurrency=2, perform_ping_check=False, shutdown_timeout=20
    ):
        first = task.delay(now=now, region_ids=[side.region.pk])
        second = task.delay(now=now, region_ids=[side.region.pk])
        results = [first.get(timeout=60), second.get(timeout=60)]
        third = task.delay(now=now, region_ids=[side.region.pk]).get(timeout=60)
        ours = list(client.scan_iter(match=f"{RUN}*"))
    # Every key the broker and the results wrote is this run's; nobody else's key appeared.
    assert ours, "the worker wrote no key under this run's prefix"
    others_after = {key for key in client.scan_iter() if not key.startswith(RUN.encode())}
    assert others_after - others_before == set()
    sent = sorted(item["kind"] for result in results for item in result["sent"])
    assert sent == ["at_due", "sekda"], results
    assert third == {"sent": []}
    logs = ReminderLog.objects.filter(follow_up=follow_up).order_by("kind")
    assert [(log.kind, log.sent_at is not None) for log in logs] == [
        ("at_due", True),
        ("sekda", True),
    ]
    recipients = sorted(tuple(message.to) for message in mail.outbox)
    assert recipients == [("kukar_asisten@example.go.id",), ("kukar_sekda@example.go.id",)]


def test_beat_scans_follow_ups_every_quarter_hour():
    entry = next(
        e for e in portal_app.conf.beat_schedule.values() if e["task"] == scan_follow_ups.name
    )
    assert entry["schedule"].minute == {0, 15, 30, 45}
