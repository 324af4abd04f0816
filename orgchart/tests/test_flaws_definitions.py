"""Two terms of one list of definitions given the same meaning.

Catalogue (read from /work/shared/seeds/, the Ketentuan Umum of each text):

Banjar (32.79) Pasal 1: angka 7 "Perangkat Daerah adalah Wali Kota sebagai unsur
penyelenggaraan pemerintahan daerah yang memimpin pelaksanaan urusan pemerintah yang menjadi
kewenangan Daerah otonom" repeats angka 5's definition of the "Pemerintah Daerah Kota" (the
words of UU 23/2014 Pasal 1 angka 3 for the Pemerintah Daerah), where UU 23/2014 Pasal 1
angka 23 makes the Perangkat Daerah the head's auxiliaries: found.

Bengkulu (17.71) Pasal 1: angka 5 (Dinas: "unsur pelaksana") and angka 6 (Badan: "unsur
penunjang"), angka 9 (Harmonisasi: "menyelaraskan") and angka 10 (Sinkronisasi:
"menyinkronkan atau menyesuaikan") differ by the one word that matters: not flaws.

Bukittinggi (13.75), Pasaman Barat (13.12), Kutai Kartanegara (64.02): no two definitions
alike.
"""

from __future__ import annotations

import pytest

from orgchart.packs.flaws import FlawClass, Severity, find_flaws
from regulations.models import Provision

ALIKE = {
    "13.75": set(),
    "13.12": set(),
    "17.71": set(),
    "64.02": set(),
    "32.79": {("Pasal 1 angka 7", ("Pasal 1 angka 5",), "Perangkat Daerah")},
}


def alike(regulation) -> set:
    return {
        (f.citation, f.related, f.fact_dict["term"])
        for f in find_flaws(regulation)
        if f.code == "terms-defined-alike"
    }


@pytest.mark.parametrize("code", sorted(ALIKE))
def test_each_pair_of_terms_defined_alike_is_found(five_regions, db, code):
    assert alike(five_regions[code].regulation) == ALIKE[code]


def test_the_finding_says_both_terms_and_changes_who_is_responsible(five_regions, db):
    regulation = five_regions["32.79"].regulation
    (flaw,) = [f for f in find_flaws(regulation) if f.code == "terms-defined-alike"]
    assert (flaw.klass, flaw.severity) == (FlawClass.LIST_CONTRADICTION, Severity.RESPONSIBILITY)
    assert flaw.explanation("en").startswith(
        "Pasal 1 angka 7 defines “Perangkat Daerah” in the words Pasal 1 angka 5 gives "
        "“Pemerintah Daerah Kota”: “Wali Kota sebagai unsur"
    )
    assert "Perangkat Daerah" in flaw.explanation("id")


def test_one_word_that_differs_makes_another_meaning(five_regions, db):
    """Corrected as UU 23/2014 defines it, Banjar's Perangkat Daerah is no longer found; made
    to repeat Bengkulu's Dinas word for word, its Badan is."""
    banjar = five_regions["32.79"].regulation
    angka = Provision.objects.get(regulation=banjar, key="pasal:1/angka:7")
    angka.text = (
        "Perangkat Daerah adalah unsur pembantu kepala daerah dan DPRD dalam penyelenggaraan "
        "Urusan Pemerintahan yang menjadi kewenangan Daerah."
    )
    angka.save()
    assert alike(banjar) == set()
    bengkulu = five_regions["17.71"].regulation
    badan = Provision.objects.get(regulation=bengkulu, key="pasal:1/angka:6")
    badan.text = badan.text.replace("penunjang", "pelaksana")
    badan.save()
    assert alike(bengkulu) == {("Pasal 1 angka 6", ("Pasal 1 angka 5",), "Badan Daerah")}
