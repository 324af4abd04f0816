"""Dates and signatures: dates that contradict each other or the text, enactment and
promulgation lines that print another date or place, an enacting formula that names the
regulation otherwise, and certifiers' NIPs written or spaced two ways or impossible.

Catalogue (read from /work/shared/seeds/ against the packs):
- Bukittinggi (13.75): "Ditetapkan di Bukittinggi pada tanggal 28 Februari 2017", promulgated
  the same day in Bukittinggi, in force on promulgation (Pasal 18), Berita Daerah 2017 Nomor 4:
  consistent. "Menetapkan : PERATURAN WALIKOTA TENTANG MEKANISME KOORDIINASI KERJA …" names the
  title but for a typo (test_flaws_typos.py), not a second title. No certification.
- Pasaman Barat (13.12): 23 Mei 2017 both, in Simpang Empat, in force on promulgation (Pasal
  17), Berita Daerah 2017 Nomor 49: consistent. Found: "Menetapkan : PERATURAN BUPATI TENTANG
  MEKANISME KOORDINASI KERJA PEMERINTAH DAERAH KABUPATEN PASAMAN BARAT." against the title
  "… PEMERINTAH KABUPATEN PASAMAN BARAT" (a word more). No certification.
- Bengkulu (17.71): "pada tanggal 26Maret 2018" (a typo of spacing, not of date) both, in
  force on promulgation (Pasal 24), Berita Daerah 2018 "NOMOR ..24...": consistent. No
  certification.
- Kutai Kartanegara (64.02): enacted 12 Februari 2018 by a Plt. Bupati, promulgated 13 Februari
  2018, both in Tenggarong, in force on promulgation (Pasal 16), the Lampiran dated 12 Februari
  2018 (its enactment): consistent. Found: the certifier PURNOMO, SH prints his NIP
  "19780605200212 1 002" under the closing and "19780605 200212 1 002" under the Lampiran: the
  same digits spaced two ways. His NIP's dates are possible (born 1978-06, appointed 2002-12, at
  24, before the regulation).
- Banjar (32.79): 6 Januari 2023 both, in Banjar, in force on promulgation (Pasal 24), Berita
  Daerah 2023 Nomor 6: consistent. One certification, after the closing; its NIP (born 1971,
  appointed 2006-04) is possible.
Each other check is shown on the Kutai Kartanegara text with one fact changed. The explanations
never quote a NIP: it holds its bearer's birth date.
"""

from __future__ import annotations

import datetime

import pytest

from orgchart.packs.flaws import FlawClass, Severity, find_flaws
from regulations.models import Certifier, Provision, Regulation

FOUND = {
    "13.12": {("enacting-formula-title-differs", "Menetapkan")},
    "13.75": set(),
    # The legal basis cited otherwise (test_flaws_legal_basis.py) is metadata too.
    "17.71": {("legal-basis-wrong-gazette", "Mengingat angka 10")},
    "32.79": {("legal-basis-number-differs", "Mengingat angka 2")},
    "64.02": {("nip-spaced-two-ways", "penutup")},
}
KUKAR = FOUND["64.02"]  # what the Kutai Kartanegara text gives before a test changes it


def metadata(regulation: Regulation) -> set[tuple[str, str]]:
    regulation.refresh_from_db()
    return {(f.code, f.citation) for f in find_flaws(regulation) if f.klass == FlawClass.METADATA}


def kukar(five_regions, **changes) -> Regulation:
    regulation = five_regions["64.02"].regulation
    Regulation.objects.filter(pk=regulation.pk).update(**changes)
    return regulation


@pytest.mark.parametrize("code", sorted(FOUND))
def test_the_dates_and_signatures_of_the_five_texts_give_exactly_their_flaws(
    five_regions, db, code
):
    assert metadata(five_regions[code].regulation) == FOUND[code]


def test_a_nip_spaced_two_ways_cites_both_places_without_quoting_it(five_regions, db):
    (flaw,) = [f for f in find_flaws(five_regions["64.02"].regulation) if f.code.startswith("nip")]
    assert (flaw.citation, flaw.related, flaw.severity) == ("penutup", ("Lampiran",), Severity.FORM)
    assert flaw.explanation("en") == (
        "penutup prints the NIP of PURNOMO, SH (Kepala Bagian Hukum) in groups of 14-1-3 digits, "
        "Lampiran in groups of 8-6-1-3."
    )


def test_the_nip_as_printed_is_held_where_it_is_printed_with_its_digits(five_regions, db):
    certifiers = five_regions["64.02"].regulation.certifiers.order_by("position")
    assert [(c.citation, c.nip_printed, c.nip) for c in certifiers] == [
        ("penutup", "19780605200212 1 002", "197806052002121002"),
        ("Lampiran", "19780605 200212 1 002", "197806052002121002"),
    ]


def test_a_nip_whose_spacing_is_not_held_is_not_compared(five_regions, db):
    regulation = five_regions["64.02"].regulation
    Certifier.objects.filter(regulation=regulation, citation="Lampiran").update(nip_printed="")
    assert metadata(regulation) == set()


def test_an_enacting_formula_naming_another_title_is_found_with_both(five_regions, db):
    regulation = five_regions["13.12"].regulation
    (flaw,) = [f for f in find_flaws(regulation) if f.code == "enacting-formula-title-differs"]
    assert (flaw.related, flaw.severity) == (("judul",), Severity.FORM)
    assert flaw.explanation("en") == (
        "Menetapkan names the regulation “MEKANISME KOORDINASI KERJA PEMERINTAH DAERAH "
        "KABUPATEN PASAMAN BARAT”; its title is “MEKANISME KOORDINASI KERJA PEMERINTAH "
        "KABUPATEN PASAMAN BARAT”."
    )


def test_an_enacting_formula_of_another_kind_of_regulation_is_found(five_regions, db):
    formula = five_regions["64.02"].regulation.enacting_formula
    regulation = kukar(five_regions, enacting_formula=formula.replace("BUPATI", "WALIKOTA"))
    assert metadata(regulation) == {("enacting-formula-kind-differs", "Menetapkan"), *KUKAR}
    (flaw,) = [f for f in find_flaws(regulation) if f.code == "enacting-formula-kind-differs"]
    assert flaw.explanation("en") == (
        "Menetapkan enacts a “PERATURAN WALIKOTA”; the regulation is a Peraturan Bupati Kutai "
        "Kartanegara."
    )


def test_an_enactment_or_promulgation_line_printing_another_place_or_date_is_found(
    five_regions, db
):
    regulation = kukar(
        five_regions,
        enacted_line="Ditetapkan di Tenggarong pada tanggal 12 Februari 2019",
        promulgated_line="Diundangkan di Samarinda pada tanggal 13 Februari 2018",
    )
    assert metadata(regulation) == {
        ("printed-enactment-date-differs", "penutup"),
        ("printed-promulgation-place-differs", "penutup"),
        *KUKAR,
    }
    (flaw,) = [f for f in find_flaws(regulation) if f.code == "printed-promulgation-place-differs"]
    assert flaw.explanation("en") == (
        "penutup prints “Diundangkan di Samarinda”; the regulation was promulgated in Tenggarong."
    )


def test_a_promulgation_before_the_enactment_is_found(five_regions, db):
    regulation = kukar(five_regions, promulgated_on=datetime.date(2018, 2, 11))
    assert metadata(regulation) == {
        ("enacted-after-promulgation", "penutup"),
        ("in-force-date-differs", "Pasal 16"),  # "pada tanggal diundangkan" is now the 11th
        ("printed-promulgation-date-differs", "penutup"),  # "… pada tanggal 13 Februari 2018"
        *KUKAR,
    }


def test_force_before_the_promulgation_is_found_in_the_provision_that_sets_it(five_regions, db):
    regulation = kukar(five_regions, valid_from=datetime.date(2018, 2, 1))
    assert metadata(regulation) == {
        ("in-force-before-promulgation", "Pasal 16"),
        ("in-force-date-differs", "Pasal 16"),
        *KUKAR,
    }
    (flaw,) = [f for f in find_flaws(regulation) if f.code == "in-force-date-differs"]
    assert flaw.severity == Severity.MEANING
    assert flaw.explanation("en") == (
        "Pasal 16 says “mulai berlaku pada tanggal diundangkan”, that is 2018-02-13; the portal "
        "holds it in force from 2018-02-01."
    )


def test_dates_printed_in_the_text_are_checked_against_the_regulations(five_regions, db):
    closing = (
        "Agar setiap orang mengetahuinya, … Ditetapkan di Tenggarong pada tanggal 12 Februari "
        "2019. Diundangkan di Tenggarong pada tanggal 14Februari 2018. Ditetapkan di Tenggarong "
        "pada tanggal 12 Februari 2018"
    )
    regulation = kukar(five_regions, closing=closing)
    assert metadata(regulation) == {
        ("printed-enactment-date-differs", "penutup"),
        ("printed-promulgation-date-differs", "penutup"),
        *KUKAR,
    }
    severities = {
        f.code: f.severity
        for f in find_flaws(regulation)
        if f.klass == FlawClass.METADATA and f.code.startswith("printed")
    }
    assert severities == {
        "printed-enactment-date-differs": Severity.FORM,
        "printed-promulgation-date-differs": Severity.MEANING,  # the day it came into force
    }


def test_a_number_year_or_a_gazette_year_other_than_the_dates_is_found(five_regions, db):
    regulation = kukar(five_regions, year=2017, gazette_year=2019)
    assert metadata(regulation) == {
        ("number-year-differs", "penutup"),
        ("gazette-year-differs", "penutup"),
        *KUKAR,
    }


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("19780605200212100", "nip-malformed"),
        ("197813052002121002", "nip-birth-date-impossible"),  # month 13
        ("197806052002131002", "nip-appointment-not-a-month"),
        ("197806051990121002", "nip-appointed-under-age"),  # at 12
        ("197806052019011002", "nip-appointed-after-regulation"),  # 2019, certifying in 2018
        ("197806052002123002", "nip-sex-digit-impossible"),
        ("197806052002121000", "nip-sequence-impossible"),
    ],
)
def test_an_impossible_nip_is_found_without_quoting_it(five_regions, db, nip, code):
    """Both copies print it alike: one finding, at the first, related to the other."""
    regulation = five_regions["64.02"].regulation
    Certifier.objects.filter(regulation=regulation).update(nip=nip, nip_printed=nip)
    assert metadata(regulation) == {(code, "penutup")}
    (flaw,) = [f for f in find_flaws(regulation) if f.code == code]
    assert flaw.related == ("Lampiran",)
    assert "PURNOMO, SH (Kepala Bagian Hukum)" in flaw.message
    for part in (nip, nip[:8], nip[8:14], "1978-"):
        assert part not in flaw.message


def test_a_certifier_printed_with_two_nips_is_found_at_both_places(five_regions, db):
    regulation = five_regions["64.02"].regulation
    other = "19780605 200212 1 003"
    Certifier.objects.filter(regulation=regulation, citation="Lampiran").update(
        nip=other.replace(" ", ""), nip_printed=other
    )
    assert metadata(regulation) == {("nip-written-two-ways", "penutup")}
    (flaw,) = [f for f in find_flaws(regulation) if f.code == "nip-written-two-ways"]
    assert flaw.related == ("Lampiran",)
    assert flaw.explanation("en") == (
        "penutup prints a NIP for PURNOMO, SH (Kepala Bagian Hukum) other than the one Lampiran "
        "prints."
    )


def test_an_in_force_provision_naming_a_date_is_held_to_it(five_regions, db):
    regulation = five_regions["64.02"].regulation
    provision = Provision.objects.resolve(regulation, "Pasal 16")
    Provision.objects.filter(pk=provision.pk).update(
        text="Peraturan Bupati ini mulai berlaku pada tanggal 1 Maret 2018."
    )
    assert metadata(regulation) == {("in-force-date-differs", "Pasal 16"), *KUKAR}
