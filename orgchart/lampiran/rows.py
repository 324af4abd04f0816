"""The rows of a table Lampiran (NO | STAF AHLI | ASISTEN | agencies | BAGIAN | URUSAN LAIN):
as published, verbatim from the stored annex entries, or as the portal reads the structure,
one row per Asisten."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from orgchart.lampiran.content import Structure, asisten_of
from orgchart.models import UnitAffair
from orgchart.vocabulary import UnitKind
from regulations.models import Annex, AnnexEntry

COLUMNS = ("staf_ahli", "asisten", "units", "bagian", "other")


@dataclass(frozen=True)
class Entry:
    """One text of a cell; ``unit_id`` and ``unit_key`` name the structure unit it stands for,
    ``marks`` the numbers of the flaw notes on it."""

    text: str
    unit_id: int | None = None
    unit_key: str = ""
    marks: tuple[int, ...] = ()


@dataclass(frozen=True)
class TableRow:
    number: int
    staf_ahli: tuple[Entry, ...] = ()
    asisten: tuple[Entry, ...] = ()
    units: tuple[Entry, ...] = ()
    bagian: tuple[Entry, ...] = ()
    other: tuple[Entry, ...] = ()
    published: bool = False  # verbatim from the annex, or read from the structure

    def cells(self) -> tuple[tuple[Entry, ...], ...]:
        return tuple(getattr(self, column) for column in COLUMNS)

    def entries(self) -> list[Entry]:
        return [entry for cell in self.cells() for entry in cell]

    def with_marks(self, marks_of: Callable[[TableRow, Entry], tuple[int, ...]]) -> TableRow:
        changes = {
            column: tuple(replace(e, marks=marks_of(self, e)) for e in getattr(self, column))
            for column in COLUMNS
        }
        return replace(self, **changes)


def published_rows(annex: Annex, structure: Structure) -> list[TableRow]:
    """The rows as published: their number, order and every text verbatim, each entry linked
    to the unit of the structure it names where that unit holds on the day."""
    ids = {row["key"]: row["id"] for row in structure.rows.values()}
    cells: dict[int, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for entry in AnnexEntry.objects.filter(annex=annex).order_by("row", "column", "position"):
        cells[entry.row][entry.column].append(
            Entry(entry.text, ids.get(entry.unit_key), entry.unit_key)
        )
    return [
        TableRow(
            number,
            **{column: tuple(cells[number][column]) for column in COLUMNS},
            published=True,
        )
        for number in sorted(cells)
    ]


def table_rows(structure: Structure, day: datetime.date) -> list[TableRow]:
    """The portal's reading: one row per Asisten, with its Staf Ahli, units and Bagian."""
    asisten = asisten_of(structure)
    members = {
        row["id"]: [structure.rows[i] for i in structure.children.get(row["id"], [])]
        + [structure.rows[link["target_id"]] for link in structure.second.get(row["id"], [])]
        for row in asisten
    }
    other = _other_affairs(members, day)
    entry = lambda row: Entry(row["name"], row["id"], row["key"])  # noqa: E731
    return [
        TableRow(
            number=number,
            staf_ahli=tuple(
                entry(structure.rows[i])
                for i in structure.advisers.get(row["id"], [])
                if i in structure.rows
            ),
            asisten=(entry(row),),
            units=tuple(entry(u) for u in members[row["id"]] if u["kind"] != UnitKind.BAGIAN),
            bagian=tuple(entry(u) for u in members[row["id"]] if u["kind"] == UnitKind.BAGIAN),
            other=tuple(Entry(text) for text in other.get(row["id"], [])),
        )
        for number, row in enumerate(asisten, start=1)
    ]


def _other_affairs(members: dict[int, list[dict]], day: datetime.date) -> dict[int, list[str]]:
    """The bidang an Asisten coordinates that none of its units carries out: "urusan lain"."""
    unit_ids = set(members) | {u["id"] for units in members.values() for u in units}
    coordinated: dict[int, list[tuple[str, str]]] = defaultdict(list)
    carried: dict[int, set[str]] = defaultdict(set)
    for row in (
        UnitAffair.objects.as_of(day)
        .filter(unit_id__in=unit_ids)
        .order_by("pk")
        .values("unit_id", "role", "affair__code", "wording")
    ):
        if row["role"] == UnitAffair.Role.COORDINATES:
            coordinated[row["unit_id"]].append((row["affair__code"], row["wording"]))
        else:
            carried[row["unit_id"]].add(row["affair__code"])
    result = {}
    for asisten_id, units in members.items():
        covered = set().union(*(carried[u["id"]] for u in units)) if units else set()
        wordings = [w for code, w in coordinated[asisten_id] if code not in covered and w]
        result[asisten_id] = list(dict.fromkeys(wordings))
    return result
