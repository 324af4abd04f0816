"""Shared fixtures, loaded as a pytest plugin by the root conftest.py: a small region tree
and the named personas who act in it.

PostgreSQL-only tests carry ``@pytest.mark.postgres_only``. On SQLite they are skipped and
listed at the end of the run; with REQUIRE_POSTGRES=1 (CI) a SQLite run is refused outright.
"""

from __future__ import annotations

import datetime
import os
from types import SimpleNamespace

import pytest
from django.conf import settings

from orgchart.models import Unit
from tests.factories import (
    AppointmentFactory,
    OfficialFactory,
    PositionFactory,
    RegionFactory,
    RegulationFactory,
    UnitFactory,
    user_with_role,
)

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def pytest_configure(config) -> None:
    if os.environ.get("REQUIRE_POSTGRES") == "1" and not ON_POSTGRES:
        raise pytest.UsageError(
            "REQUIRE_POSTGRES=1 but DATABASE_URL does not point at PostgreSQL: "
            "nothing may be skipped for lack of PostgreSQL."
        )


POSTGRES_ONLY = "PostgreSQL-only: set DATABASE_URL=postgres://… to run it"


def pytest_collection_modifyitems(config, items) -> None:
    if ON_POSTGRES:
        return
    skip = pytest.mark.skip(reason=POSTGRES_ONLY)
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    # Read from the reports, not from the collection: under pytest-xdist the workers collect.
    skipped = sorted(
        report.nodeid
        for report in terminalreporter.stats.get("skipped", [])
        if POSTGRES_ONLY in str(report.longrepr)
    )
    terminalreporter.section("database")
    if ON_POSTGRES:
        terminalreporter.write_line("Ran on PostgreSQL: no test was skipped for lack of it.")
        return
    terminalreporter.write_line(
        f"Ran on SQLite. {len(skipped)} PostgreSQL-only test(s) skipped "
        "(set DATABASE_URL to run them):"
    )
    for nodeid in skipped:
        terminalreporter.write_line(f"  {nodeid}")


@pytest.fixture
def today() -> datetime.date:
    return datetime.date(2024, 6, 3)


@pytest.fixture
def region(db):
    return RegionFactory(
        code="13.75", name="Bukittinggi", province="Sumatera Barat", head_title="Walikota"
    )


@pytest.fixture
def regulation(region):
    return RegulationFactory(region=region, number="4", year=2017)


@pytest.fixture
def tree(region, regulation):
    """Walikota → Wakil, Sekda → two Asisten → their agencies, as in Lampiran I."""
    root = UnitFactory(region=region, name="Walikota Bukittinggi")
    wakil = UnitFactory(region=region, parent=root, name="Wakil Walikota", kind=Unit.Kind.WAKIL)
    setda = UnitFactory(
        region=region, parent=root, name="Sekretaris Daerah", kind=Unit.Kind.SETDA, line="komando"
    )
    pemerintahan = UnitFactory(
        region=region,
        parent=setda,
        name="Asisten pemerintahan dan kesejahteraan rakyat",
        kind=Unit.Kind.ASISTEN,
        line="komando",
    )
    ekonomi = UnitFactory(
        region=region,
        parent=setda,
        name="Asisten ekonomi dan pembangunan",
        kind=Unit.Kind.ASISTEN,
        line="komando",
    )
    kesehatan = UnitFactory(region=region, parent=pemerintahan, name="Dinas kesehatan")
    bagian = UnitFactory(
        region=region, parent=pemerintahan, name="Bagian pemerintahan", kind=Unit.Kind.BAGIAN
    )
    perhubungan = UnitFactory(region=region, parent=ekonomi, name="Dinas perhubungan")
    return SimpleNamespace(
        root=root,
        wakil=wakil,
        setda=setda,
        pemerintahan=pemerintahan,
        ekonomi=ekonomi,
        kesehatan=kesehatan,
        bagian=bagian,
        perhubungan=perhubungan,
    )


@pytest.fixture
def other_tree(db):
    other = RegionFactory(
        code="64.02",
        name="Kutai Kartanegara",
        kind="kabupaten",
        province="Kalimantan Timur",
        head_title="Bupati",
    )
    root = UnitFactory(region=other, name="Bupati Kutai Kartanegara")
    setda = UnitFactory(
        region=other, parent=root, name="Sekretaris Daerah", kind=Unit.Kind.SETDA, line="komando"
    )
    bagian = UnitFactory(region=other, parent=setda, name="Bagian Hukum", kind=Unit.Kind.BAGIAN)
    return SimpleNamespace(region=other, root=root, setda=setda, bagian=bagian)


@pytest.fixture
def personas(tree, other_tree):
    """alice the Sekda, bob the Asisten, charlie the Kepala Dinas, dina in the Setda,
    and outsider, a secretariat clerk of another region."""
    return SimpleNamespace(
        superadmin=user_with_role("root", "superadmin", None),
        sekda=user_with_role("alice", "sekda", tree.setda),
        asisten_pemerintahan=user_with_role("bob", "asisten", tree.pemerintahan),
        kadis_kesehatan=user_with_role("charlie", "agency_head", tree.kesehatan),
        setda_staff=user_with_role("dina", "secretariat_staff", tree.bagian),
        outsider=user_with_role("outsider", "secretariat_staff", other_tree.bagian),
    )


@pytest.fixture
def head_of(region):
    """Appoint a head to a unit: head_of(unit, kind="plt", start=…)."""

    def appoint(unit, *, kind="definitif", start=datetime.date(2020, 1, 1), end=None, name=None):
        position = unit.positions.filter(level=1).first() or PositionFactory(unit=unit)
        official = OfficialFactory(region=unit.region, **({"name": name} if name else {}))
        return AppointmentFactory(
            official=official, position=position, kind=kind, start=start, end=end
        )

    return appoint


@pytest.fixture(autouse=True)
def english_messages():
    """Assertions read English messages; tests of the Indonesian catalogue override this."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's deliberate slowness is for production; tests hash dozens of passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def five_regions(django_db_setup, django_db_blocker):
    """The five bundled region packs, loaded once per test module and rolled back after it.

    Tests that use it also request ``db`` (each test runs in a savepoint inside this
    transaction), so nothing leaks into modules that expect an empty database.
    """
    from django.db import transaction

    from orgchart.packs.loader import bundled_packs, load_pack, read_pack
    from regulations.models import Region, Regulation
    from tests.pack_snapshot import load_or_replay

    def load() -> dict:
        loaded = {}
        for path in bundled_packs():
            region, regulation, _report = load_pack(read_pack(path))
            loaded[region.code] = SimpleNamespace(region=region, regulation=regulation, path=path)
        return loaded

    def rebuild(loaded: dict) -> dict:
        """The same rows, replayed (tests/pack_snapshot.py): fresh instances of them."""
        regions = Region.objects.in_bulk([side.region.pk for side in loaded.values()])
        regulations = Regulation.objects.in_bulk([side.regulation.pk for side in loaded.values()])
        return {
            code: SimpleNamespace(
                region=regions[side.region.pk],
                regulation=regulations[side.regulation.pk],
                path=side.path,
            )
            for code, side in loaded.items()
        }

    with django_db_blocker.unblock(), transaction.atomic():
        yield load_or_replay(load, rebuild)
        transaction.set_rollback(True)
