"""The import contracts of pyproject.toml ([tool.importlinter]) hold, and they bite: a copy of
the project with one forbidden import added fails `lint-imports`, naming the contract it
breaks. docs/architecture.md explains the contracts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("config", "coordination", "orgchart", "regulations", "apitools", "tests")


def lint(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT), "--config", str(where / "pyproject.toml"), "--no-cache"],
        cwd=where,
        env={"PYTHONPATH": str(where), "PATH": str(LINT.parent)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def copy_of_project(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "pyproject.toml", where)
    for name in PACKAGES:
        shutil.copytree(ROOT / name, where / name, ignore=shutil.ignore_patterns("__pycache__"))
    return where


def add_import(module: Path, line: str) -> None:
    module.write_text(module.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_project_keeps_every_contract():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        # A workflow reaching up: meetings may not know follow-ups (the order is core <-
        # oversight <- meetings <- follow_ups <- reports <- compliance <- desk).
        (
            "coordination/meetings/models.py",
            "from coordination.follow_ups import models as _later  # noqa",
            "Workflows inside coordination, each importing only those below it",
        ),
        # Inside a function counts too.
        (
            "coordination/core/workdays.py",
            "def _peek():\n    from coordination.reports.models import Report  # noqa",
            "Workflows inside coordination, each importing only those below it",
        ),
        # An app reaching up a layer: the regulations know nothing of the org chart.
        (
            "regulations/models/__init__.py",
            "from orgchart.models import Unit as _unit  # noqa",
            "Apps: config -> coordination -> orgchart -> regulations -> apitools, never back",
        ),
        (
            "orgchart/services.py",
            "from config import settings as _settings  # noqa",
            "Apps: config -> coordination -> orgchart -> regulations -> apitools, never back",
        ),
        # WeasyPrint outside the PDF module, the broker outside the Celery app module.
        (
            "coordination/follow_ups/documents.py",
            "import weasyprint  # noqa",
            "Only the PDF modules import WeasyPrint",
        ),
        (
            "coordination/tasks.py",
            "from config.celery import app as _app  # noqa",
            "Only the Celery app module knows the broker",
        ),
        # Two siblings importing each other.
        (
            "orgchart/models/units.py",
            "def _back():\n    from orgchart.models.links import UnitLink  # noqa",
            "No import cycle among the project's modules",
        ),
    ],
)
def test_an_import_that_breaks_a_contract_fails_the_lint(copy_of_project, module, line, contract):
    target = copy_of_project / module
    original = target.read_text(encoding="utf-8")
    add_import(target, line)
    try:
        result = lint(copy_of_project)
    finally:
        target.write_text(original, encoding="utf-8")
    assert result.returncode != 0, result.stdout
    assert f"{contract} BROKEN" in result.stdout, result.stdout
