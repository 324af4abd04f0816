"""The Mengingat as cited: the gazette a local regulation is published in, and the numbers of a
national law across the texts.

Catalogue (read from /work/shared/seeds/):
- Bengkulu (17.71) Mengingat angka 10: "Peraturan Walikota Bengkulu Nomor 44 Tahun 2016 …
  (Lembaran Daerah Kota Bengkulu Tahun 2016 Nomor 44)": a Perwal is published in the Berita
  Daerah, as angka 7–9 and 11 of the same list say of theirs: found.
- Banjar (32.79) Mengingat angka 2: UU 5/2014 with "Tambahan Lembaran Negara Republik Indonesia
  Nomor 5495"; Bukittinggi, Pasaman Barat and Bengkulu give 5494: found.
- Not checked: Bengkulu Mengingat angka 3 "Lembaran Negara … Nomor 6 Tahun 2014" (year and
  number in another order) and angka 5 without its Tambahan number; Banjar Mengingat angka 8
  "Tambahan Lembaran Daerah Kota Banjar 13" without "Nomor".
"""

from __future__ import annotations

import pytest

from orgchart.packs.flaws import FlawClass, find_flaws
from regulations.models import Recital

FOUND = {
    "13.75": set(),
    "13.12": set(),
    "64.02": set(),
    "17.71": {("legal-basis-wrong-gazette", "Mengingat angka 10")},
    "32.79": {("legal-basis-number-differs", "Mengingat angka 2")},
}


def legal_basis(regulation) -> set:
    return {
        (f.code, f.citation) for f in find_flaws(regulation) if f.code.startswith("legal-basis")
    }


@pytest.mark.parametrize("code", sorted(FOUND))
def test_each_legal_basis_cited_otherwise_is_found(five_regions, db, code):
    assert legal_basis(five_regions[code].regulation) == FOUND[code]


def test_the_findings_name_the_gazette_and_the_number_most_texts_give(five_regions, db):
    (banjar,) = [
        f for f in find_flaws(five_regions["32.79"].regulation) if f.code.startswith("legal")
    ]
    assert banjar.klass == FlawClass.METADATA
    assert banjar.explanation("en") == (
        "Mengingat angka 2 gives Undang-Undang 5/2014 Tambahan Lembaran Negara Nomor 5495, "
        "where 3 of the texts the portal holds give Nomor 5494."
    )
    (bengkulu,) = [
        f for f in find_flaws(five_regions["17.71"].regulation) if f.code.startswith("legal")
    ]
    assert bengkulu.explanation("en").startswith(
        "Mengingat angka 10 cites “Peraturan Walikota Bengkulu Nomor 44 Tahun 2016” as "
        "published in the “Lembaran Daerah”; a regulation of its kind is published in the "
        "Berita Daerah."
    )


def test_a_corrected_citation_clears_it_and_a_perda_in_the_berita_daerah_is_found(five_regions, db):
    regulation = five_regions["32.79"].regulation
    recital = Recital.objects.get(regulation=regulation, kind="mengingat", label="2.")
    recital.text = recital.text.replace("5495", "5494")
    recital.save()
    assert legal_basis(regulation) == set()
    recital.text = (
        "Peraturan Daerah Nomor 8 Tahun 2016 tentang Pembentukan dan Susunan Perangkat Daerah "
        "(Berita Daerah Kota Banjar Tahun 2016 Nomor 8);"
    )
    recital.save()
    assert legal_basis(regulation) == {("legal-basis-wrong-gazette", "Mengingat angka 2")}
