"""GET /api/v1/regulations/{id}/ serves each Lampiran, a table's rows as published."""

from __future__ import annotations

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from regulations.models import Annex, AnnexEntry

STAF_AHLI = {  # per published row of Perwal Bengkulu 24/2018's Lampiran, verbatim
    1: ["Staf Ahli Walikota Bidang Hukum dan Politik"],
    2: ["Staf Ahli Walikota Bidang Pemerintahan, Kemasyarakatan dan SDM"],
    3: ["Staf Ahli Walikota Bidang Pembangunan Ekonomi dan Keuangan"],
    4: ["Staf Ahli Bidang Pemerintahan, Kemasyarakatan dan SDM"],
    5: ["Staf Ahli Walikota Bidang Pembangunan Ekonomi dan Keuangan"],
}
ASISTEN = {
    1: ["Asisten Pemerintahan dan Kesejahteraan Sosial"],
    2: [],
    3: ["Asisten Perekonomian dan Pembangunan"],
    4: ["Asisten Administrasi Umum"],
    5: [],
}


def detail(client, regulation) -> dict:
    response = client.get(f"/api/v1/regulations/{regulation.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_bengkulu_lampiran_is_served_with_its_five_rows_as_published(client, five_regions, db):
    body = detail(client, five_regions["17.71"].regulation)
    [annex] = body["annexes"]
    assert (annex["citation"], annex["kind"], annex["attached_by"]) == (
        "Lampiran",
        "table",
        "Pasal 22 ayat (3)",
    )
    rows = annex["rows"]
    assert [row["number"] for row in rows] == [1, 2, 3, 4, 5]
    assert {row["number"]: [e["text"] for e in row["staf_ahli"]] for row in rows} == STAF_AHLI
    assert {row["number"]: [e["text"] for e in row["asisten"]] for row in rows} == ASISTEN
    first = rows[0]
    assert [e["text"] for e in first["units"][:3]] == [
        "Sekretariat Dewan Perwakilan Rakyat Daerah",  # Pasal 21: "Sekretariat Dewan"
        "Inspektorat",  # Pasal 21: "Inspektorat Daerah"
        "Dinas Pendidikan",  # third here, eleventh in Pasal 21
    ]
    assert first["units"][1] == {"text": "Inspektorat", "unit": "inspektorat-daerah"}
    assert [len(row["units"]) for row in rows] == [13, 0, 10, 7, 0]
    assert [len(row["bagian"]) for row in rows] == [3, 0, 3, 3, 0]
    assert all(row["other"] == [] for row in rows)
    assert rows[3]["staf_ahli"] == [
        {
            "text": "Staf Ahli Bidang Pemerintahan, Kemasyarakatan dan SDM",
            "unit": "staf-ahli-pemerintahan-kemasyarakatan-sdm",
        }
    ]
    assert [e["text"] for e in rows[3]["units"][:2]] == [
        "Badan Pendapatan Daerah",
        "Badan Pengelolaan Keuangan dan Aset",
    ]


def test_a_chart_lampiran_has_no_rows(client, five_regions, db):
    body = detail(client, five_regions["13.75"].regulation)
    assert [(a["citation"], a["kind"]) for a in body["annexes"]] == [
        ("Lampiran I", "chart"),
        ("Lampiran II", "chart"),
        ("Lampiran III", "chart"),
    ]
    assert not any("rows" in annex for annex in body["annexes"])


def test_the_rows_are_read_in_a_constant_number_of_queries(client, five_regions, db):
    regulation = five_regions["17.71"].regulation

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            detail(client, regulation)
        return len(captured)

    before = queries()
    extra = Annex.objects.create(
        regulation=regulation, number="II", title="TABEL KEDUA", kind="table", position=9
    )
    AnnexEntry.objects.bulk_create(
        AnnexEntry(annex=extra, row=row, column="units", position=position, text=f"Dinas {row}")
        for row in range(1, 31)
        for position in range(1, 4)
    )
    assert queries() == before
    rows = detail(client, regulation)["annexes"][1]["rows"]
    assert len(rows) == 30 and [e["text"] for e in rows[29]["units"]] == ["Dinas 30"] * 3


def test_each_certification_is_served_where_it_is_printed_without_its_nip(client, five_regions, db):
    """Perbup Kutai Kartanegara 4/2018 is certified twice by one official, under the closing and
    under its Lampiran; the NIP (a birth date) stays private."""
    body = detail(client, five_regions["64.02"].regulation)
    assert body["certifiers"] == [
        {"title": "Kepala Bagian Hukum", "name": "PURNOMO, SH", "printed_at": "penutup"},
        {"title": "Kepala Bagian Hukum", "name": "PURNOMO, SH", "printed_at": "Lampiran"},
    ]
