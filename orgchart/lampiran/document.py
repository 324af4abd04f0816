"""A Lampiran as a document: the annex header as the regulations print it, the chart laid out
for the paper, the legend and the signature of the regulation's signer."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation

from orgchart.lampiran import content as contents
from orgchart.lampiran.layout import ChartLayout, lay_out
from orgchart.lampiran.measure import LINE_HEIGHT, wrap
from orgchart.lampiran.svg import PAD, to_svg
from orgchart.lampiran.table import lay_out_table
from regulations.models import Region, Regulation

MM = 72 / 25.4
PAPERS = {"a4": (297 * MM, 210 * MM), "f4": (330 * MM, 215 * MM)}  # landscape
MARGIN = 10 * MM
HEADER_SIZE = 8.0
HEADER_WIDTH = 250.0
TITLE_SIZE = 10.0
FOOTER_HEIGHT = 5 * HEADER_SIZE * LINE_HEIGHT
GAP = 6.0
CHARTS = ("I", "II", "III", "table")
TITLES = {
    "I": "BAGAN KOORDINASI KERJA DI LINGKUNGAN PEMERINTAH DAERAH",
    "II": "KOORDINASI INSTANSI VERTIKAL",
    "III": "BAGAN MEKANISME KOORDINASI KERJA",
    "table": "JALUR KOORDINASI, HARMONISASI, SINKRONISASI DAN KONSULTASI",
}
NUMBERS = {"I": "I", "II": "II", "III": "III", "table": "IV"}


class NoStructure(LookupError):
    """No regulation, or no structure, holds for the region on that day."""


@dataclass(frozen=True)
class LampiranDocument:
    region: Region
    regulation: Regulation
    chart: str
    day: datetime.date
    paper: str
    annex_label: str  # "LAMPIRAN I", or "LAMPIRAN" where the regulation has a single one
    header: tuple[str, ...]
    title: tuple[str, ...]
    layout: ChartLayout
    page_size: tuple[float, float]
    band: float  # height of the header band

    @property
    def signer(self) -> tuple[str, str]:
        return f"{self.regulation.signer_display},", self.regulation.signer_name


def _annex_label(regulation: Regulation, chart: str) -> tuple[str, str]:
    """The printed number and title: the regulation's own Lampiran where it has one."""
    annexes = list(regulation.annexes.order_by("position"))
    if (
        len(annexes) == 1
        and not annexes[0].number
        and (
            (chart == "I" and annexes[0].kind == "chart")
            or (chart == "table" and annexes[0].kind == "table")
        )
    ):
        return "LAMPIRAN", annexes[0].title.upper()
    own = next((a for a in annexes if a.number == NUMBERS[chart]), None)
    return f"LAMPIRAN {NUMBERS[chart]}", (own.title.upper() if own else TITLES[chart])


def build(region: Region, chart: str, day: datetime.date, paper: str = "a4") -> LampiranDocument:
    regulation = region.regulation_in_force(day)
    if regulation is None:
        raise NoStructure(f"No regulation of {region} is in force on {day}.")
    structure = contents.read_structure(region, day)
    if structure.root is None:
        raise NoStructure(f"{regulation} is in force on {day}, but no structure from it is held.")
    label, title = _annex_label(regulation, chart)
    header = (
        label,
        regulation.kind_name.upper(),
        f"NOMOR {regulation.number} TAHUN {regulation.year}",
        "TENTANG",
        *wrap(regulation.title.upper(), HEADER_WIDTH, HEADER_SIZE),
    )
    page_w, page_h = PAPERS[paper]
    title_lines = wrap(title, page_w - 2 * MARGIN - HEADER_WIDTH - 20, TITLE_SIZE, True)
    if region.name.upper() not in title:
        title_lines = (*title_lines, f"PEMERINTAH {region.full_name.upper()}")
    band = max(len(header) * HEADER_SIZE, len(title_lines) * TITLE_SIZE) * LINE_HEIGHT + GAP
    edge = 2 * PAD  # the SVG pads its drawing so that edge strokes are not clipped
    area = (page_w - 2 * MARGIN - edge, page_h - 2 * MARGIN - band - FOOTER_HEIGHT - GAP - edge)
    with translation.override("id"):  # an annex to an Indonesian regulation is in Indonesian
        if chart == "table":
            layout = lay_out_table(contents.table_rows(structure, day), area)
        else:
            content = {
                "I": lambda: contents.lampiran_one(structure),
                "II": lambda: contents.lampiran_two(structure),
                "III": lambda: contents.lampiran_three(structure, region, day),
            }[chart]()
            layout = lay_out(chart, content, area)
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
    )


def svg(document: LampiranDocument, page: int = 1) -> str:
    chosen = document.layout.pages[page - 1]
    return to_svg(chosen.drawing, chosen.scale, " ".join(document.title))


def html(document: LampiranDocument) -> str:
    """The HTML WeasyPrint turns into the PDF: one page per laid-out page."""
    page_w, page_h = document.page_size
    return render_to_string(
        "orgchart/lampiran_pdf.html",
        {
            "document": document,
            "pages": [
                {"svg": to_svg(p.drawing, p.scale), "heading": p.heading, "number": n}
                for n, p in enumerate(document.layout.pages, start=1)
            ],
            "page_w": page_w / MM,
            "page_h": page_h / MM,
            "margin": MARGIN,
            "band": document.band,
            "footer": FOOTER_HEIGHT,
            "header_size": HEADER_SIZE,
            "title_size": TITLE_SIZE,
            "header_width": HEADER_WIDTH,
            "chart_top": MARGIN + document.band,
        },
    )
