"""The list-contradiction checks (orgchart/packs/flaws/lists.py, affairs.py) over the five texts.

Catalogue of the instances in the five seeds (region, provision, text, why):

Bukittinggi (13.75), Perwal 4/2017
- Pasal 11 huruf a "kesehatan" is a bidang of the Asisten pemerintahan dan kesra, but
  Pasal 12 huruf b angka 13 "Rumah sakit" (a health unit) is coordinated by the Asisten ekonomi
  dan pembangunan: affair-unit-under-other-asisten.
- Pasal 11 huruf b "pertanahan" is a bidang of the Asisten ekonomi dan pembangunan, but
  Pasal 12 huruf a angka 19 "Kantor badan pertanahan nasional" sits under the Asisten
  pemerintahan dan kesra: affair-unit-under-other-asisten.
- Pasal 11 huruf a "keagamaan" and "pendidikan" are bidang of the Asisten pemerintahan dan
  kesra, but Pasal 12 huruf b angka 11 "Kantor kementerian agama" and angka 14 "Perguruan
  tinggi negeri/ perguruan tinggi swasta" sit under the Asisten ekonomi dan pembangunan:
  affair-unit-under-other-asisten (the pack says what those offices carry out).
- Pasal 11 huruf a "pemberdayaan masyarakat", "kehutanan"; Pasal 11 huruf b "energy sumber daya
  manusia", "statistic", "persandian": no unit of Pasal 12 carries them out (the Dinas
  komunikasi dan informasi names neither statistics nor encryption): bidang-affair-without-unit.
Pasaman Barat (13.12), Perbup 49/2017
- Pasal 12 huruf b angka 1 and huruf c angka 8 both list "dinas penanaman modal, pelayanan
  terpadu satu pintu": unit-under-two-asisten.
- Pasal 12 huruf b angka 19 "rumah sakit; dan" ends the list with nothing after it:
  list-missing-last-item.
- Pasal 12 huruf c angka 11 "bagian keuangan; dan" announces angka 12 as the last item, yet
  the list goes on to angka 13 (perguruan tinggi): list-goes-on-past-its-end.
- Pasal 11 huruf a "keagamaan" is a bidang of the Asisten pemerintahan, but Pasal 12 huruf b
  angka 13 "bagian kesejahteraan rakyat" (kesra and religious affairs) sits under the Asisten
  Perekonomian dan pembangunan: affair-unit-under-other-asisten; so does angka 17 "kantor
  kementerian agama". Pasal 11 huruf b "pendidikan" is a bidang of the Asisten Perekonomian,
  but huruf c angka 13 "perguruan tinggi …" sits under the Asisten Administrasi Umum.
- Pasal 11 huruf a "... sub urusan bencana dan kebakaran" (no fire unit), "persandian",
  "transmigrasi" (the dinas tenaga kerja names only labour); Pasal 11 huruf b "perindustrian",
  "perdagangan", "energi sumber daya manusia", "kebudayaan" (the dinas pendidikan names only
  education), "kehutanan", "statistik": no unit carries them out: bidang-affair-without-unit.
Bengkulu (17.71), Kutai Kartanegara (64.02), Banjar (32.79): their bidang are the Asisten's
own titles (Pemerintahan, Perekonomian, Umum …), each carried by a Bagian of the same Asisten
(Banjar has no bidang list at all); their lists close properly. No instance.
"""

from __future__ import annotations

from orgchart.models import Affair, Unit, UnitAffair
from orgchart.packs.flaws import affairs, lists
from orgchart.packs.flaws.base import FlawClass, Severity, Source
from regulations.models import Provision

CHECKS = [*lists.CHECKS, *affairs.CHECKS]


def found(regulation) -> set[tuple[str, str, tuple[str, ...]]]:
    source = Source(regulation)
    return {(flaw.code, flaw.citation, flaw.related) for check in CHECKS for flaw in check(source)}


def flaws_of(regulation, code: str) -> list:
    source = Source(regulation)
    return [flaw for check in CHECKS for flaw in check(source) if flaw.code == code]


def test_bukittinggi_bidang_and_portfolios_disagree_on_health_land_religion_and_universities(
    five_regions, db
):
    """Kesehatan, keagamaan and pendidikan are Asisten pemerintahan's bidang (Pasal 11 huruf a);
    the Rumah sakit, the Kantor kementerian agama and the perguruan tinggi sit under Asisten
    ekonomi (Pasal 12 huruf b angka 13, 11, 14); pertanahan the other way round."""
    assert found(five_regions["13.75"].regulation) == {
        ("affair-unit-under-other-asisten", "Pasal 11 huruf a", ("Pasal 12 huruf b angka 13",)),
        ("affair-unit-under-other-asisten", "Pasal 11 huruf a", ("Pasal 12 huruf b angka 11",)),
        ("affair-unit-under-other-asisten", "Pasal 11 huruf a", ("Pasal 12 huruf b angka 14",)),
        ("affair-unit-under-other-asisten", "Pasal 11 huruf b", ("Pasal 12 huruf a angka 19",)),
        ("bidang-affair-without-unit", "Pasal 11 huruf a", ()),
        ("bidang-affair-without-unit", "Pasal 11 huruf b", ()),
    }
    without = flaws_of(five_regions["13.75"].regulation, "bidang-affair-without-unit")
    assert sorted(f.fact_dict["wording"] for f in without) == [
        "energy sumber daya manusia",
        "kehutanan",
        "pemberdayaan masyarakat",
        "persandian",
        "statistic",
    ]


def test_the_health_contradiction_names_both_asisten_the_unit_and_its_provision(five_regions, db):
    (flaw,) = [
        f
        for f in flaws_of(five_regions["13.75"].regulation, "affair-unit-under-other-asisten")
        if f.citation == "Pasal 11 huruf a" and f.related == ("Pasal 12 huruf b angka 13",)
    ]
    assert flaw.klass == FlawClass.LIST_CONTRADICTION
    assert flaw.severity == Severity.RESPONSIBILITY
    assert flaw.units == ("rumah-sakit",)
    assert flaw.explanation("en") == (
        "Pasal 11 huruf a puts “kesehatan” in the bidang of “Asisten pemerintahan dan "
        "kesejahteraan rakyat”, but “Rumah sakit”, which carries out Kesehatan, is in the "
        "portfolio of “Asisten ekonomi dan pembangunan” (Pasal 12 huruf b angka 13)."
    )


def test_pasaman_barat_lists_contradict_each_other_eight_ways(five_regions, db):
    regulation = five_regions["13.12"].regulation
    assert found(regulation) == {
        ("unit-under-two-asisten", "Pasal 12 huruf b angka 1", ("Pasal 12 huruf c angka 8",)),
        ("list-missing-last-item", "Pasal 12 huruf b angka 19", ()),
        ("list-goes-on-past-its-end", "Pasal 12 huruf c angka 13", ("Pasal 12 huruf c angka 11",)),
        ("affair-unit-under-other-asisten", "Pasal 11 huruf a", ("Pasal 12 huruf b angka 13",)),
        ("affair-unit-under-other-asisten", "Pasal 11 huruf a", ("Pasal 12 huruf b angka 17",)),
        ("affair-unit-under-other-asisten", "Pasal 11 huruf b", ("Pasal 12 huruf c angka 13",)),
        ("bidang-affair-without-unit", "Pasal 11 huruf a", ()),
        ("bidang-affair-without-unit", "Pasal 11 huruf b", ()),
    }
    without = flaws_of(regulation, "bidang-affair-without-unit")
    assert sorted(f.fact_dict["affair"] for f in without) == [
        "Energi dan Sumber Daya Mineral",
        "Kebakaran",
        "Kebudayaan",
        "Kehutanan",
        "Perdagangan",
        "Perindustrian",
        "Persandian",
        "Statistik",
        "Transmigrasi",
    ]
    (past,) = flaws_of(regulation, "list-goes-on-past-its-end")
    assert past.severity == Severity.FORM
    assert "“bagian keuangan; dan”" in past.explanation("en")


def test_bengkulu_kutai_kartanegara_and_banjar_have_no_list_contradiction_of_these_kinds(
    five_regions, db
):
    # Bengkulu's Lampiran rows (repeated-lampiran-row) are the names checks' findings; its
    # repeated list item has a test of its own below.
    for code in ("17.71", "64.02", "32.79"):
        kinds = {f for f in found(five_regions[code].regulation) if f[0] != "list-item-repeated"}
        assert kinds == set(), code


def test_an_affair_given_to_a_second_asisten_is_found_with_both_bidang(five_regions, db):
    regulation = five_regions["64.02"].regulation
    umum = Unit.objects.get(region=regulation.region, key="asisten-umum")
    UnitAffair.objects.create(
        unit=umum,
        affair=Affair.objects.get(code="P.02"),
        role=UnitAffair.Role.COORDINATES,
        regulation=regulation,
        citation="Pasal 12 ayat (1)",
        wording="Kesejahteraan",
    )
    assert found(regulation) == {
        ("affair-in-two-bidang", "Pasal 10 ayat (1)", ("Pasal 12 ayat (1)",)),
    }


def test_a_bidang_whose_units_sit_under_another_asisten_or_nowhere_is_found(five_regions, db):
    regulation = five_regions["64.02"].regulation
    umum = Unit.objects.get(region=regulation.region, key="asisten-umum")
    for code, wording in (("1.02", "kesehatan"), ("5.06", "perbatasan")):
        UnitAffair.objects.create(
            unit=umum,
            affair=Affair.objects.get(code=code),
            role=UnitAffair.Role.COORDINATES,
            regulation=regulation,
            citation="Pasal 12 ayat (1)",
            wording=wording,
        )
    elsewhere = flaws_of(regulation, "affair-unit-under-other-asisten")
    assert sorted(f.units[0] for f in elsewhere) == [
        "dinas-kesehatan",
        "rsud-aji-batara-agung-dewa-sakti",
        "rsud-aji-muhammad-parikesit",
        "rsud-dayaku-raja",
    ]
    assert {len(f.units) for f in elsewhere} == {1}  # the Lampiran marks the unit, not the Asisten
    (without,) = flaws_of(regulation, "bidang-affair-without-unit")
    assert without.units == ()
    assert (without.citation, without.fact_dict["wording"]) == ("Pasal 12 ayat (1)", "perbatasan")


def test_a_list_closed_too_early_or_ending_in_dan_is_found(five_regions, db):
    regulation = five_regions["32.79"].regulation
    items = {p.citation: p for p in Provision.objects.filter(regulation=regulation)}
    items["Pasal 4 huruf b"].text = "kerjasama atau kemitraan; dan"
    items["Pasal 4 huruf b"].save()
    items["Pasal 4 huruf d"].text = "pengawasan; dan"
    items["Pasal 4 huruf d"].save()
    assert found(regulation) == {
        ("list-goes-on-past-its-end", "Pasal 4 huruf d", ("Pasal 4 huruf b",)),
        ("list-missing-last-item", "Pasal 4 huruf d", ()),
    }


def test_a_list_item_that_repeats_another_is_found_only_in_bengkulu(five_regions, db):
    """Bengkulu Pasal 3 ayat (2) huruf a angka 3 and 4 both give "memantau dan mengevaluasi
    penyelenggaraan pemerintahan (Daerah) yang dilaksanakan oleh Perangkat Daerah (Kota)"."""
    repeated = {
        code: {(f.citation, f.related) for f in flaws_of(pack.regulation, "list-item-repeated")}
        for code, pack in five_regions.items()
    }
    assert repeated == {
        "13.75": set(),
        "13.12": set(),
        "17.71": {("Pasal 3 ayat (2) huruf a angka 4", ("Pasal 3 ayat (2) huruf a angka 3",))},
        "64.02": set(),
        "32.79": set(),
    }
    item = Provision.objects.get(
        regulation=five_regions["17.71"].regulation, key="pasal:3/ayat:2/huruf:a/angka:4"
    )
    item.text = item.text.replace("memantau", "membina")  # one duty for another: not a repeat
    item.save()
    assert flaws_of(five_regions["17.71"].regulation, "list-item-repeated") == []
