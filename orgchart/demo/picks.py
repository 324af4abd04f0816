"""Which of a region's units the demo data puts people in: the health office, the Bappeda, an
agency in each Asisten's portfolio, the Bagian of the secretariat clerk, the units run by an
acting head. Read from the tree and its affairs, so no region is named."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from orgchart.models import Unit, UnitAffair
from orgchart.vocabulary import UnitKind
from regulations.models import Region

HEALTH_AFFAIR = "1.02"  # Kesehatan: the Dinas that carries it out is the health office
PLANNING_AFFAIR = "5.01"  # Perencanaan: the unit that carries it out is the Bappeda
PORTFOLIO_AGENCY_KINDS = (UnitKind.DINAS, UnitKind.BADAN)


@dataclass
class Picks:
    """The units of one region that the demo roster and users are built around."""

    units: list[Unit]  # every unit of the region on the day, in tree order
    asisten: list[Unit] = field(default_factory=list)
    health: Unit | None = None
    bappeda: Unit | None = None
    portfolio: list[Unit] = field(default_factory=list)  # one agency per Asisten, in order
    secretariat: Unit | None = None
    acting: list[Unit] = field(default_factory=list)  # headed by a Plt.

    def first(self, kind: str) -> Unit | None:
        return next((unit for unit in self.units if unit.kind == kind), None)

    def all(self, kind: str) -> list[Unit]:
        return [unit for unit in self.units if unit.kind == kind]


def pick_units(region: Region, day: datetime.date) -> Picks:
    units = list(Unit.objects.in_region(region).as_of(day).order_by("lft"))
    picks = Picks(units=units, asisten=[u for u in units if u.kind == UnitKind.ASISTEN])
    carriers = _carriers(region, day)
    picks.health = _carrier(units, carriers.get(HEALTH_AFFAIR, []), UnitKind.DINAS, "kesehatan")
    picks.bappeda = _carrier(units, carriers.get(PLANNING_AFFAIR, []), UnitKind.BADAN, "rencana")
    taken = {unit.pk for unit in (picks.health, picks.bappeda) if unit is not None}
    for asisten in picks.asisten:
        agency = next(
            (
                unit
                for unit in units
                if unit.parent_id == asisten.pk
                and unit.kind in PORTFOLIO_AGENCY_KINDS
                and unit.pk not in taken
            ),
            None,
        )
        if agency is not None:
            picks.portfolio.append(agency)
            taken.add(agency.pk)
    bagian = picks.all(UnitKind.BAGIAN)
    picks.secretariat = (
        next((b for b in bagian if "pemerintahan" in b.name.lower()), None)
        or (bagian[0] if bagian else None)
        or picks.first(UnitKind.SETDA)
    )
    picks.acting = _acting(picks, bagian)
    return picks


def _carriers(region: Region, day: datetime.date) -> dict[str, list[int]]:
    rows = (
        UnitAffair.objects.as_of(day)
        .filter(
            unit__region=region,
            affair__code__in=[HEALTH_AFFAIR, PLANNING_AFFAIR],
            role=UnitAffair.Role.CARRIES_OUT,
        )
        .values_list("affair__code", "unit_id")
    )
    found: dict[str, list[int]] = {}
    for code, unit_id in rows:
        found.setdefault(code, []).append(unit_id)
    return found


def _carrier(units: list[Unit], carriers: list[int], kind: str, word: str) -> Unit | None:
    """The first unit of ``kind`` that carries out the affair; without affairs on record, the
    first whose name has ``word``."""
    of_kind = [unit for unit in units if unit.kind == kind]
    return next((u for u in of_kind if u.pk in carriers), None) or next(
        (u for u in of_kind if word in u.name.lower()), None
    )


def _acting(picks: Picks, bagian: list[Unit]) -> list[Unit]:
    """A Plt. heads the agency picked in the second Asisten's portfolio (or the first's), and
    the last Bagian that is not the secretariat clerk's."""
    acting = []
    if picks.portfolio:
        acting.append(picks.portfolio[1] if len(picks.portfolio) > 1 else picks.portfolio[0])
    other = [b for b in bagian if b != picks.secretariat]
    if other:
        acting.append(other[-1])
    return acting
