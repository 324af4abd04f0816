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


@pytest.fixture(autouse=True)
def api_rates_out_of_reach(settings):
    """The suite makes many API requests from one address in a minute: its rates are set out
    of reach, so that no test is throttled by accident (orgchart/tests/test_auth_security.py
    sets its own to prove the 429)."""
    settings.PORTAL_API_ANON_RATE = "1000000/min"
    settings.PORTAL_API_USER_RATE = "1000000/min"


@pytest.fixture(autouse=True)
def sessions_outlast_time_travel(settings):
    """A session lasts a working day (10 hours), but many tests log in and then travel days
    ahead to a meeting or a deadline: their sessions last a year. The working day itself is
    tested in orgchart/tests/test_auth_security.py, which turns this off."""
    settings.SESSION_COOKIE_AGE = 365 * 24 * 3600
