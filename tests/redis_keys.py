"""Redis as the tests use it: every key they write carries a prefix unique to this test run
(and to the xdist worker), and only keys with that prefix are deleted afterwards. No test
flushes a Redis database or touches another run's keys, so the suite can share a Redis server
with a running portal or a second CI job."""

from __future__ import annotations

import os
import uuid

import redis
from celery import Celery

RUN = f"portal-test-{uuid.uuid4().hex[:12]}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}:"


def scope_to_run(app: Celery) -> str:
    """Make ``app`` write its broker and result keys under this run's prefix; the prefix."""
    options = dict(app.conf.broker_transport_options or {})
    options["global_keyprefix"] = RUN
    app.conf.broker_transport_options = options
    app.conf.result_backend_transport_options = {"global_keyprefix": RUN}
    return RUN


def delete_run_keys(url: str) -> int:
    """Delete this run's keys (and only them) from the Redis at ``url``; how many."""
    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=f"{RUN}*", count=500))
    if keys:
        client.delete(*keys)
    return len(keys)
