"""A coordination world on the real packs: Bukittinggi (Perwal 4/2017) and Kutai Kartanegara
(Perbup 4/2018) as bundled, with officials in Dinas kesehatan and users for every role.

    world.bkt.units["Dinas kesehatan"], world.bkt.users["sekda"], world.bkt.officials["level2"]
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from orgchart.models import Appointment, Official, Position, Unit
from tests.factories import user_with_role


def _official(region, name: str) -> Official:
    return Official.objects.create(region=region, name=name, nip="")


def _appoint(
    official, unit, title: str, level: int, kind=Appointment.Kind.DEFINITIF
) -> Appointment:
    position = Position.objects.create(unit=unit, title=title, level=level)
    return Appointment.objects.create(
        official=official, position=position, kind=kind, start=datetime.date(2020, 1, 1)
    )


def _side(
    loaded,
    prefix: str,
    *,
    asisten: str,
    other_asisten: str,
    dinas: str,
    other_dinas: str,
    bagian: str,
    vertical: str,
    acting_dinas: str,
) -> SimpleNamespace:
    region = loaded.region
    units = {unit.name: unit for unit in Unit.objects.filter(region=region)}
    root = Unit.objects.get(region=region, kind="kepala_daerah")
    wakil = Unit.objects.get(region=region, kind="wakil")
    setda = Unit.objects.get(region=region, kind="setda")
    users = {
        "kepala_daerah": user_with_role(f"{prefix}_kd", "kepala_daerah", root),
        "wakil": user_with_role(f"{prefix}_wakil", "wakil", wakil),
        "sekda": user_with_role(f"{prefix}_sekda", "sekda", setda),
        "asisten": user_with_role(f"{prefix}_asisten", "asisten", units[asisten]),
        "asisten_other": user_with_role(f"{prefix}_asisten2", "asisten", units[other_asisten]),
        "secretariat_staff": user_with_role(f"{prefix}_setda", "secretariat_staff", units[bagian]),
        "agency_head": user_with_role(f"{prefix}_kadis", "agency_head", units[dinas]),
        "agency_staff": user_with_role(f"{prefix}_staf", "agency_staff", units[dinas]),
        "agency_head_other": user_with_role(f"{prefix}_kadis2", "agency_head", units[other_dinas]),
    }
    for name, user in users.items():
        user.email = f"{user.username}@example.go.id"
        user.first_name = name
        user.save()
    unit = units[dinas]
    officials = {
        "head": _official(region, f"KEPALA {prefix.upper()}"),
        "level2": _official(region, f"SEKRETARIS {prefix.upper()}"),
        "level3": _official(region, f"KASUBBAG {prefix.upper()}"),
        "acting": _official(region, f"PLT {prefix.upper()}"),
        "outsider": _official(region, f"STAF LAIN {prefix.upper()}"),
    }
    _appoint(officials["head"], unit, f"Kepala {unit.name}", 1)
    _appoint(officials["level2"], unit, f"Sekretaris {unit.name}", 2)
    _appoint(officials["level3"], unit, f"Kepala Subbagian Umum {unit.name}", 3)
    _appoint(
        officials["acting"], units[acting_dinas], f"Kepala {acting_dinas}", 1, Appointment.Kind.PLT
    )
    _appoint(officials["outsider"], units[other_dinas], f"Sekretaris {other_dinas}", 2)
    return SimpleNamespace(
        region=region,
        regulation=loaded.regulation,
        units=units,
        root=root,
        wakil=wakil,
        setda=setda,
        asisten=units[asisten],
        asisten_other=units[other_asisten],
        dinas=unit,
        other_dinas=units[other_dinas],
        acting_dinas=units[acting_dinas],
        bagian=units[bagian],
        vertical=units[vertical],
        users=users,
        officials=officials,
    )


# The test personas' units in each region the tests act in: (prefix, units by role).
PERSONA_UNITS = {
    "13.75": (
        "bkt",
        {
            "asisten": "Asisten pemerintahan dan kesejahteraan rakyat",
            "other_asisten": "Asisten ekonomi dan pembangunan",
            "dinas": "Dinas kesehatan",
            "other_dinas": "Dinas perhubungan",
            "bagian": "Bagian pemerintahan",
            "vertical": "Polres",
            "acting_dinas": "Dinas sosial",
        },
    ),
    "64.02": (
        "kukar",
        {
            "asisten": "Assisten Pemerintahan dan Kesejahteraan Rakyat",
            "other_asisten": "Assisten Perekonomian dan Pembangunan",
            "dinas": "Dinas Kesehatan",
            "other_dinas": "Dinas Perhubungan",
            "bagian": "Bagian Pemerintahan",
            "vertical": "Polres Kutai Kartanegara",
            "acting_dinas": "Dinas Sosial",
        },
    ),
    "17.71": (
        "bkl",
        {
            "asisten": "Asisten Pemerintahan dan Kesejahteraan Sosial",
            "other_asisten": "Asisten Perekonomian dan Pembangunan",
            "dinas": "Dinas Kesehatan",
            "other_dinas": "Dinas Perhubungan",
            "bagian": "Bagian Tata Pemerintahan Sekretariat Daerah Kota Bengkulu",
            "vertical": "Inspektorat Daerah",
            "acting_dinas": "Dinas Sosial",
        },
    ),
}


def load_region(code: str) -> SimpleNamespace:
    """A bundled region pack loaded in the current transaction: its region and regulation."""
    from orgchart.packs.loader import bundled_packs, load_pack, read_pack

    (path,) = [path for path in bundled_packs() if path.name.startswith(f"{code}-")]
    region, regulation, _report = load_pack(read_pack(path))
    return SimpleNamespace(region=region, regulation=regulation)


def side_of(loaded, code: str):
    """The test personas of a loaded region (``loaded`` holds its region and regulation)."""
    prefix, units = PERSONA_UNITS[code]
    return _side(loaded, prefix, **units)


@pytest.fixture
def world(five_regions, db):
    from tests.factories import UserFactory

    superadmin = UserFactory(
        username="root", is_staff=True, is_superuser=True, email="root@example.go.id"
    )
    bkt, kukar, bkl = (side_of(five_regions[code], code) for code in ("13.75", "64.02", "17.71"))
    bkl.bappeda = bkl.units["Badan Perencanaan, Penelitian dan Pengembangan"]
    bkl.users["bappeda_head"] = user_with_role("bkl_bappeda", "agency_head", bkl.bappeda)
    bkl.users["bappeda_head"].email = "bkl_bappeda@example.go.id"
    bkl.users["bappeda_head"].save()
    return SimpleNamespace(superadmin=superadmin, bkt=bkt, kukar=kukar, bkl=bkl)
