"""The printed sheet of a Lampiran: its paper and bands, and where the flaw notes go on it.

The notes go under the chart where it leaves them room; else in the footer, between the legend
and the signature, where they fit there; else under a chart made smaller for them, where it
keeps its pages (and so its legibility); else the chart keeps its size and the notes follow it
on pages of their own. Every position is computed here, from the font's own metrics.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from orgchart.lampiran.layout import ChartLayout
from orgchart.lampiran.measure import LINE_HEIGHT, wrap
from orgchart.lampiran.svg import PAD, to_svg

MM = 72 / 25.4
PAPERS = {"a4": (297 * MM, 210 * MM), "f4": (330 * MM, 215 * MM)}  # landscape
MARGIN = 10 * MM
HEADER_SIZE = 8.0
HEADER_WIDTH = 250.0  # of the header, top right, and of the signature, bottom right
TITLE_SIZE = 10.0
NOTE_SIZE = 7.0
NOTE_LINE = NOTE_SIZE * LINE_HEIGHT
NOTES_SHARE = 0.45  # of the page's room at most for the notes under a chart made smaller
FOOTER_HEIGHT = 5 * HEADER_SIZE * LINE_HEIGHT
LEGEND_WIDTH = 120.0  # "Keterangan" with its two lines, bottom left
GAP = 6.0

UNDER, FOOTER, PAGES = "under", "footer", "pages"


@dataclass(frozen=True)
class NotesPlace:
    where: str = UNDER  # under the chart | in the footer | on pages of their own
    lines: tuple[tuple[str, ...], ...] = ()  # each note, wrapped for where it goes
    left: float = MARGIN
    room: float = 0.0  # the height a page of notes has

    def height(self) -> float:
        """Of the block, with its heading and the gap above it."""
        return (1 + sum(map(len, self.lines))) * NOTE_LINE + GAP if self.lines else 0.0


def _wrapped(texts: list[str], width: float) -> tuple[tuple[str, ...], ...]:
    return tuple(wrap(text, width, NOTE_SIZE) for text in texts)


def _footer(texts: list[str], page_w: float, legend: bool) -> NotesPlace | None:
    left = MARGIN + (LEGEND_WIDTH if legend else 0.0)
    width = page_w - MARGIN - HEADER_WIDTH - GAP - left
    lines = _wrapped(texts, width)
    fits = (1 + sum(map(len, lines))) * NOTE_LINE <= FOOTER_HEIGHT
    return NotesPlace(FOOTER, lines, left) if fits else None


def place(
    lay_out: Callable[[tuple[float, float]], ChartLayout],
    texts: list[str],
    page_w: float,
    room: float,
    legend: bool,
) -> tuple[ChartLayout, NotesPlace]:
    """The chart laid out in ``room`` (points high, the page's width), and its notes placed."""
    width = page_w - 2 * MARGIN - 2 * PAD
    full = lay_out((width, room))
    under = NotesPlace(UNDER, _wrapped(texts, page_w - 2 * MARGIN), MARGIN, room)
    if not texts:
        return full, under
    used = max(page.drawing.height * page.scale for page in full.pages)
    if room - used >= under.height():
        return full, under
    footer = _footer(texts, page_w, legend)
    if footer is not None:
        return full, footer
    if under.height() <= room * NOTES_SHARE:
        smaller = lay_out((width, room - under.height()))
        if len(smaller.pages) == len(full.pages):
            return smaller, under
    return full, NotesPlace(PAGES, under.lines, MARGIN, room)


def _notes_pages(place: NotesPlace) -> list[tuple[tuple[str, ...], ...]]:
    """The notes in pages of notes, a note never split between two."""
    capacity = max(1, int(place.room / NOTE_LINE) - 1)  # one line for the heading
    chunks: list[list[tuple[str, ...]]] = [[]]
    for lines in place.lines:
        if chunks[-1] and sum(map(len, chunks[-1])) + len(lines) > capacity:
            chunks.append([])
        chunks[-1].append(lines)
    return [tuple(chunk) for chunk in chunks]


def pages(layout: ChartLayout, notes: NotesPlace, chart_top: float, page_h: float) -> list[dict]:
    """Each printed page: its chart as SVG, and the notes it carries with their position."""
    footer_top = page_h - MARGIN - FOOTER_HEIGHT
    printed = [
        {
            "svg": to_svg(p.drawing, p.scale),
            "heading": p.heading,
            "notes_top": (
                footer_top
                if notes.where == FOOTER
                else chart_top + p.drawing.height * p.scale + 2 * PAD + GAP
            ),
            "notes_left": notes.left,
            "note_lines": () if notes.where == PAGES else notes.lines,
        }
        for p in layout.pages
    ]
    if notes.where == PAGES:
        printed += [
            {"notes_top": chart_top, "notes_left": MARGIN, "note_lines": chunk}
            for chunk in _notes_pages(notes)
        ]
    for number, page in enumerate(printed, start=1):
        page["number"] = number
    return printed
