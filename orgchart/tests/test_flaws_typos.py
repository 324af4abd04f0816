"""Typos of the five published texts: each found where it is printed, with its normal reading,
and the stored text left as published.

Catalogue (read from /work/shared/seeds/; "found" = the checker reports it as below):

All five: "di" and "ke" run into the place word they govern (PUEBI writes them apart):
"dibawahnya", "dibidang", "dilingkungan", "didalam", "kedalam", "diatas", "dibawah": found,
where each is printed (listed per region below).

Bukittinggi (13.75)
- Menetapkan: "MEKANISME KOORDIINASI KERJA" (KOORDINASI): found, cited "Menetapkan" (the
  enacting formula, Regulation.enacting_formula), which the reader page anchors.
- Pasal 1 angka 6 and Pasal 8 ayat (1): "secretariat" (sekretariat), English spelling; Pasal 1
  angka 9 and 13, Pasal 14 huruf a: "vertical" (vertikal); Pasal 6 huruf b "sector", Pasal 7
  ayat (1) "sectoral", Pasal 11 huruf a "social", Pasal 11 huruf b "energy", "statistic": found.
- Pasal 1 angka 7 "dana tau" (dan atau); Pasal 2 and 7 ayat (2) "pelaksanaanya"; Pasal 3
  "besinergi"; Pasal 5 huruf d "kemapuan"; Pasal 6 huruf a "Intansi"; Pasal 6 huruf b "dengn";
  Pasal 7 ayat (3) "koodinasi"; Pasal 8 ayat (1) "Sekreatis Daerah"; Pasal 9 huruf c "umumm";
  Pasal 9 huruf d "Horozontal"; Pasal 11 huruf b "dann"; Pasal 12 huruf a angka 23
  "penanggulanggan"; huruf c angka 3 "kepegawaiandan"; huruf c angka 4 "Bagiann"; Pasal 14
  huruf b "konsultif", "kewenangannnya"; Pasal 17 "Bukittingi": found.
- Not found, being real words in the wrong place: Pasal 9 huruf g "mengangkut" (menyangkut),
  Pasal 9 huruf e "pembidang tugas" (pembidangan).
- Accepted, not typos: "azas", "Propinsi" (the 1956 law's own title), "ketentraman",
  "mengkoordinasikan", "kepemerintahan", "mengidentifikasikan" (fixtures/reference/spelling.yaml).

Pasaman Barat (13.12)
- "Pembedangan" (pembidangan): BAB III Bagian Ketiga Paragraf 2, Pasal 8 ayat (3), Pasal 9
  huruf e, Pasal 11; Pasal 2 "menumbuh kembangkan"; Pasal 9 huruf c "WakilBupati"; Pasal 12
  huruf a angka 2 "dinassosial", angka 7 "dinaskomunikasi"; Lampiran II "COORDINASI": found.
- "bagian adm pembangunan" (an abbreviated word), "perbantuan" (a word): not typos.

Bengkulu (17.71)
- Mengingat angka 2 "lndonesia"; "telahaan" (telaahan) in Pasal 6 angka 11, 9 angka 8, 10 angka
  8, 11 angka 7; Pasal 9 angka 2 "penyelenggaaraan", 11 angka 5 "penelenggaraan", 12 angka 2
  "peyelenggaraan", 13 angka 2 "peyelengaraan"; Pasal 10 "Daerahyang"; Pasal 12 angka 2
  "Dinas- Dinas", "masingmasing"; 13 angka 2 "masing- masing"; 13 angka 3 "tugas-tugas-tugas";
  14 angka 1 "pembangunaan"; 14 angka 22 "ditanda tangani"; 14 angka 32 "porgram"; 16 angka 4
  "keteranganketerangan", "perundangundangan"; 16 angka 6 "efektififitas": found.
- Not found: Pasal 16 angka 3 "pilhan" (pilihan: no held text writes "pilihan"); the enactment
  line's "26Maret 2018" (held, but a number run into a word is no slip the reader knows: the
  date is read all the same, test_flaws_metadata.py); the Lampiran header's "NOMOR 24TAHUN"
  (not held).

Kutai Kartanegara (64.02)
- "Assisten" (Asisten) in every provision that names an Asisten, "ASSISTEN" in BAB III;
  "Tekhnis" in Pasal 10-12 ayat (2) huruf c; BAB III Bagian Kesatu "Kerjadan"; Pasal 13 ayat
  (2) huruf a and b "ditanda tangani", ayat (3) "ditindak lanjuti"; the promulgator's title
  "KABUPATEN KUTAI KARTANEGA" (penutup): found.
- Not found: Pasal 13 ayat (2) huruf a "pertelaahan", huruf b "pamarafan", Pasal 11 ayat (2)
  huruf d "Kesyahbandaraan" (no held text writes the right word).

Banjar (32.79)
- "Simplikasi" (Simplifikasi) in Pasal 1 angka 20, Pasal 5 ayat (1) huruf d and ayat (5);
  Pasal 6 ayat (3) huruf b "masing- masing"; Pasal 12 ayat (1) "kolegal": found.
- Pasal 22 ayat (3) "Forkompimda" is a name written two ways (test_flaws_names.py), not a typo.
- Not found: Pasal 3 "ditetapkan Peraturannya Peraturan" (a word too many, each a word); the
  certification's "SEITDA" (SETDA; held in its wording, but a short word in capitals is read as
  an acronym).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from orgchart.packs.flaws import FlawClass, Severity, find_flaws
from regulations.models import Provision
from regulations.reader import anchor
from regulations.readings import Reader
from regulations.spelling import Corpus

TYPOS = {
    "13.12": {
        ("Lampiran I", "DILINGKUNGAN", "DI LINGKUNGAN"),
        ("Pasal 10", "dilingkungan", "di lingkungan"),
        ("Pasal 11 huruf c", "dibidang", "di bidang"),
        ("Pasal 9 huruf f", "dibawahnya", "di bawahnya"),
        ("BAB III Bagian Ketiga Paragraf 2", "Pembedangan", "Pembidangan"),
        ("Lampiran II", "COORDINASI", "KOORDINASI"),
        ("Pasal 11", "Pembedangan", "Pembidangan"),
        ("Pasal 12 huruf a angka 2", "dinassosial", "dinas sosial"),
        ("Pasal 12 huruf a angka 7", "dinaskomunikasi", "dinas komunikasi"),
        ("Pasal 2", "menumbuh kembangkan", "menumbuhkembangkan"),
        ("Pasal 8 ayat (3)", "pembedangannya", "pembidangannya"),
        ("Pasal 9 huruf c", "WakilBupati", "Wakil Bupati"),
        ("Pasal 9 huruf e", "pembedangan", "pembidangan"),
    },
    "13.75": {
        ("Pasal 11 huruf c", "dibidang", "di bidang"),
        ("Pasal 9 huruf f", "dibawahnya", "di bawahnya"),
        ("Menetapkan", "KOORDIINASI", "KOORDINASI"),
        ("Pasal 1 angka 13", "vertical", "vertikal"),
        ("Pasal 1 angka 6", "secretariat", "sekretariat"),
        ("Pasal 1 angka 7", "dana tau", "dan atau"),
        ("Pasal 1 angka 9", "vertical", "vertikal"),
        ("Pasal 11 huruf a", "social", "sosial"),
        ("Pasal 11 huruf b", "dann", "dan"),
        ("Pasal 11 huruf b", "energy", "energi"),
        ("Pasal 11 huruf b", "statistic", "statistik"),
        ("Pasal 12 huruf a angka 23", "penanggulanggan", "penanggulangan"),
        ("Pasal 12 huruf c angka 3", "kepegawaiandan", "kepegawaian dan"),
        ("Pasal 12 huruf c angka 4", "Bagiann", "Bagian"),
        ("Pasal 14 huruf a", "vertical", "vertikal"),
        ("Pasal 14 huruf b", "kewenangannnya", "kewenangannya"),
        ("Pasal 14 huruf b", "konsultif", "konsultatif"),
        ("Pasal 17", "Bukittingi", "Bukittinggi"),
        ("Pasal 2", "pelaksanaanya", "pelaksanaannya"),
        ("Pasal 3", "besinergi", "bersinergi"),
        ("Pasal 5 huruf d", "kemapuan", "kemampuan"),
        ("Pasal 6 huruf a", "Intansi", "Instansi"),
        ("Pasal 6 huruf b", "dengn", "dengan"),
        ("Pasal 6 huruf b", "sector", "sektor"),
        ("Pasal 7 ayat (1)", "sectoral", "sektoral"),
        ("Pasal 7 ayat (2)", "pelaksanaanya", "pelaksanaannya"),
        ("Pasal 7 ayat (3)", "koodinasi", "koordinasi"),
        ("Pasal 8 ayat (1)", "Sekreatis", "Sekretaris"),
        ("Pasal 8 ayat (1)", "secretariat", "sekretariat"),
        ("Pasal 9 huruf c", "umumm", "umum"),
        ("Pasal 9 huruf d", "Horozontal", "Horizontal"),
    },
    "17.71": {
        ("Pasal 2 ayat (1) huruf e", "didalam", "di dalam"),
        ("Pasal 14 angka 22", "kedalam", "ke dalam"),
        ("Mengingat angka 2", "lndonesia", "Indonesia"),
        ("Pasal 10", "Daerahyang", "Daerah yang"),
        ("Pasal 10 angka 8", "telahaan", "telaahan"),
        ("Pasal 11 angka 5", "penelenggaraan", "penyelenggaraan"),
        ("Pasal 11 angka 7", "telahaan", "telaahan"),
        ("Pasal 12 angka 2", "Dinas- Dinas", "Dinas-Dinas"),
        ("Pasal 12 angka 2", "masingmasing", "masing-masing"),
        ("Pasal 12 angka 2", "peyelenggaraan", "penyelenggaraan"),
        ("Pasal 13 angka 2", "masing- masing", "masing-masing"),
        ("Pasal 13 angka 2", "peyelengaraan", "penyelenggaraan"),
        ("Pasal 13 angka 3", "tugas-tugas-tugas", "tugas-tugas"),
        ("Pasal 14 angka 1", "pembangunaan", "pembangunan"),
        ("Pasal 14 angka 22", "ditanda tangani", "ditandatangani"),
        ("Pasal 14 angka 32", "porgram", "program"),
        ("Pasal 16 angka 4", "keteranganketerangan", "keterangan-keterangan"),
        ("Pasal 16 angka 4", "perundangundangan", "perundang-undangan"),
        ("Pasal 16 angka 6", "efektififitas", "efektifitas"),
        ("Pasal 6 angka 11", "telahaan", "telaahan"),
        ("Pasal 9 angka 2", "penyelenggaaraan", "penyelenggaraan"),
        ("Pasal 9 angka 8", "telahaan", "telaahan"),
    },
    "32.79": {
        ("Pasal 21 ayat (1)", "dibawahnya", "di bawahnya"),
        ("Pasal 1 angka 20", "Simplikasi", "Simplifikasi"),
        ("Pasal 12 ayat (1)", "kolegal", "kolegial"),
        ("Pasal 5 ayat (1) huruf d", "Simplikasi", "Simplifikasi"),
        ("Pasal 5 ayat (5)", "Simplikasi", "Simplifikasi"),
        ("Pasal 6 ayat (3) huruf b", "masing- masing", "masing-masing"),
    },
    "64.02": {
        ("Menimbang huruf b", "dilingkungan", "di lingkungan"),
        ("Menimbang huruf c", "diatas", "di atas"),
        ("Pasal 3 ayat (2)", "dibawah", "di bawah"),
        *(
            (citation, "Assisten", "Asisten")
            for citation in [
                "BAB II Bagian Keempat",
                "BAB III Bagian Kedua",
                "BAB III Bagian Kesatu",
                "BAB III Bagian Ketiga",
                "Pasal 1 angka 8",
                "Pasal 1 angka 12",
                "Pasal 3 ayat (1)",
                "Pasal 3 ayat (2)",
                "Pasal 7",
                "Pasal 9",
                "Pasal 10 ayat (1)",
                "Pasal 11 ayat (1)",
                "Pasal 12 ayat (1)",
                "Pasal 13 ayat (2) huruf a",
                "Pasal 13 ayat (2) huruf b",
                "Pasal 14 ayat (1)",
                "Pasal 14 ayat (2)",
            ]
        ),
        ("BAB III", "ASSISTEN", "ASISTEN"),
        ("BAB III Bagian Kesatu", "Kerjadan", "Kerja dan"),
        ("Pasal 10 ayat (2) huruf c", "Tekhnis", "Teknis"),
        ("Pasal 11 ayat (2) huruf c", "Tekhnis", "Teknis"),
        ("Pasal 12 ayat (2) huruf c", "Tekhnis", "Teknis"),
        ("Pasal 13 ayat (2) huruf a", "ditanda tangani", "ditandatangani"),
        ("Pasal 13 ayat (2) huruf b", "ditanda tangani", "ditandatangani"),
        ("Pasal 13 ayat (3)", "ditindak lanjuti", "ditindaklanjuti"),
        ("penutup", "KARTANEGA", "KARTANEGARA"),
    },
}


def typos_of(regulation) -> list:
    """The misspellings; a word written both ways has its own test below."""
    return [flaw for flaw in find_flaws(regulation) if flaw.code == "misspelling"]


@pytest.mark.parametrize("code", sorted(TYPOS))
def test_each_typo_of_the_text_is_found_with_its_reading(five_regions, db, code):
    found = typos_of(five_regions[code].regulation)
    assert {(f.citation, dict(f.facts)["printed"], f.reading) for f in found} == TYPOS[code]
    assert {(f.klass, f.severity) for f in found} == {(FlawClass.TYPO, Severity.FORM)}


def test_a_typo_names_the_units_whose_name_it_sits_in(five_regions, db):
    units = {
        (f.citation, dict(f.facts)["printed"]): f.units
        for code in ("13.75", "13.12", "64.02")
        for f in typos_of(five_regions[code].regulation)
        if f.units
    }
    assert units == {
        ("Pasal 12 huruf a angka 23", "penanggulanggan"): ("bpbd",),
        ("Pasal 12 huruf c angka 3", "kepegawaiandan"): ("bkpsdm",),
        ("Pasal 12 huruf c angka 4", "Bagiann"): ("bagian-umum-perlengkapan",),
        ("Pasal 12 huruf a angka 2", "dinassosial"): ("dinas-sosial",),
        ("Pasal 12 huruf a angka 7", "dinaskomunikasi"): ("dinas-komunikasi-informasi",),
        ("Pasal 10 ayat (1)", "Assisten"): ("asisten-pemerintahan-kesra",),
        ("Pasal 11 ayat (1)", "Assisten"): ("asisten-perekonomian-pembangunan",),
        ("Pasal 12 ayat (1)", "Assisten"): ("asisten-umum",),
    }


def test_the_explanation_quotes_the_typo_and_the_stored_text_keeps_it(five_regions, db):
    regulation = five_regions["13.75"].regulation
    (flaw,) = [f for f in typos_of(regulation) if f.reading == "Sekretaris"]
    assert flaw.explanation("en") == "Pasal 8 ayat (1) prints “Sekreatis” for “Sekretaris”."
    provision = Provision.objects.resolve(regulation, "Pasal 8 ayat (1)")
    assert provision.text.startswith("Sekreatis Daerah berkewajiban")


def test_a_typo_of_the_enacting_formula_links_to_it_on_the_reader_page(client, five_regions, db):
    regulation = five_regions["13.75"].regulation
    (flaw,) = [f for f in typos_of(regulation) if f.citation == "Menetapkan"]
    assert anchor(flaw.citation) == "menetapkan"
    page = client.get(reverse("regulation-reader", args=[regulation.pk])).content.decode()
    assert (
        '<p id="menetapkan"><span class="label">Menetapkan :</span> PERATURAN WALIKOTA TENTANG '
        "MEKANISME KOORDIINASI KERJA PEMERINTAH KOTA BUKITTINGGI.</p>"
    ) in page


def reader(*texts: str) -> Reader:
    return Reader(Corpus.of(texts))


def test_a_word_one_slip_from_a_better_attested_word_is_a_typo(db):
    texts = reader("Sekretaris Daerah dan Sekretaris DPRD", "Bagian Umum dan Bagian Hukum")
    assert texts.reading("Sekreatis") == "Sekretaris"
    assert texts.reading("Bagiann") == "Bagian"
    assert texts.reading("HUKUMM") is None  # short and in capitals: read as an acronym
    assert texts.reading("Hukumm") == "Hukum"
    assert texts.reading("Sekretaris") is None  # a word of the dictionary


def test_place_names_affixes_and_other_words_are_not_typos(db):
    texts = reader("Kota Banjar di Jawa Barat", "tanggung jawab pemerintahan raja")
    assert texts.reading("Tenggarong") is None  # a name: no held word is a slip away
    assert texts.reading("Jawa") is None  # "jawab" is another word, not a slip
    assert texts.reading("kepemerintahan") is None  # ke-…-an: a form, not a slip
    assert texts.reading("RPJPD") is None  # an acronym


def test_words_run_together_split_or_with_the_space_misplaced_are_typos(db):
    texts = reader("Dinas Sosial dan Dinas Kesehatan", "pusat dan atau daerah " * 3)
    typos = texts.typos("dinassosial; Kementerian dana tau lembaga; ditanda tangani; Dinas- Dinas")
    assert [(typo.printed, typo.reading) for typo in typos] == [
        ("dinassosial", "dinas sosial"),
        ("dana tau", "dan atau"),
        ("ditanda tangani", "ditandatangani"),
        ("Dinas- Dinas", "Dinas-Dinas"),
    ]
    assert texts.typos("Kabupaten Pasaman Barat") == []  # "pas" and "aman" are no words there


def test_a_text_that_writes_a_word_both_ways_is_found_once_where_the_variant_is_first(
    five_regions, db
):
    """fixtures/reference/spelling.yaml accepts "kerjasama", "efektifitas", "tanggungjawabnya"
    as variants; a text that also writes "kerja sama", "efektivitas", "tanggung jawabnya" is
    flagged once per word."""
    found = {
        code: {
            (f.citation, f.fact_dict["printed"], f.related, f.reading)
            for f in find_flaws(pack.regulation)
            if f.code == "word-spelt-two-ways"
        }
        for code, pack in five_regions.items()
    }
    assert found == {
        "13.75": set(),
        "13.12": set(),
        "17.71": {
            ("Pasal 14 angka 28", "efektifitas", ("Menimbang huruf a",), "efektivitas"),
            ("Pasal 14 angka 31", "kerjasama", ("Pasal 4 angka 5",), "kerja sama"),
            ("Pasal 23 ayat (2)", "tanggungjawabnya", ("Pasal 23 ayat (4)",), "tanggung jawabnya"),
        },
        "64.02": {("Pasal 2 ayat (2)", "efektifitas", ("Menimbang huruf b",), "efektivitas")},
        "32.79": {("Pasal 4 huruf b", "kerjasama", ("BAB IV Bagian Keempat",), "kerja sama")},
    }
