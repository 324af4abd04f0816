"""A database migrated by the previous release keeps working with this checkout's code: it
migrates a copy of one that the previous release migrated and filled (the fixture and its
manifest in tests/fixtures/previous_release, made by make_db.py there), finds no model change
without its migration, serves the stored meeting, follow-up, urgent decision and written report
on their pages and in the API, and reads every row of every coordination model.

Each step runs in a subprocess with this checkout's code on a SQLite copy; the test process
opens no database. After a release, regenerate the fixture from it (make_db.py says how) and
move PREVIOUS_RELEASE.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.fixtures.previous_release.probe import request_for

PREVIOUS_RELEASE = "d6dc61f"
ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "previous_release"
MANIFEST = json.loads((FIXTURE / "manifest.json").read_text(encoding="utf-8"))
# The pages and API details the probe must fetch, whatever else it comes to fetch.
PAGES = {
    "coordination:meeting",
    "coordination:follow-up",
    "coordination:urgent",
    "coordination:report",
    "meeting-detail",
    "followup-detail",
    "urgentdecision-detail",
    "report-detail",
}


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def output(done: subprocess.CompletedProcess) -> str:
    return f"exit {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-6000:]}"


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> SimpleNamespace:
    """A copy of the previous release's database, migrated by this checkout."""
    folder = tmp_path_factory.mktemp("previous-release")
    copy = folder / "db.sqlite3"
    with gzip.open(FIXTURE / "db.sqlite3.gz", "rb") as source, copy.open("wb") as target:
        shutil.copyfileobj(source, target)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{copy}",
        "PORTAL_VAR_DIR": str(folder / "var"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    done = run(["manage.py", "migrate", "--noinput"], env)
    assert done.returncode == 0, output(done)
    return SimpleNamespace(folder=folder, env=env)


@pytest.fixture(scope="module")
def observed(migrated) -> dict:
    """What this checkout's code reads and serves from the migrated copy (probe.py)."""
    request, out = migrated.folder / "request.json", migrated.folder / "observed.json"
    request.write_text(json.dumps(request_for(MANIFEST)), encoding="utf-8")
    done = run([str(FIXTURE / "probe.py"), str(request), str(out)], migrated.env)
    assert done.returncode == 0, output(done)
    return json.loads(out.read_text(encoding="utf-8"))


def test_fixture_was_made_by_the_previous_release() -> None:
    assert MANIFEST["commit"].startswith(PREVIOUS_RELEASE)


def test_every_model_change_has_its_migration(migrated) -> None:
    done = run(["manage.py", "makemigrations", "--check", "--dry-run"], migrated.env)
    assert done.returncode == 0, output(done)


def test_the_code_under_test_is_this_checkout(observed) -> None:
    assert Path(observed["code"]) == ROOT / "coordination"


def test_pages_and_api_show_the_stored_rows(observed) -> None:
    assert {page["name"] for page in observed["pages"]} >= PAGES
    for page in observed["pages"]:
        assert page["url"].startswith(("/koordinasi/", "/api/v1/")), page["url"]
        assert page["status"] == 200, page.get("error") or page
        assert page["missing"] == [], page


def test_stored_rows_keep_their_values(observed) -> None:
    assert observed["rows"]
    for row in observed["rows"]:
        assert row["value"] == row["expected"], row


def test_every_coordination_row_survives(observed) -> None:
    """Every model holds the rows the previous release left, no more and no fewer. A model
    added since shows up here as well: what a migrated database holds in it is then decided,
    and written into the manifest's counts."""
    assert observed["counts"] == MANIFEST["counts"]


def test_the_fixture_leaves_no_table_empty_without_a_reason() -> None:
    """Only what the region's rules refused (recorded by make_db.py) is missing."""
    empty = {label for label, count in MANIFEST["counts"].items() if count == 0}
    assert empty == set(MANIFEST["empty_because"])
