"""Root conftest: makes the shared personas and fixtures of tests/personas.py available to the
app test packages (orgchart/tests, regulations/tests, coordination/tests) as well."""

pytest_plugins = ["tests.personas", "tests.world"]
