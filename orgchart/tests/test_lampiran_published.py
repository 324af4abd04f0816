"""The Lampiran as published: Bengkulu's table printed from its stored rows, verbatim, with the
flaw checker's findings marked on the names they touch and listed under the table; the
portal's reading of it offered beside it and headed as such; charts marked the same way."""

from __future__ import annotations

import datetime
import io
import re

import pypdf
import pytest
from django.urls import reverse
from django.utils import translation

from orgchart.lampiran import document as documents
from orgchart.lampiran import notes as lampiran_notes
from orgchart.lampiran.notes import Spot, superscript
from orgchart.models import Unit
from orgchart.packs.flaws import Flaw, FlawClass, Severity
from orgchart.pdf import write_pdf

DAY = datetime.date(2024, 6, 3)

# Perwal Bengkulu 24/2018, Lampiran: each row's texts in the order the table prints them.
PUBLISHED = [
    "1.",
    "Staf Ahli Walikota Bidang Hukum dan Politik",
    "Asisten Pemerintahan dan Kesejahteraan Sosial",
    "1. Sekretariat Dewan Perwakilan Rakyat Daerah",
    "2. Inspektorat",
    "3. Dinas Pendidikan",
    "4. Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga "
    "Berencana",
    "13. Badan Kesatuan Bangsa dan Politik",
    "1. Bagian Tata Pemerintahan Sekretariat Daerah Kota Bengkulu",
    "3. Bagian Bina Kesejahteraan Sosial Sekretariat Daerah Kota Bengkulu",
    "2.",
    "Staf Ahli Walikota Bidang Pemerintahan, Kemasyarakatan dan SDM",
    "3.",
    "Staf Ahli Walikota Bidang Pembangunan Ekonomi dan Keuangan",
    "Asisten Perekonomian dan Pembangunan",
    "1. Badan Perencanaan, Penelitian dan Pengembangan",
    "10. Dinas Pariwisata",
    "3. Bagian Kerjasama dan Layanan Pengadaan Sekretariat Daerah Kota Bengkulu",
    "4.",
    "Staf Ahli Bidang Pemerintahan, Kemasyarakatan dan SDM",
    "Asisten Administrasi Umum",
    "1. Badan Pendapatan Daerah",
    "2. Badan Pengelolaan Keuangan dan Aset",
    "4. Dinas Penanaman Modal dan Pelayanan Perizinan Terpadu Satu Pintu",
    "7. Dinas Statistik",
    "3. Bagian Keprotokolan Sekretariat Daerah Kota Bengkulu",
    "5.",
    "Staf Ahli Walikota Bidang Pembangunan Ekonomi dan Keuangan",
]
# (row, verbatim text) → the flaw codes whose notes the entry must carry.
FLAGGED = {
    (1, "Sekretariat Dewan Perwakilan Rakyat Daerah"): {"name-differs-from-lampiran"},
    (1, "Inspektorat"): {"name-differs-from-lampiran"},
    (4, "Staf Ahli Bidang Pemerintahan, Kemasyarakatan dan SDM"): {
        "repeated-lampiran-row",
        "name-differs-within-lampiran",
    },
    (4, "Badan Pengelolaan Keuangan dan Aset"): {"name-differs-from-lampiran"},
    (4, "Dinas Penanaman Modal dan Pelayanan Perizinan Terpadu Satu Pintu"): {
        "name-differs-from-lampiran"
    },
    (5, "Staf Ahli Walikota Bidang Pembangunan Ekonomi dan Keuangan"): {"repeated-lampiran-row"},
}


def squash(text: str) -> str:
    """PDF text extraction breaks lines where the layout wraps them: compare without spaces."""
    return re.sub(r"\s+", "", text)


def in_indonesian(text) -> str:
    with translation.override("id"):
        return str(text)


def pdf_pages(client, code: str, name: str) -> list[str]:
    response = client.get(f"/api/v1/regions/{code}/lampiran/{name}?as_of={DAY}&paper=a4")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return [squash(page.extract_text()) for page in reader.pages]


def assert_in_order(text: str, fragments: list[str]) -> None:
    position = 0
    for fragment in fragments:
        found = text.find(squash(fragment), position)
        assert found >= 0, f"{fragment!r} missing after position {position}"
        position = found + len(squash(fragment))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # rendered files are cached by region code and version


@pytest.fixture
def bengkulu(five_regions, db):
    return five_regions["17.71"].region


def test_the_bengkulu_lampiran_pdf_shows_the_five_published_rows_with_the_published_names(
    client, bengkulu, media
):
    [page] = pdf_pages(client, "17.71", "table.pdf")
    heading = squash(in_indonesian(documents.NOTES_HEADING))
    table, notes = page.split(heading)
    assert_in_order(table, ["LAMPIRAN", "NOMOR24TAHUN2018", "1", "2", "3", "4", "5", "6"])
    assert_in_order(table, PUBLISHED)
    assert "SEKRETARIATDEWAN,INSPEKTORAT,DINASDANBADAN" in table
    for name in ("Inspektorat Daerah", "Badan Pengelolaan Keuangan dan Aset Daerah"):
        assert squash(name) not in table  # Pasal 21's names are not the published ones
    assert "6.Staf" not in table  # five rows, no sixth
    assert squash(in_indonesian(documents.READING_LABEL)) not in page
    doc = documents.build(bengkulu, "table", DAY, "a4")
    assert [row.number for row in doc.rows] == [1, 2, 3, 4, 5]
    by_number = {note.number: note for note in doc.notes.notes}
    marked = {(r.number, e.text): e.marks for r in doc.rows for e in r.entries() if e.marks}
    assert set(marked) >= set(FLAGGED)
    for (row, text), codes in FLAGGED.items():
        assert {by_number[n].flaw.code for n in marked[row, text]} >= codes, text
        assert squash(text + superscript(marked[row, text])) in table, text
    assert (3, "Staf Ahli Walikota Bidang Pembangunan Ekonomi dan Keuangan") not in marked
    for note in doc.notes.notes:
        assert squash(f"{note.number}. {note.flaw.explanation('id')}") in notes


def test_the_portals_reading_is_its_own_pdf_headed_as_such_with_pasal_21s_names(
    client, bengkulu, media
):
    [page] = pdf_pages(client, "17.71", "table-reading.pdf")
    label = squash(in_indonesian(documents.READING_LABEL))
    assert page.count(label) == 1
    assert squash(in_indonesian(documents.PROVENANCE[documents.READING])) in page
    table = page.split(squash(in_indonesian(documents.NOTES_HEADING)))[0]
    assert "UNITKERJALAIN" in table  # the portal's own column, not the published one
    assert_in_order(
        table,
        [
            "1.",
            "Asisten Pemerintahan dan Kesejahteraan Sosial",
            "Sekretariat Dewan",
            "2. Inspektorat Daerah",
            "2.",
            "Asisten Perekonomian dan Pembangunan",
            "3.",
            "Asisten Administrasi Umum",
            "1. Badan Pengelolaan Keuangan dan Aset Daerah",
            "2. Badan Pendapatan Daerah",
            "4. Dinas Penanaman Modal dan Perizinan Terpadu Satu Pintu",
        ],
    )
    assert "SekretariatDewanPerwakilan" not in table
    doc = documents.build(bengkulu, "table-reading", DAY, "a4")
    assert [row.number for row in doc.rows] == [1, 2, 3]  # one per Asisten of Pasal 21 ayat (2)
    assert doc.provenance == documents.READING


def test_the_region_page_previews_the_published_table_first_and_the_reading_after_it(
    client, bengkulu
):
    url = reverse("lampiran-preview", args=["17.71", "table"]) + f"?as_of={DAY}"
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert body.count("<svg") == 2
    published, reading = body.split('<h3 class="lampiran-reading">')
    assert "As published: the rows, their order and every name verbatim." in published
    assert "<caption>LAMPIRAN — JALUR KOORDINASI" in published
    assert '<th scope="col">SEKRETARIAT DEWAN, INSPEKTORAT, DINAS DAN BADAN</th>' in published
    doc = documents.build(bengkulu, "table", DAY, "a4")
    [inspektorat] = [e for e in doc.rows[0].units if e.text == "Inspektorat"]
    [number] = inspektorat.marks
    assert f'Inspektorat<sup><a href="#note-table-{number}"' in published
    note = next(n for n in doc.notes.notes if n.number == number)
    regulation = doc.regulation.pk
    assert f'<li id="note-table-{number}" value="{number}">{note.flaw.explanation("en")}' in (
        published.replace("&#x27;", "'").replace("&quot;", '"')
    )
    assert f'href="/regulations/{regulation}/#pasal-21-ayat-2-huruf-a-angka-2"' in published
    assert "Inspektorat Daerah<sup>" in reading
    assert reverse("lampiran-start", args=["17.71", "table-reading"]) in reading


@pytest.mark.parametrize(("code", "chart"), [("17.71", "table"), ("64.02", "I")])
def test_the_region_page_opens_the_regulations_own_lampiran_first(
    client, five_regions, db, code, chart
):
    response = client.get(f"/regions/{code}/?as_of={DAY}")
    assert response.status_code == 200
    opening = f'hx-get="{reverse("lampiran-preview", args=[code, chart])}?as_of={DAY}"'
    assert opening in response.content.decode()


def test_a_chart_lampiran_previews_alone(client, five_regions, db):
    url = reverse("lampiran-preview", args=["64.02", "I"]) + f"?as_of={DAY}"
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert body.count("<svg") == 1 and "lampiran-reading" not in body
    assert "Drawn by the portal from the structure" in body


@pytest.mark.parametrize(
    ("code", "chart", "label", "provenance"),
    [
        ("17.71", "table", "LAMPIRAN", documents.PUBLISHED),
        ("17.71", "I", None, documents.READING),  # Bengkulu's one Lampiran is its table
        ("13.75", "I", "LAMPIRAN I", documents.REDRAWN),
        ("13.75", "table", None, documents.READING),  # Bukittinggi has no Lampiran IV
        ("64.02", "I", "LAMPIRAN", documents.REDRAWN),
        ("64.02", "II", None, documents.READING),  # nor has Kutai Kartanegara a Lampiran II
        ("32.79", "III", None, documents.READING),  # Banjar has no Lampiran at all
    ],
)
def test_only_the_regulations_own_lampiran_is_headed_as_one(
    five_regions, db, code, chart, label, provenance
):
    doc = documents.build(five_regions[code].region, chart, DAY, "a4")
    assert doc.annex_label == (label or in_indonesian(documents.READING_LABEL))
    assert doc.provenance == provenance
    said = documents.PROVENANCE.get(provenance)
    assert squash(" ".join(doc.provenance_lines)) == (squash(in_indonesian(said)) if said else "")


def test_a_chart_marks_the_unit_a_flaw_names_and_lists_the_note_in_the_pdf(
    client, five_regions, db, media
):
    region = five_regions["13.12"].region
    doc = documents.build(region, "I", DAY, "a4")
    [note] = [n for n in doc.notes.notes if n.flaw.code == "unit-under-two-asisten"]
    [key] = note.flaw.units
    unit = Unit.objects.get(region=region, key=key)
    marks = doc.notes.of(Spot(key))
    assert note.number in marks
    [box] = [b for b in doc.layout.pages[0].drawing.boxes if b.unit_id == unit.pk]
    assert "".join(box.lines).replace(" ", "") == (unit.name + superscript(marks)).replace(" ", "")
    [page] = pdf_pages(client, "13.12", "I.pdf")
    assert squash(unit.name + superscript(marks)) in page
    assert squash(f"{note.number}. {note.flaw.explanation('id')}") in page


def test_notes_too_many_for_the_page_get_a_page_of_their_own(bengkulu, media, monkeypatch):
    many = [
        Flaw.of(
            "name-differs-from-lampiran",
            FlawClass.NAME,
            Severity.FORM,
            "Lampiran",
            units=["inspektorat-daerah"],
            row=1,
            text="Inspektorat",
            unit_citation=f"Pasal {n}",
            name="Inspektorat Daerah",
        )
        for n in range(1, 61)
    ]
    monkeypatch.setattr(lampiran_notes, "find_flaws", lambda regulation: many)
    doc = documents.build(bengkulu, "table", DAY, "a4")
    assert doc.notes_place.where == "pages" and len(doc.notes.notes) == 60
    [entry] = [e for e in doc.rows[0].units if e.text == "Inspektorat"]
    assert entry.marks == tuple(range(1, 61))
    reader = pypdf.PdfReader(io.BytesIO(write_pdf(documents.html(doc))))
    first, *rest = (squash(page.extract_text()) for page in reader.pages)
    heading = squash(in_indonesian(documents.NOTES_HEADING))
    assert heading not in first and "2.Inspektorat¹⁻⁶⁰" in first
    assert rest and all(heading in page for page in rest)
    notes = "".join(page.split(heading)[1] for page in rest)
    assert_in_order(notes, [f"{n}. {flaw.explanation('id')}" for n, flaw in enumerate(many, 1)])
