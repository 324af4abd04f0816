"""A table Lampiran against the Pasal it restates: a unit listed in another order.

Perwal Bengkulu 24/2018's Lampiran lists the agencies of each Asisten as Pasal 21 ayat (2)
does, but not always in its order: a reader comparing the two looks for "Dinas Pendidikan"
third in the Lampiran and finds it eleventh in the Pasal.
"""

from __future__ import annotations

import bisect
import itertools

from django.utils.translation import gettext_lazy as _

from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source, explains
from regulations.models import AnnexEntry

OUT_OF_ORDER = explains(
    "lampiran-order-differs",
    _(
        "%(citation)s row %(row)s lists “%(text)s” as item %(place)s, out of the order of the "
        "list it restates, where it is %(unit_citation)s."
    ),
)


def lampiran_rows_in_another_order(source: Source) -> list[Flaw]:
    """Each unit of a Lampiran cell that breaks the order of the Pasal that lists them: the
    fewest units whose moving restores the Pasal's order (outside a longest run in order)."""
    position = {p.citation: p.position for p in source.provisions}
    flaws = []
    cells = itertools.groupby(source.annex_entries, key=lambda e: (e.annex_id, e.row, e.column))
    for (_annex, row, column), entries in cells:
        if column != AnnexEntry.Column.UNITS:
            continue
        placed = [
            (place, entry, unit)
            for place, entry in enumerate(entries, start=1)
            if (unit := source.units_by_key.get(entry.unit_key)) is not None
            and unit.source_citation in position
        ]
        keep = _in_order([position[unit.source_citation] for _place, _entry, unit in placed])
        for index, (place, entry, unit) in enumerate(placed):
            if index in keep:
                continue
            flaws.append(
                Flaw.of(
                    OUT_OF_ORDER,
                    FlawClass.LIST_CONTRADICTION,
                    Severity.FORM,
                    entry.annex.citation,
                    related=[unit.source_citation],
                    units=[unit.key],
                    row=row,
                    text=entry.text,
                    place=place,
                    unit_citation=unit.source_citation,
                )
            )
    return flaws


def _in_order(values: list[int]) -> set[int]:
    """Indexes of a longest increasing run (not necessarily contiguous) of ``values``."""
    tails: list[int] = []  # tails[k]: smallest last value of a run of length k + 1
    tail_index: list[int] = []
    before = [-1] * len(values)
    for index, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_index.append(index)
        else:
            tails[k], tail_index[k] = value, index
        before[index] = tail_index[k - 1] if k else -1
    kept, index = set(), tail_index[-1] if tail_index else -1
    while index != -1:
        kept.add(index)
        index = before[index]
    return kept


CHECKS = [lampiran_rows_in_another_order]
