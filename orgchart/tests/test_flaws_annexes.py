"""A table Lampiran that lists the units of a Pasal in another order.

Catalogue (read from /work/shared/seeds/): only Bengkulu (17.71) has a table Lampiran.
- Row 1 (Asisten Pemerintahan dan Kesejahteraan Sosial) lists Dinas Pendidikan third, after
  the Inspektorat; Pasal 21 ayat (2) huruf a lists it as angka 11: found.
- Row 4 (Asisten Administrasi Umum) lists the Badan Pendapatan Daerah (huruf c angka 2) before
  the Badan Pengelolaan Keuangan dan Aset (angka 1): one of the two is out of order; found, as
  the one whose moving restores the Pasal's order.
- Row 3 follows huruf b's order: nothing found.
The other four regions' Lampiran are charts, whose boxes the seeds do not keep.
"""

from __future__ import annotations

import pytest

from orgchart.packs.flaws import find_flaws
from orgchart.packs.flaws.annexes import _in_order
from regulations.models import AnnexEntry

ORDER = {
    "13.75": set(),
    "13.12": set(),
    "64.02": set(),
    "32.79": set(),
    "17.71": {
        (1, "Dinas Pendidikan", "Pasal 21 ayat (2) huruf a angka 11"),
        (4, "Badan Pendapatan Daerah", "Pasal 21 ayat (2) huruf c angka 2"),
    },
}


def out_of_order(regulation) -> set:
    return {
        (int(f.fact_dict["row"]), f.fact_dict["text"], f.fact_dict["unit_citation"])
        for f in find_flaws(regulation)
        if f.code == "lampiran-order-differs"
    }


@pytest.mark.parametrize("code", sorted(ORDER))
def test_each_unit_listed_out_of_the_pasals_order_is_found(five_regions, db, code):
    assert out_of_order(five_regions[code].regulation) == ORDER[code]


def test_putting_the_row_in_the_pasals_order_clears_it(five_regions, db):
    regulation = five_regions["17.71"].regulation
    cell = AnnexEntry.objects.filter(annex__regulation=regulation, row=4, column="units")
    first, second = cell.get(position=1), cell.get(position=2)
    first.position, second.position = 99, 1
    first.save()
    second.save()
    first.position = 2
    first.save()
    assert {row for row, _text, _cited in out_of_order(regulation)} == {1}


def test_the_units_kept_are_a_longest_run_in_order():
    assert _in_order([1, 2, 11, 3, 4, 5]) == {0, 1, 3, 4, 5}
    assert len(_in_order([2, 1, 3, 4])) == 3
    assert _in_order([]) == set()
