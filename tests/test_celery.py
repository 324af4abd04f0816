"""Tasks travel through the configured broker to a real worker and back.

In CI the broker is Redis (CELERY_BROKER_URL); without it, kombu's filesystem transport.
"""

from __future__ import annotations

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app
from orgchart.tasks import check_all_trees
from tests.factories import RegionFactory, UnitFactory


@pytest.mark.django_db(transaction=True)
def test_the_tree_check_runs_on_a_worker_through_the_broker():
    region = RegionFactory(code="13.75", name="Bukittinggi")
    UnitFactory(region=region, name="Walikota Bukittinggi")
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        result = check_all_trees.delay()
        assert result.get(timeout=30) == {"13.75": 0}


def test_beat_schedules_the_nightly_tree_check():
    entries = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "orgchart.check_all_trees" in entries
