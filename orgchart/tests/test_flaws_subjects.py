"""The dangling-subject checks (orgchart/packs/flaws/subjects.py) over the five texts.

Catalogue of the instances in the five seeds (region, provision, text, why):

Bengkulu (17.71), Perwal 24/2018
- Pasal 23 ayat (2) "memberikan saran, pendapat, pertimbangan dan membuat telaahan kepada
  Walikota …": Pasal 23 has no chapeau and ayat (1) is a whole sentence ("Staf Ahli bertugas
  …."), so nothing says who advises: provision-without-subject.
- Pasal 4 angka 2, 3, 4, 5, 7, 8 ("menetapkan APBD.", "membahas rencana kerja sama
  internasional." …) under "Pola Hubungan Kerja antara Walikota dengan DPRD sebagai berikut :":
  the lead-in names a relationship between two parties, not an actor, and angka 1, 6 ("Walikota
  …") and 9 ("DPRD wajib …") name their own, so these six name none: list-item-without-subject.
- Pasal 5 angka 1, 2, 3, 5, 9 ("memberikan petunjuk …", "melimpahkan sebagian tugas …") under
  "Pola Hubungan Kerja antara Walikota dengan Wakil Walikota …", while angka 4, 6, 7, 8 begin
  "Wakil Walikota berkewajiban": list-item-without-subject.
- Pasal 14 angka 1–5, 7–9, 13, 15–17, 23, 26, 28, 29, 31–34 ("merumuskan dan menetapkan
  kebijakan teknis …", "melaksanakan pengendalian …") under "Pola Hubungan Kerja antara Badan
  Perencanaan, Penelitian dan Pengembangan dengan Perangkat Daerah …", while angka 6, 10, 11 …
  begin "Kepala Perangkat Daerah …" and angka 21 "Kepala Badan Perencanaan …":
  list-item-without-subject.
Not dangling: lists under a lead-in that names the actor (Bengkulu Pasal 2 ayat (1) "Walikota
mempunyai tugas:", Pasal 3 ayat (2) "Wakil Walikota … mempunyai tugas :", Banjar Pasal 14
"… setiap pimpinan unit kerja … bertanggung jawab:", Pasal 23 ayat (2) huruf a "Sekretaris
Daerah membantu Wali Kota dalam :"), lists of nouns (Bukittinggi/Pasaman Barat Pasal 9, Banjar
Pasal 18), definitions (Pasal 1 "Mekanisme Koordinasi adalah …"). Bukittinggi, Pasaman Barat,
Kutai Kartanegara and Banjar: no instance.
"""

from __future__ import annotations

from orgchart.packs.flaws import subjects
from orgchart.packs.flaws.base import FlawClass, Severity, Source
from regulations.models import Provision

LIST_ITEMS = {
    "Pasal 4": (2, 3, 4, 5, 7, 8),
    "Pasal 5": (1, 2, 3, 5, 9),
    "Pasal 14": (1, 2, 3, 4, 5, 7, 8, 9, 13, 15, 16, 17, 23, 26, 28, 29, 31, 32, 33, 34),
}
EXAMPLES = {
    "Pasal 4": "Pasal 4 angka 1",
    "Pasal 5": "Pasal 5 angka 4",
    "Pasal 14": "Pasal 14 angka 6",
}


def found(regulation) -> set[tuple[str, str, tuple[str, ...]]]:
    source = Source(regulation)
    return {
        (flaw.code, flaw.citation, flaw.related)
        for check in subjects.CHECKS
        for flaw in check(source)
    }


def test_bengkulu_has_an_ayat_and_31_list_items_that_name_no_one(five_regions, db):
    expected = {("provision-without-subject", "Pasal 23 ayat (2)", ("Pasal 23",))}
    expected |= {
        ("list-item-without-subject", f"{pasal} angka {n}", (pasal, EXAMPLES[pasal]))
        for pasal, numbers in LIST_ITEMS.items()
        for n in numbers
    }
    assert found(five_regions["17.71"].regulation) == expected


def test_the_staf_ahli_ayat_is_explained_with_its_own_words(five_regions, db):
    source = Source(five_regions["17.71"].regulation)
    (flaw,) = subjects.provisions_without_a_subject(source)
    assert (flaw.klass, flaw.severity) == (FlawClass.DANGLING_SUBJECT, Severity.RESPONSIBILITY)
    assert flaw.explanation("en") == (
        "Pasal 23 ayat (2) begins “memberikan saran, pendapat, pertimbangan dan membuat "
        "telaahan kepada …”: it says what is to be done but names no one to do it, and nothing "
        "before it in Pasal 23 gives it a subject."
    )


def test_a_list_item_quotes_the_lead_in_and_an_item_that_names_its_subject(five_regions, db):
    source = Source(five_regions["17.71"].regulation)
    (flaw,) = [
        f for f in subjects.list_items_without_a_subject(source) if f.citation == "Pasal 4 angka 2"
    ]
    assert flaw.explanation("en") == (
        "Pasal 4 angka 2 begins “menetapkan APBD.” and names no one to do it: the lead-in of "
        "Pasal 4 (“Pola Hubungan Kerja antara Walikota dengan DPRD sebagai berikut :”) gives no "
        "subject, and other items name their own (Pasal 4 angka 1: “Walikota atas persetujuan "
        "DPRD menetapkan …”)."
    )


def test_the_other_four_texts_give_every_provision_a_subject(five_regions, db):
    for code in ("13.75", "13.12", "64.02", "32.79"):
        assert found(five_regions[code].regulation) == set(), code


def test_an_ayat_that_starts_with_its_verb_is_found(five_regions, db):
    regulation = five_regions["32.79"].regulation
    ayat = Provision.objects.resolve(regulation, "Pasal 6 ayat (2)")
    ayat.text = "melaksanakan tugas, fungsi dan wewenang Perangkat Daerah dengan keterbukaan."
    ayat.save()
    assert found(regulation) == {("provision-without-subject", "Pasal 6 ayat (2)", ("Pasal 6",))}


def test_an_item_naming_its_own_subject_shows_the_lead_in_names_none(five_regions, db):
    regulation = five_regions["32.79"].regulation
    item = Provision.objects.resolve(regulation, "Pasal 14 huruf b")
    item.text = "Sekretaris Daerah membina dan mengawasi bawahannya;"
    item.save()
    assert found(regulation) == {
        ("list-item-without-subject", f"Pasal 14 huruf {letter}", ("Pasal 14", "Pasal 14 huruf b"))
        for letter in "acd"
    }
