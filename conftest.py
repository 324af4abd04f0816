"""Root conftest: makes the shared personas and fixtures of tests/personas.py available to the
app test packages (orgchart/tests, regulations/tests, coordination/tests) as well."""

import pytest

from tests.redis_keys import delete_run_keys, scope_to_run

pytest_plugins = ["tests.personas", "tests.world"]


@pytest.fixture(scope="session", autouse=True)
def celery_keys_of_this_run():
    """On a Redis broker (CI), the portal's Celery app writes under this run's own key prefix,
    and those keys alone are deleted at the end (tests/redis_keys.py)."""
    from config.celery import app

    if not str(app.conf.broker_url).startswith("redis"):
        yield
        return
    scope_to_run(app)
    yield
    delete_run_keys(app.conf.broker_url)
