"""The cross-reference checks of the flaw checker (orgchart/packs/flaws/references.py).

Catalogue of the cross-references in the five seeds, read as a drafter would
(region, provision: what it says → where it points; verdict).

Bukittinggi 13.75 (Perwal 4/2017)
  Menimbang b: "pertimbangan sebagaimana dimaksud dalam huruf a" → Menimbang a; sound.
  Pasal 12: "Berdasarkan kedekatan tugas dan fungsinya sebagaimana dimaksud dalam Pasal 8, atas
    nama Sekretaris Daerah, asisten mengkoordinasikan …" → Pasal 8. WRONG: Pasal 8 is the Sekda's
    duty and delegation; the unit lists of Pasal 12 follow the portfolios (pembidangan) of
    Pasal 11, a. b. c. Asisten by Asisten. Pasaman Barat's Pasal 12, same template and numbering,
    cites Pasal 11. The words alone name nothing in particular ("tugas dan fungsi" is in half
    the Pasal), so the check compares the whole Pasal 12 with Pasal 8 and Pasal 11.
  Pasal 13, 15: "tercantum dalam Lampiran I dan Lampiran II", "lampiran III" → all exist; sound.
Pasaman Barat 13.12 (Perbup 49/2017)
  Menimbang b → huruf a; sound. Pasal 12 → Pasal 11 (pembedangan); sound.
  Pasal 13, 15 → Lampiran I, II, III; sound.
Bengkulu 17.71 (Perwal 24/2018)
  Menimbang b: "sebagaimana dimaksud huruf a" → Menimbang a; sound.
  Pasal 2 ayat (2): "Dalam melaksanakan tugas … ayat (1)" → the Walikota's tasks; sound.
  Pasal 3 ayat (2): "Wakil Walikota sebagaimana dimaksud ayat (1)" → sound.
  Pasal 21 ayat (2): "Jalur Koordinasi, Harmonisasi, Sinkronisasi dan Konsultasi … ayat (1)";
    sound.
  Pasal 22 ayat (1): "Jalur Koordinasi … sebagaimana dimaksud pada Pasal 28" → MISSING: the text
    ends at Pasal 24 (Pasal 21 is the one on the Jalur Koordinasi).
  Pasal 22 ayat (3), (4): "tercantum dalam lampiran Peraturan Walikota ini" → the Lampiran; sound.
  Pasal 23 ayat (5): "Konsultasi koordinatif sebagaimana dimaksud pada ayat (2)" → WRONG AYAT:
    ayat (2) is advice and telaahan to the Walikota; konsultasi koordinatif is ayat (4).
Kutai Kartanegara 64.02 (Perbup 4/2018)
  Menimbang c → huruf a and huruf b; sound.
  Pasal 3 ayat (2), 10 ayat (2), 11 ayat (2), 12 ayat (2) → their ayat (1); sound.
  Pasal 13 ayat (4): "Kepala Perangkat Daerah … ayat (3)" → the Perangkat Daerah that follow up;
    sound. Pasal 13 ayat (5): "Hasil koordinasi wajib ditindaklanjuti … ayat (3)" → "ditindak
    lanjuti" there; sound.
  Pasal 14 ayat (1): "mengambil alih pelaksanaan koordinasi … yang dilakukan oleh Assisten
    Sekretaris Daerah sebagaimana dimaksud dalam Pasal 8" → WRONG PASAL, and it changes who
    coordinates: Pasal 8 is the Bupati helped by the Sekda and names no Asisten; the Asisten's
    coordination is Pasal 9 (and Pasal 10–12).
Banjar 32.79 (Perwal 6/2023)
  Menimbang c → huruf a and huruf b; sound. Pasal 1 angka 4 → the UUD 1945 (another law).
  Pasal 5 ayat (2)–(5) → ayat (1) huruf a–d (integrasi, koordinasi, sinkronisasi, simplikasi);
    Pasal 6 ayat (2), (3); Pasal 8–12 ayat (1) → Pasal 7 huruf a–e (konsultatif … koordinatif)
    and their ayat (2)/(3) → ayat (1)/(2); Pasal 13 ayat (1) → Pasal 12, ayat (2), (3);
    Pasal 14 → Pasal 13 ayat (1) huruf a; Pasal 15 ayat (2) and ayat (3)–(10) → ayat (2)
    huruf a–h pair by pair; Pasal 16–23 (kerjasama, penyelesaian, periodik/insidental,
    kemitraan, Forkopimda → ayat (1) huruf a dan huruf b, kedudukan): all sound.
  Pasal 7: "Hubungan kerja dalam penyelenggaraan tugas, fungsi, dan wewenang Perangkat Daerah
    sebagaimana dimaksud dalam Pasal 4" → WRONG PASAL: Pasal 4 is the four uses of the Tata
    Hubungan Kerja (koordinasi, kerjasama, pembinaan, pengawasan); the words are Pasal 6 ayat (1)
    word for word.
"""

from __future__ import annotations

import pytest

from orgchart.packs.flaws import FlawClass, Severity, find_flaws
from regulations.models import Provision

MISSING = "reference-to-missing-provision"
WRONG = "reference-to-wrong-provision"
ACTOR = "reference-to-provision-without-its-actor"
UNRELATED = "reference-to-unrelated-provision"
ITSELF = "reference-to-itself"


def references(regulation) -> set[tuple]:
    """(code, citation, target, related, severity) of each cross-reference flaw."""
    return {
        (f.code, f.citation, f.fact_dict["target"], f.related, f.severity.name)
        for f in find_flaws(regulation)
        if f.klass == FlawClass.CROSS_REFERENCE
    }


def edit(regulation, key: str, old: str, new: str) -> None:
    provision = Provision.objects.get(regulation=regulation, key=key)
    assert old in provision.text
    provision.text = provision.text.replace(old, new)
    provision.save()


EXPECTED = {
    "13.75": {(UNRELATED, "Pasal 12", "Pasal 8", ("Pasal 8", "Pasal 11"), "MEANING")},
    "13.12": set(),
    "17.71": {
        (MISSING, "Pasal 22 ayat (1)", "Pasal 28", (), "MEANING"),
        (
            WRONG,
            "Pasal 23 ayat (5)",
            "Pasal 23 ayat (2)",
            ("Pasal 23 ayat (2)", "Pasal 23 ayat (4)"),
            "MEANING",
        ),
    },
    "64.02": {(ACTOR, "Pasal 14 ayat (1)", "Pasal 8", ("Pasal 8", "Pasal 9"), "RESPONSIBILITY")},
    "32.79": {(WRONG, "Pasal 7", "Pasal 4", ("Pasal 4", "Pasal 6"), "MEANING")},
}


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_each_region_has_exactly_the_wrong_references_of_the_catalogue(five_regions, db, code):
    assert references(five_regions[code].regulation) == EXPECTED[code]


def test_a_reference_to_another_ayat_quotes_the_words_and_what_the_target_is_about(
    five_regions, db
):
    (flaw,) = [f for f in find_flaws(five_regions["17.71"].regulation) if f.code == WRONG]
    assert flaw.explanation("en") == (
        "Pasal 23 ayat (5) refers to “Konsultasi koordinatif” as in Pasal 23 ayat (2), but "
        "Pasal 23 ayat (2) is about “memberikan saran, pendapat, pertimbangan dan membuat "
        "telaahan kepada Walikota dalam rangka perumusan …”; the provision on “Konsultasi "
        "koordinatif” is Pasal 23 ayat (4)."
    )


def test_a_reference_to_a_pasal_without_the_asisten_changes_who_coordinates(five_regions, db):
    (flaw,) = [f for f in find_flaws(five_regions["64.02"].regulation) if f.code == ACTOR]
    assert flaw.severity == Severity.RESPONSIBILITY
    facts = flaw.fact_dict
    assert facts["actor"] == "Assisten Sekretaris Daerah"
    assert facts["about"].startswith("Bupati selaku Kepala Daerah merupakan penanggungjawab")
    assert "does not name the Assisten Sekretaris Daerah" in flaw.explanation("en")


def test_a_vague_reference_is_judged_by_the_pasal_it_builds_on(five_regions, db):
    """Bukittinggi's Pasal 12 rests on Pasal 8; Pasaman Barat's identical Pasal 12 rests on
    Pasal 11, the portfolios its lists follow, and passes."""
    (flaw,) = [f for f in find_flaws(five_regions["13.75"].regulation) if f.code == UNRELATED]
    assert flaw.fact_dict["words"] == "Berdasarkan kedekatan tugas dan fungsinya"
    assert flaw.fact_dict["meant_about"].startswith("Pembidangan dalam pelaksanaan Koordinasi")
    pasaman = five_regions["13.12"].regulation
    edit(pasaman, "pasal:12", "dalam Pasal 11", "dalam Pasal 8")
    assert (UNRELATED, "Pasal 12", "Pasal 8", ("Pasal 8", "Pasal 11"), "MEANING") in references(
        pasaman
    )


def test_correcting_a_wrong_reference_clears_it(five_regions, db):
    bengkulu = five_regions["17.71"].regulation
    edit(bengkulu, "pasal:23/ayat:5", "pada ayat (2)", "pada ayat (4)")
    edit(bengkulu, "pasal:22/ayat:1", "pada Pasal 28", "pada Pasal 21")
    assert references(bengkulu) == set()
    kukar = five_regions["64.02"].regulation
    edit(kukar, "pasal:14/ayat:1", "dalam Pasal 8", "dalam Pasal 9")
    assert references(kukar) == set()


def test_swapping_a_huruf_of_a_sound_list_of_references_is_found(five_regions, db):
    """Banjar Pasal 15 ayat (3)–(10) each name one pair of ayat (2) huruf a–h."""
    banjar = five_regions["32.79"].regulation
    edit(banjar, "pasal:15/ayat:4", "ayat (2) huruf b", "ayat (2) huruf c")
    edit(banjar, "pasal:8/ayat:1", "Pasal 7 huruf a", "Pasal 7 huruf b")
    found = references(banjar) - EXPECTED["32.79"]
    assert found == {
        (
            WRONG,
            "Pasal 15 ayat (4)",
            "Pasal 15 ayat (2) huruf c",
            ("Pasal 15 ayat (2) huruf c", "Pasal 15 ayat (2) huruf b"),
            "RESPONSIBILITY",
        ),
        (
            WRONG,
            "Pasal 8 ayat (1)",
            "Pasal 7 huruf b",
            ("Pasal 7 huruf b", "Pasal 7 huruf a"),
            "MEANING",
        ),
    }


def test_a_relative_reference_is_read_in_the_referring_pasal(five_regions, db):
    """ "pada ayat (1) huruf a dan huruf c" in Pasal 22 ayat (2) means Pasal 22's ayat (1)."""
    banjar = five_regions["32.79"].regulation
    edit(banjar, "pasal:22/ayat:2", "huruf a dan huruf b", "huruf a dan huruf c")
    edit(banjar, "pasal:18/ayat:4", "ayat (3)", "ayat (4)")
    found = references(banjar) - EXPECTED["32.79"]
    assert found == {
        (MISSING, "Pasal 22 ayat (2)", "Pasal 22 ayat (1) huruf c", (), "MEANING"),
        ("reference-to-itself", "Pasal 18 ayat (4)", "Pasal 18 ayat (4)", (), "MEANING"),
    }


def test_recitals_and_lampiran_references_must_exist(five_regions, db):
    bukittinggi = five_regions["13.75"].regulation
    recital = bukittinggi.recitals.get(kind="menimbang", label__startswith="b")
    recital.text = recital.text.replace("dalam huruf a", "dalam huruf c")
    recital.save()
    edit(bukittinggi, "pasal:15", "lampiran III", "lampiran IV")
    found = references(bukittinggi) - EXPECTED["13.75"]
    assert found == {
        (MISSING, "Menimbang huruf b", "Menimbang huruf c", (), "MEANING"),
        (MISSING, "Pasal 15", "Lampiran IV", (), "MEANING"),
    }
    recital.text = recital.text.replace("dalam huruf c", "dalam huruf b")
    recital.save()
    assert (ITSELF, "Menimbang huruf b", "Menimbang huruf b", (), "MEANING") in references(
        bukittinggi
    )


def test_references_to_other_laws_are_not_checked(five_regions, db):
    """Kutai Kartanegara's Mengingat 1 cites "Pasal 18 ayat (6) Undang-Undang Dasar"; a Pasal
    of this regulation that cites another law's Pasal is left alone too."""
    kukar = five_regions["64.02"].regulation
    edit(
        kukar,
        "pasal:15/ayat:2",
        "diatur lebih lanjut",
        "diatur sesuai Pasal 65 ayat (1) Undang-Undang Nomor 23 Tahun 2014 lebih lanjut",
    )
    assert references(kukar) == EXPECTED["64.02"]
