"""The Lampiran of the five regions: laid out on one page, legible, complete, in PDF and SVG."""

from __future__ import annotations

import datetime
import io
import re

import pypdf
import pytest
from django.urls import reverse

from orgchart import services
from orgchart.lampiran import document as documents
from orgchart.lampiran.geometry import problems
from orgchart.lampiran.shapes import Box, Drawing, Segment
from orgchart.models import Unit
from orgchart.pdf import write_pdf

CODES = ["13.12", "13.75", "17.71", "32.79", "64.02"]
CHARTS = ["I", "II", "III", "table"]
DAY = datetime.date(2024, 6, 3)


def squash(text: str) -> str:
    """PDF text extraction breaks lines where the chart wraps them: compare without spaces."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("chart", CHARTS)
@pytest.mark.parametrize("code", CODES)
def test_every_lampiran_fits_one_page_legibly_and_completely(five_regions, db, code, chart):
    doc = documents.build(five_regions[code].region, chart, DAY, "a4")
    assert len(doc.layout.pages) == 1
    page = doc.layout.pages[0]
    assert page.font >= 6.0, f"text at {page.font:.2f} pt"
    assert problems(page.drawing, doc.layout.expected, repeats_allowed=chart == "table") == []


@pytest.mark.parametrize("code", CODES)
def test_lampiran_one_shows_every_unit_of_the_structure(five_regions, db, code):
    doc = documents.build(five_regions[code].region, "I", DAY, "f4")
    assert doc.layout.expected == set(
        Unit.objects.filter(region__code=code).values_list("pk", flat=True)
    )


def test_the_same_data_gives_the_same_svg_bytes(five_regions, db):
    region = five_regions["64.02"].region
    first = documents.svg(documents.build(region, "I", DAY, "a4"))
    second = documents.svg(documents.build(region, "I", DAY, "a4"))
    assert first == second
    assert first.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert 'stroke-dasharray="3 2"' in first  # garis koordinasi


@pytest.mark.parametrize("chart", CHARTS)
@pytest.mark.parametrize("code", CODES)
def test_the_pdf_holds_every_unit_name_the_header_and_the_signer(five_regions, db, code, chart):
    region = five_regions[code].region
    regulation = five_regions[code].regulation
    doc = documents.build(region, chart, DAY, "f4")
    reader = pypdf.PdfReader(io.BytesIO(write_pdf(documents.html(doc))))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (935, 609)  # F4 landscape
    text = squash(reader.pages[0].extract_text())
    names = Unit.objects.filter(pk__in=doc.layout.expected).values_list("name", flat=True)
    missing = [name for name in names if squash(name) not in text]
    assert missing == []
    for line in (doc.annex_label, regulation.kind_name.upper(), "TENTANG", regulation.signer_name):
        assert squash(line) in text, line
    assert squash(f"NOMOR {regulation.number} TAHUN {regulation.year}") in text
    assert squash(regulation.signer_display) in text
    if chart != "table":
        assert "GarisKomando" in text and "GarisKoordinasi" in text


def test_the_header_follows_the_regulations_own_numbering(five_regions, db):
    kukar = documents.build(five_regions["64.02"].region, "I", DAY, "a4")
    assert kukar.header[:3] == (
        "LAMPIRAN",
        "PERATURAN BUPATI KUTAI KARTANEGARA",
        "NOMOR 4 TAHUN 2018",
    )
    assert kukar.signer == ("Plt. BUPATI KUTAI KARTANEGARA,", "EDI DAMANSYAH")
    bukittinggi = documents.build(five_regions["13.75"].region, "II", DAY, "a4")
    assert bukittinggi.header[:4] == (
        "LAMPIRAN II",
        "PERATURAN WALIKOTA BUKITTINGGI",
        "NOMOR 4 TAHUN 2017",
        "TENTANG",
    )
    bengkulu = documents.build(five_regions["17.71"].region, "table", DAY, "a4")
    assert bengkulu.annex_label == "LAMPIRAN"
    assert bengkulu.signer[0] == "Pj. WALIKOTA BENGKULU,"


def test_the_geometry_check_can_fail():
    drawing = Drawing(width=100, height=100)
    drawing.boxes += [
        Box("a", 0, 0, 50, 20, ("A",), 8, unit_id=1),
        Box("b", 40, 10, 50, 20, ("B",), 8, unit_id=2),
        Box("c", 0, 60, 50, 20, ("C",), 8, unit_id=2),
    ]
    drawing.segments.append(Segment(25, 30, 25, 90))
    found = problems(drawing, {1, 2, 3})
    assert any("overlaps" in p for p in found)
    assert any("runs through box c" in p for p in found)
    assert any("units missing: [3]" in p for p in found)
    assert any("more than once: [2]" in p for p in found)


@pytest.fixture
def big_region(five_regions, db):
    """Kota Bukittinggi with 60 UPT under each of three agencies: too much for one page."""
    region = five_regions["13.75"].region
    for name in ("Dinas kesehatan", "Dinas perhubungan", "Badan keuangan"):
        agency = Unit.objects.get(region=region, name=name)
        for n in range(60):
            services.create_unit(
                region=region, target=agency, name=f"UPT {name} {n + 1}", kind="upt", line="komando"
            )
    return region


def test_a_region_too_large_for_a_page_splits_by_asisten_with_a_key_page(big_region):
    doc = documents.build(big_region, "I", DAY, "a4")
    pages = doc.layout.pages
    assert len(pages) >= 4  # the key page and at least one page per Asisten
    assert all(page.font >= 6.0 for page in pages)
    assert pages[0].heading == "" and all(page.heading for page in pages[1:])
    union = Drawing()
    for page in pages:
        assert problems(page.drawing) == []
        union.boxes += page.drawing.boxes
        union.labels += page.drawing.labels
    # across the pages (overlaid, so only the unit counts matter): every unit exactly once
    assert [p for p in problems(union, doc.layout.expected) if p.startswith("units")] == []
    key_text = " ".join(" ".join(label.lines) for label in pages[0].drawing.labels)
    assert "rincian: halaman 2" in key_text


def test_api_serves_pdf_and_svg_with_etags_and_refuses_bad_parameters(client, five_regions, db):
    base = "/api/v1/regions/13.75/lampiran"
    pdf = client.get(f"{base}/I.pdf?as_of=2024-06-03&paper=f4")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    svg = client.get(f"{base}/table.svg?as_of=2024-06-03")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    again = client.get(f"{base}/table.svg?as_of=2024-06-03", HTTP_IF_NONE_MATCH=svg["ETag"])
    assert again.status_code == 304
    for url in (
        f"{base}/IV.pdf",
        f"{base}/I.png",
        f"{base}/I.pdf?paper=letter",
        f"{base}/I.pdf?as_of=2010-01-01",
        f"{base}/I.svg?page=7",
        "/api/v1/regions/99.99/lampiran/I.pdf",
    ):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400, url
        assert response.json()["detail"]


def test_a_second_request_for_an_unchanged_region_is_served_from_the_file(
    five_regions, db, monkeypatch
):
    from orgchart.lampiran import files

    calls = []
    real = documents.build
    monkeypatch.setattr(documents, "build", lambda *a, **k: calls.append(a) or real(*a, **k))
    region = five_regions["32.79"].region
    first = files.rendered(region, "II", DAY, "a4", "svg")
    second = files.rendered(region, "II", DAY, "a4", "svg")
    assert first == second and len(calls) == 1
    services.update_unit(unit=Unit.objects.get(region=region, parent__isnull=True), acronym="WK")
    region.refresh_from_db()
    third = files.rendered(region, "II", DAY, "a4", "svg")
    assert third != first and len(calls) == 2
    assert not first.exists()  # the stale version was removed


def test_the_browser_renders_the_pdf_as_a_task_with_progress(client, five_regions, db, monkeypatch):
    from config.celery import app
    from orgchart.tasks import render_lampiran

    app.conf.task_always_eager = True
    app.conf.task_store_eager_result = True
    # Celery also copies this setting onto the task when it binds it: set it there too.
    monkeypatch.setattr(render_lampiran, "store_eager_result", True)
    try:
        page = client.get("/regions/64.02/?as_of=2024-06-03").content.decode()
        assert reverse("lampiran-preview", args=["64.02", "I"]) in page
        preview = client.get(reverse("lampiran-preview", args=["64.02", "I"]) + "?as_of=2024-06-03")
        assert preview.status_code == 200 and "<svg" in preview.content.decode()
        started = client.post(
            reverse("lampiran-start", args=["64.02", "I"]),
            {"as_of": "2024-06-03", "paper": "a4"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        body = started.content.decode()
        status_url = re.search(r'hx-get="([^"]+)"', body)
        if status_url:
            body = client.get(status_url.group(1), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        found = re.search(r'href="([^"]+)">Download PDF', body)
        assert found, body
        link = found.group(1).replace("&amp;", "&")
        pdf = client.get(link)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        again = client.post(
            reverse("lampiran-start", args=["64.02", "I"]),
            {"as_of": "2024-06-03", "paper": "a4"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert "Download PDF" in again.content.decode()  # cached: no second rendering
    finally:
        app.conf.task_always_eager = False
        app.conf.task_store_eager_result = False
