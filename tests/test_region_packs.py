"""The five bundled region packs: canonical, idempotent, faithful, and their flaws found."""

from __future__ import annotations

import copy
import datetime
import io

import pytest
from django.core.management import call_command

from coordination.reports.models import ReportingObligation
from coordination.reports.obligations import sync_obligations
from orgchart import services
from orgchart.integrity import tree_errors
from orgchart.models import Unit
from orgchart.packs.export import export_pack
from orgchart.packs.flaws import find_flaws
from orgchart.packs.loader import load_pack, read_pack
from orgchart.packs.schema import PackError
from regulations.models import AnnexEntry, Provision, Regulation

CODES = ["13.12", "13.75", "17.71", "32.79", "64.02"]


def flaw_codes(regulation: Regulation) -> list[str]:
    return [flaw.code for flaw in find_flaws(regulation)]


@pytest.mark.parametrize("code", CODES)
def test_each_bundled_pack_is_its_own_canonical_export(five_regions, db, code):
    """Loading a bundled pack into the empty test database and exporting it gives the file
    back byte for byte: export → load into an empty database → export is the identity."""
    pack = five_regions[code]
    assert export_pack(pack.regulation) == pack.path.read_text(encoding="utf-8")


@pytest.mark.parametrize("code", CODES)
def test_loading_a_pack_again_changes_nothing(five_regions, db, code):
    pack = five_regions[code]
    version = type(pack.region).objects.get(pk=pack.region.pk).structure_version
    units = Unit.objects.filter(region=pack.region).count()
    history = Unit.history.filter(region_id=pack.region.pk).count()
    _region, _regulation, report = load_pack(read_pack(pack.path))
    assert report.lines() == ["no changes"]
    assert Unit.objects.filter(region=pack.region).count() == units
    assert Unit.history.filter(region_id=pack.region.pk).count() == history
    assert type(pack.region).objects.get(pk=pack.region.pk).structure_version == version
    assert tree_errors(pack.region.pk) == []


def test_every_region_holds_its_whole_text_and_a_sound_tree(five_regions, db):
    expected_pasal = {"13.75": 18, "13.12": 17, "17.71": 24, "64.02": 16, "32.79": 24}
    for code, pack in five_regions.items():
        pasal = Provision.objects.filter(regulation=pack.regulation, kind="pasal").count()
        assert pasal == expected_pasal[code], code
        assert pack.regulation.recitals.filter(kind="menimbang").exists(), code
        assert pack.regulation.recitals.filter(kind="mengingat").exists(), code
        assert tree_errors(pack.region.pk) == [], code
        assert Unit.objects.get(region=pack.region, parent__isnull=True).kind == "kepala_daerah"


def test_revoked_predecessors_are_recorded_with_their_provision(five_regions, db):
    bukittinggi = five_regions["13.75"].regulation
    revocation = bukittinggi.revocations.get()
    assert (revocation.revoked.number, revocation.revoked.year) == ("65", 2014)
    assert revocation.citation == "Pasal 17"
    assert revocation.revoked.status == Regulation.Status.REVOKED
    kukar = five_regions["64.02"].regulation
    assert kukar.revocations.get().revoked.short_citation == "Perbup Kutai Kartanegara 100/2012"
    assert kukar.signer_display == "Plt. BUPATI KUTAI KARTANEGARA"
    assert five_regions["17.71"].regulation.signer_acting == "Pj."


def test_the_follow_up_deadline_of_kutai_kartanegara_cites_pasal_13_ayat_5(five_regions, db):
    from regulations.answers import follow_up_deadline

    answer = follow_up_deadline(
        five_regions["64.02"].region, __import__("datetime").date(2024, 1, 8)
    )
    assert answer.value == {"working_days": 2}
    assert answer.source == "Perbup Kutai Kartanegara 4/2018 Pasal 13 ayat (5)"
    banjar = follow_up_deadline(
        five_regions["32.79"].region, __import__("datetime").date(2024, 1, 8)
    )
    assert banjar.is_default


def test_check_region_finds_the_flaws_domain_md_names(five_regions, db):
    pasaman = find_flaws(five_regions["13.12"].regulation)
    assert any(
        f.code == "unit-under-two-asisten" and "pelayanan terpadu satu pintu" in f.message
        for f in pasaman
    )
    assert any(
        f.code == "list-missing-last-item" and "rumah sakit; dan" in f.message for f in pasaman
    )
    regulation = five_regions["17.71"].regulation
    bengkulu = find_flaws(regulation)
    messages = [f.line(regulation) for f in bengkulu]
    assert any("cites Pasal 28" in m and "Pasal 22 ayat (1)" in m for m in messages)
    assert sum(f.code == "repeated-lampiran-row" for f in bengkulu) == 2
    assert any(
        f.code == "name-differs-from-lampiran" and "Inspektorat Daerah" in f.message
        for f in bengkulu
    )
    assert "numbered-twice" in flaw_codes(five_regions["17.71"].regulation)


def test_check_region_finds_a_portfolio_unit_missing_from_the_structure(five_regions, db):
    bengkulu = five_regions["17.71"].regulation
    assert "lampiran-unit-missing" not in flaw_codes(bengkulu)
    entry = AnnexEntry.objects.filter(annex__regulation=bengkulu, column="units").first()
    entry.unit_key = ""
    entry.save()
    pasaman = five_regions["13.12"].regulation
    unit = Unit.objects.get(region=pasaman.region, source_citation="Pasal 12 huruf a angka 2")
    services.delete_unit(unit=unit)
    missing = [f for f in find_flaws(bengkulu) if f.code == "lampiran-unit-missing"]
    assert [entry.text in f.message for f in missing] == [True]
    missing = [f for f in find_flaws(pasaman) if f.code == "portfolio-unit-missing"]
    assert len(missing) == 1 and "Pasal 12 huruf a angka 2" in missing[0].message


def test_check_region_command_prints_each_flaw_with_its_citation(five_regions, db):
    out = io.StringIO()
    call_command("check_region", "13.12", stdout=out)
    text = out.getvalue()
    assert f"{len(find_flaws(five_regions['13.12'].regulation))} flaw(s)" in text
    assert "(Perbup Pasaman Barat 49/2017 Pasal 12 huruf b angka 19)" in text


def test_a_bad_pack_is_refused_with_its_place_and_changes_nothing(five_regions, db):
    data = read_pack(five_regions["13.75"].path)
    before = Unit.objects.count()
    broken = copy.deepcopy(data)
    broken["structure"]["children"][0]["citation"] = "Pasal 99"
    broken["links"] = [
        {"from": "nowhere", "to": "walikota", "kind": "koordinasi", "citation": "Pasal 12"}
    ]
    with pytest.raises(PackError) as caught:
        load_pack(broken)
    message = str(caught.value)
    assert "Pasal 99 is not in this pack's provisions" in message
    assert "links/0: no unit with key nowhere" in message
    misspelt = copy.deepcopy(data)
    misspelt["region"]["kind"] = "city"
    with pytest.raises(PackError) as caught:
        load_pack(misspelt)
    assert "region/kind" in str(caught.value)
    assert Unit.objects.count() == before


def test_a_changed_pack_moves_renames_and_removes_units_through_the_service(five_regions, db):
    data = read_pack(five_regions["13.75"].path)
    setda = next(n for n in data["structure"]["children"] if n["kind"] == "setda")
    first, second = setda["children"][0], setda["children"][1]
    moved = first["children"].pop(0)
    second["children"].insert(0, moved)
    moved["name"] = moved["name"] + " (diubah)"
    removed = second["children"].pop()
    _region, regulation, report = load_pack(data)
    unit = Unit.objects.get(region=regulation.region, key=moved["key"])
    assert unit.parent.key == second["key"] and unit.name.endswith("(diubah)")
    assert not Unit.objects.filter(region=regulation.region, key=removed["key"]).exists()
    assert tree_errors(regulation.region_id) == []
    assert export_pack(regulation) != five_regions["13.75"].path.read_text(encoding="utf-8")
    assert "units: 1 deleted" in report.lines()


def test_the_enacting_formula_and_the_sign_off_lines_are_held_as_printed(five_regions, db):
    regulations = {code: pack.regulation for code, pack in five_regions.items()}
    assert regulations["13.75"].enacting_formula == (
        "PERATURAN WALIKOTA TENTANG MEKANISME KOORDIINASI KERJA PEMERINTAH KOTA BUKITTINGGI."
    )
    assert {code: r.enacted_line for code, r in regulations.items()} == {
        "13.12": "Ditetapkan di Simpang Empat pada tanggal 23 Mei 2017",
        "13.75": "Ditetapkan di Bukittinggi pada tanggal 28 Februari 2017",
        "17.71": "Ditetapkan di Bengkulu pada tanggal 26Maret 2018",
        "32.79": "Ditetapkan di Banjar pada tanggal 6 Januari 2023",
        "64.02": "Ditetapkan di Tenggarong pada tanggal 12 Februari 2018",
    }
    assert regulations["64.02"].promulgated_line == (
        "Diundangkan di Tenggarong pada tanggal 13 Februari 2018"
    )
    assert all(r.enacting_formula.startswith("PERATURAN ") for r in regulations.values())


def test_each_certification_is_held_where_it_is_printed(five_regions, db):
    held = {
        code: [
            (c.citation, c.wording.splitlines(), c.title, c.name, c.nip_printed)
            for c in pack.regulation.certifiers.order_by("position")
        ]
        for code, pack in five_regions.items()
        if pack.regulation.certifiers.exists()
    }
    kukar = ["Salinan Sesuai Dengan Aslinya", "Sekretariat Kabupaten Kutai Kartanegara"]
    kukar.append("Kepala Bagian Hukum")
    assert held == {
        "32.79": [
            (
                "penutup",
                ["Salinan sesuai dengan aslinya,", "KEPALA BAGIAN HUKUM,", "SEITDA"],
                "KEPALA BAGIAN HUKUM",
                "FASEP YANI TARUNA, SH.,M.AP",
                "19710503 200604 1 010",
            )
        ],
        "64.02": [
            ("penutup", kukar, "Kepala Bagian Hukum", "PURNOMO, SH", "19780605200212 1 002"),
            ("Lampiran", kukar, "Kepala Bagian Hukum", "PURNOMO, SH", "19780605 200212 1 002"),
        ],
    }


def test_a_certification_printed_under_no_lampiran_of_the_pack_is_refused(five_regions, db):
    data = read_pack(five_regions["64.02"].path)
    data["regulation"]["certifiers"][1]["citation"] = "Lampiran II"
    with pytest.raises(PackError) as caught:
        load_pack(data)
    assert str(caught.value) == (
        "regulation/certifiers/1: Lampiran II is neither penutup nor a Lampiran of this pack."
    )


def test_the_reader_shows_the_formula_and_each_certification_where_printed_without_nip(
    client, five_regions, db
):
    regulation = five_regions["64.02"].regulation
    page = client.get(f"/regulations/{regulation.pk}/").content.decode()
    closing = page.split('<section id="penutup">', 1)[1].split("</section>", 1)[0]
    assert "Diundangkan di Tenggarong pada tanggal 13 Februari 2018" in closing
    certification = (
        "<p>Salinan Sesuai Dengan Aslinya<br>Sekretariat Kabupaten Kutai Kartanegara<br>"
        "Kepala Bagian Hukum<br>PURNOMO, SH</p>"
    )
    assert certification in closing
    assert certification in page.split('<li id="lampiran">', 1)[1].split("</li>", 1)[0]
    assert '<p id="menetapkan"><span class="label">Menetapkan :</span> PERATURAN BUPATI' in page
    for nip in ("197806052002121002", "19780605200212 1 002", "19780605 200212 1 002"):
        assert nip not in page


def test_a_corrected_rule_is_updated_in_place_under_the_obligations_derived_from_it(
    five_regions, db
):
    """A pack that corrects a rule's citation reloads over a database whose reporting
    obligations rest on that rule (PROTECT): the rule keeps its row, the next sync its
    obligation; a second load changes nothing; a rule removed from under them is refused."""
    pack = five_regions["32.79"]
    (obligation,) = sync_obligations(pack.region, datetime.date(2024, 6, 3))
    rule = obligation.rule
    data = read_pack(pack.path)
    (entry,) = [r for r in data["regulation"]["rules"] if r["kind"] == "reporting_cadence"]
    entry["citation"] = ["Pasal 21 ayat (3)", "Pasal 21 ayat (2)"]
    _region, _regulation, report = load_pack(copy.deepcopy(data))
    assert not report.unchanged
    rule.refresh_from_db()
    assert (rule.citation, rule.also_cites) == ("Pasal 21 ayat (3)", ["Pasal 21 ayat (2)"])
    assert ReportingObligation.objects.get(pk=obligation.pk).rule_id == rule.pk
    assert load_pack(copy.deepcopy(data))[2].unchanged
    data["regulation"]["rules"].remove(entry)
    with pytest.raises(PackError, match="reporting_cadence Pasal 21 ayat \\(3\\) is no longer"):
        load_pack(data)
    assert Regulation.objects.get(pk=pack.regulation.pk).rules.filter(pk=rule.pk).exists()
