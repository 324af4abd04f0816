"""A Lampiran as a document: the annex header as the regulations print it, the chart or table
laid out for the paper, the flaw notes under it, the legend and the signature of the
regulation's signer.

What a published annex shows is what was published: a table annex whose rows are stored is
printed from them, verbatim. A chart the portal draws from the structure says so, and a
Lampiran the regulation does not have is headed as the portal's reading, never as an annex.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from orgchart.lampiran import content as contents
from orgchart.lampiran import notes as flaw_notes
from orgchart.lampiran import rows as table_rows
from orgchart.lampiran import sheet
from orgchart.lampiran.layout import ChartLayout, lay_out
from orgchart.lampiran.measure import LINE_HEIGHT, wrap
from orgchart.lampiran.sheet import (
    FOOTER_HEIGHT,
    GAP,
    HEADER_SIZE,
    HEADER_WIDTH,
    MARGIN,
    MM,
    NOTE_SIZE,
    PAPERS,
    TITLE_SIZE,
)
from orgchart.lampiran.svg import PAD, to_svg
from orgchart.lampiran.table import lay_out_table
from regulations.models import Annex, Region, Regulation

CHARTS = ("I", "II", "III", "table", "table-reading")
TITLES = {
    "I": "BAGAN KOORDINASI KERJA DI LINGKUNGAN PEMERINTAH DAERAH",
    "II": "KOORDINASI INSTANSI VERTIKAL",
    "III": "BAGAN MEKANISME KOORDINASI KERJA",
    "table": "JALUR KOORDINASI, HARMONISASI, SINKRONISASI DAN KONSULTASI",
}
NUMBERS = {"I": "I", "II": "II", "III": "III"}

PUBLISHED, REDRAWN, READING = "published", "redrawn", "reading"
READING_LABEL = _("THE PORTAL'S READING OF")
PROVENANCE = {
    REDRAWN: _("Drawn by the portal from the structure: the drawing as published is not held."),
    READING: _("The portal's reading, built from the structure: not the Lampiran as published."),
}
NOTES_HEADING = _("Notes on this Lampiran")
ON_THE_PAGE = {  # what the region page says of each document, in the reader's language
    PUBLISHED: _("As published: the rows, their order and every name verbatim."),
    **PROVENANCE,
}


class NoStructure(LookupError):
    """No regulation, or no structure, holds for the region on that day."""


@dataclass(frozen=True)
class LampiranDocument:
    region: Region
    regulation: Regulation
    chart: str
    day: datetime.date
    paper: str
    annex_label: str  # "LAMPIRAN I", "LAMPIRAN" for a sole one, or the portal's reading
    header: tuple[str, ...]
    title: tuple[str, ...]
    layout: ChartLayout
    page_size: tuple[float, float]
    band: float  # height of the header band
    provenance: str = READING  # published | redrawn (by the portal) | reading (no such annex)
    provenance_lines: tuple[str, ...] = ()
    notes: flaw_notes.Notes = field(default_factory=flaw_notes.Notes)
    notes_place: sheet.NotesPlace = field(default_factory=sheet.NotesPlace)  # in Indonesian
    notes_heading: str = ""
    rows: tuple[table_rows.TableRow, ...] = ()  # a table's rows, for the page's HTML table

    @property
    def signer(self) -> tuple[str, str]:
        return f"{self.regulation.signer_display},", self.regulation.signer_name

    @property
    def is_table(self) -> bool:
        return self.chart.startswith("table")


def _annex_for(annexes: list[Annex], chart: str) -> Annex | None:
    """The regulation's own Lampiran that ``chart`` stands for, if it has one."""
    if chart.startswith("table"):
        return next((a for a in annexes if a.kind == Annex.Kind.TABLE), None)
    if chart == "I" and len(annexes) == 1 and not annexes[0].number:
        return annexes[0] if annexes[0].kind == Annex.Kind.CHART else None
    return next(
        (a for a in annexes if a.kind == Annex.Kind.CHART and a.number == NUMBERS[chart]), None
    )


def _provenance(annex: Annex | None, chart: str, published_rows: bool) -> str:
    if annex is None or chart == "table-reading":
        return READING
    return PUBLISHED if chart == "table" and published_rows else REDRAWN


def _content(structure, region, chart, day, regulation, annex, rows_of_annex):
    """The rows or the chart content, with the flaw notes numbered on them and marked."""
    if chart.startswith("table"):
        rows = rows_of_annex or table_rows.table_rows(structure, day)
        citation = annex.citation if rows_of_annex else None
        found = flaw_notes.number_notes(regulation, flaw_notes.table_spots(rows), citation)
        return flaw_notes.mark_rows(rows, found), found
    content = {
        "I": lambda: contents.lampiran_one(structure),
        "II": lambda: contents.lampiran_two(structure),
        "III": lambda: contents.lampiran_three(structure, region, day),
    }[chart]()
    keys = {row["id"]: row["key"] for row in structure.rows.values()}
    citation = annex.citation if annex else None
    found = flaw_notes.number_notes(regulation, flaw_notes.chart_spots(content, keys), citation)
    return flaw_notes.mark_chart(content, found, keys), found


def _note_texts(found: flaw_notes.Notes) -> list[str]:
    return [f"{n.number}. {n.message} ({'; '.join(n.citations)})" for n in found.notes]


def _heading(region, regulation, label, title, provenance, page_w):
    header = (
        label,
        regulation.kind_name.upper(),
        f"NOMOR {regulation.number} TAHUN {regulation.year}",
        "TENTANG",
        *wrap(regulation.title.upper(), HEADER_WIDTH, HEADER_SIZE),
    )
    width = page_w - 2 * MARGIN - HEADER_WIDTH - 20
    title_lines = wrap(title, width, TITLE_SIZE, True)
    if region.name.upper() not in title:
        title_lines = (*title_lines, f"PEMERINTAH {region.full_name.upper()}")
    said = wrap(str(PROVENANCE[provenance]), width, HEADER_SIZE) if provenance in PROVENANCE else ()
    title_h = len(title_lines) * TITLE_SIZE + len(said) * HEADER_SIZE
    band = max(len(header) * HEADER_SIZE, title_h) * LINE_HEIGHT + GAP
    return header, title_lines, said, band


def _lay_out(chart: str, shown, area: tuple[float, float]) -> ChartLayout:
    with translation.override("id"):
        if chart.startswith("table"):
            return lay_out_table(shown, area)
        return lay_out(chart, shown, area)


def build(region: Region, chart: str, day: datetime.date, paper: str = "a4") -> LampiranDocument:
    regulation = region.regulation_in_force(day)
    if regulation is None:
        raise NoStructure(f"No regulation of {region} is in force on {day}.")
    structure = contents.read_structure(region, day)
    if structure.root is None:
        raise NoStructure(f"{regulation} is in force on {day}, but no structure from it is held.")
    annex = _annex_for(list(regulation.annexes.order_by("position")), chart)
    rows_of_annex = (
        table_rows.published_rows(annex, structure) if annex and chart == "table" else []
    )
    provenance = _provenance(annex, chart, bool(rows_of_annex))
    page_w, page_h = PAPERS[paper]
    with translation.override("id"):  # an annex to an Indonesian regulation is in Indonesian
        label = annex.citation.upper() if provenance != READING else str(READING_LABEL)
        title = annex.title.upper() if annex else TITLES[chart.split("-")[0]]
        header, title_lines, said, band = _heading(
            region, regulation, label, title, provenance, page_w
        )
        shown, found = _content(structure, region, chart, day, regulation, annex, rows_of_annex)
        texts, heading = _note_texts(found), (str(NOTES_HEADING) if found else "")
    room = page_h - 2 * MARGIN - band - FOOTER_HEIGHT - GAP - 2 * PAD
    legend = not chart.startswith("table")
    layout, notes_place = sheet.place(
        lambda area: _lay_out(chart, shown, area), texts, page_w, room, legend
    )
    return LampiranDocument(
        region,
        regulation,
        chart,
        day,
        paper,
        label,
        header,
        title_lines,
        layout,
        (page_w, page_h),
        band,
        provenance,
        said,
        found,
        notes_place,
        heading,
        tuple(shown) if chart.startswith("table") else (),
    )


def svg(document: LampiranDocument, page: int = 1) -> str:
    chosen = document.layout.pages[page - 1]
    return to_svg(chosen.drawing, chosen.scale, " ".join(document.title))


def html(document: LampiranDocument) -> str:
    """The HTML WeasyPrint turns into the PDF: one page per laid-out page, the notes under
    the chart on each, or on a page of their own after them."""
    page_w, page_h = document.page_size
    chart_top = MARGIN + document.band
    pages = sheet.pages(document.layout, document.notes_place, chart_top, page_h)
    with translation.override("id"):
        return render_to_string(
            "orgchart/lampiran_pdf.html",
            {
                "document": document,
                "pages": pages,
                "page_w": page_w / MM,
                "page_h": page_h / MM,
                "margin": MARGIN,
                "band": document.band,
                "footer": FOOTER_HEIGHT,
                "header_size": HEADER_SIZE,
                "title_size": TITLE_SIZE,
                "note_size": NOTE_SIZE,
                "header_width": HEADER_WIDTH,
                "chart_top": chart_top,
            },
        )
