"""Names spelt two ways: a unit named otherwise in a Lampiran or in another Pasal, and an
abbreviation written two ways.

Catalogue (read from /work/shared/seeds/):

Bengkulu (17.71), the Lampiran table against Pasal 21 and against itself:
- row 1 "Sekretariat Dewan Perwakilan Rakyat Daerah" for Pasal 21 ayat (2) huruf a angka 1
  "Sekretariat Dewan"; row 1 "Inspektorat" for angka 2 "Inspektorat Daerah"; row 4 "Badan
  Pengelolaan Keuangan dan Aset" for huruf c angka 1 "… Aset Daerah"; row 4 "Dinas Penanaman
  Modal dan Pelayanan Perizinan Terpadu Satu Pintu" for huruf c angka 4 "Dinas Penanaman Modal
  dan Perizinan Terpadu Satu Pintu"; row 4 "Staf Ahli Bidang Pemerintahan, Kemasyarakatan dan
  SDM" for row 2's "Staf Ahli Walikota Bidang …": found.
- Paragraf 4 heading "Bagian Protokol dengan Perangkat Daerah" against Pasal 15's and the
  Lampiran's "Bagian Keprotokolan": found (another form of the same word, one stem: a different
  word, as "Dinas Sosial" against "Dinas Kesehatan", is another unit and is not compared).

Banjar (32.79):
- Pasal 1 angka 16 defines "Forum Koordinasi Pimpinan di Daerah … Forkopimda"; Pasal 22 ayat (1)
  huruf a names the forum "Forum Koordinasi Pimpinan Daerah": found.
- Pasal 22 ayat (5) "Forum Koordinasi di Kecamatan" for the "Forum Koordinasi Pimpinan di
  Kecamatan" of ayat (1) huruf b, (2) and (4): found.
- Pasal 22 ayat (3) "Forkompimda" for "Forkopimda": found (an abbreviation written two ways).

Pasaman Barat (13.12): Pasal 11 huruf b names "asisten ekonomi dan pembangunan" the "Asisten
Perekonomian dan pembangunan" of Pasal 12 huruf b (one stem, two forms): found.

Kutai Kartanegara (64.02): Pasal 11 ayat (2) huruf c angka 6 "Perusahaan Daerah (BUMD)" and huruf
d angka 4 "Balai Konservasi Hutan (BPKH)": acronyms the words before them do not spell (BPKH is
the Balai Pemantapan Kawasan Hutan): found. Acronyms made of syllables ("Sistem Administrasi
Manunggal Satu Atap (Samsat)") fit. The categories "Koordinator Pelayanan
Dekonsentrasi" (Pasal 10 ayat (2) huruf d) and "Koordinasi Pelayanan Dekonsentrasi" (Pasal 11
and 12) are not units: not checked. "Assisten" is a typo (test_flaws_typos.py). "BPKP" and
"BPKH" are two bodies.

Bukittinggi (13.75): every unit is named once, in Pasal 12; none found. Misspelt unit names
("Bagiann umum", Pasaman Barat's "dinassosial") are typos.
"""

from __future__ import annotations

import pytest

from orgchart.models import Unit
from orgchart.packs.flaws import FlawClass, Severity, find_flaws
from regulations.models import Provision

NAMES = {
    "13.12": {
        (
            "unit-name-differs",
            "Pasal 11 huruf b",
            "asisten ekonomi",
            ("asisten-perekonomian-pembangunan",),
        ),
    },
    "13.75": set(),
    "17.71": {
        (
            "name-differs-from-lampiran",
            "Lampiran",
            "Badan Pengelolaan Keuangan dan Aset",
            ("bpkad",),
        ),
        (
            "name-differs-from-lampiran",
            "Lampiran",
            "Dinas Penanaman Modal dan Pelayanan Perizinan Terpadu Satu Pintu",
            ("dpmptsp",),
        ),
        ("name-differs-from-lampiran", "Lampiran", "Inspektorat", ("inspektorat-daerah",)),
        (
            "unit-name-differs",
            "BAB III Bagian Kelima Paragraf 4",
            "Bagian Protokol",
            ("bagian-keprotokolan",),
        ),
        (
            "name-differs-from-lampiran",
            "Lampiran",
            "Sekretariat Dewan Perwakilan Rakyat Daerah",
            ("sekretariat-dewan",),
        ),
        (
            "name-differs-within-lampiran",
            "Lampiran",
            "Staf Ahli Bidang Pemerintahan, Kemasyarakatan dan SDM",
            ("staf-ahli-pemerintahan-kemasyarakatan-sdm",),
        ),
    },
    "32.79": {
        ("abbreviation-differs", "Pasal 22 ayat (3)", "Forkompimda", ("forkopimda",)),
        (
            "unit-name-differs",
            "Pasal 1 angka 16",
            "Forum Koordinasi Pimpinan di Daerah",
            ("forkopimda",),
        ),
        (
            "unit-name-differs",
            "Pasal 22 ayat (5)",
            "Forum Koordinasi di Kecamatan",
            ("forum-koordinasi-pimpinan-kecamatan",),
        ),
    },
    "64.02": {
        ("acronym-does-not-fit", "Pasal 11 ayat (2) huruf c angka 6", "BUMD", ("bumd",)),
        (
            "acronym-does-not-fit",
            "Pasal 11 ayat (2) huruf d angka 4",
            "BPKH",
            ("balai-konservasi-hutan",),
        ),
    },
}


def names_of(regulation) -> list:
    return [flaw for flaw in find_flaws(regulation) if flaw.klass == FlawClass.NAME]


@pytest.mark.parametrize("code", sorted(NAMES))
def test_each_name_spelt_two_ways_is_found_with_the_units_it_affects(five_regions, db, code):
    found = names_of(five_regions[code].regulation)
    facts = [dict(f.facts) for f in found]
    assert {
        (f.code, f.citation, fact.get("text") or fact.get("printed") or fact["acronym"], f.units)
        for f, fact in zip(found, facts, strict=True)
    } == NAMES[code]
    # Only an acronym that spells another name leaves open which body is meant.
    assert {f.severity for f in found if f.code != "acronym-does-not-fit"} <= {Severity.FORM}
    assert {f.severity for f in found if f.code == "acronym-does-not-fit"} <= {Severity.MEANING}


def test_the_explanations_quote_both_spellings_and_cite_the_other_place(five_regions, db):
    found = {f.citation: f for f in names_of(five_regions["32.79"].regulation)}
    assert found["Pasal 22 ayat (5)"].explanation("en") == (
        "Pasal 22 ayat (5) calls “Forum Koordinasi di Kecamatan” what Pasal 22 ayat (1) huruf b "
        "names “Forum Koordinasi Pimpinan di Kecamatan”."
    )
    assert found["Pasal 22 ayat (5)"].related == ("Pasal 22 ayat (1) huruf b",)
    assert found["Pasal 22 ayat (3)"].explanation("en") == (
        "Pasal 22 ayat (3) writes “Forkompimda” for “Forkopimda” (Pasal 22 ayat (1) huruf a)."
    )


def test_an_abbreviation_in_another_case_is_written_two_ways_but_not_in_a_heading(five_regions, db):
    regulation = five_regions["32.79"].regulation
    provision = Provision.objects.resolve(regulation, "Pasal 22 ayat (2)")
    Provision.objects.filter(pk=provision.pk).update(
        text=provision.text.replace("Forkopimda", "FORKOPIMDA")
    )
    Provision.objects.filter(regulation=regulation, kind="bab", label="V").update(
        heading="POLA KOORDINASI FORKOPIMDA"
    )
    found = {(f.code, f.citation) for f in names_of(regulation)}
    assert ("abbreviation-differs", "Pasal 22 ayat (2)") in found
    assert not any(citation.startswith("BAB V") for _code, citation in found)


def test_a_name_close_to_two_units_leaves_the_unit_open(five_regions, db):
    """One word fewer than two units' names: the text does not say which of them it means."""
    regulation = five_regions["32.79"].regulation
    Unit.objects.filter(region=regulation.region, key="forum-koordinasi-pimpinan-kecamatan").update(
        name="Forum Koordinasi Wilayah Daerah"
    )
    provision = Provision.objects.resolve(regulation, "Pasal 22 ayat (4)")
    Provision.objects.filter(pk=provision.pk).update(
        text="Anggota Forum Koordinasi Daerah terdiri atas Pimpinan Kepolisian."
    )
    found = [f for f in names_of(regulation) if f.citation == "Pasal 22 ayat (4)"]
    assert {(f.units, f.severity) for f in found} == {
        (("forkopimda",), Severity.RESPONSIBILITY),
        (("forum-koordinasi-pimpinan-kecamatan",), Severity.RESPONSIBILITY),
    }


def test_another_form_of_a_units_word_is_found_but_another_word_is_not(five_regions, db):
    """ "Bagian Protokol" is the Bagian Keprotokolan; "Bagian Umum" is another Bagian."""
    regulation = five_regions["17.71"].regulation
    pasal = Provision.objects.get(regulation=regulation, key="pasal:15/ayat:2")
    pasal.text = "Bagian Protokol dan Bagian Umum Sekretariat Daerah mengharmonisasikan agenda."
    pasal.save()
    found = {
        (f.citation, f.fact_dict["text"])
        for f in find_flaws(regulation)
        if f.code == "unit-name-differs"
    }
    assert found == {
        ("BAB III Bagian Kelima Paragraf 4", "Bagian Protokol"),
        ("Pasal 15 ayat (2)", "Bagian Protokol"),
    }
