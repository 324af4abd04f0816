"""The table annex in the form of Perwal Bengkulu 24/2018's Lampiran:
NO | STAF AHLI | ASISTEN | PERANGKAT DAERAH | BAGIAN | URUSAN LAIN, its rows as published or
one row per Asisten as the portal reads the structure; a text a flaw note touches carries the
note's number as a superscript."""

from __future__ import annotations

from orgchart.lampiran.layout import MAX_FONT, MIN_FONT, ChartLayout, Page
from orgchart.lampiran.measure import LINE_HEIGHT, text_width, wrap
from orgchart.lampiran.notes import superscript
from orgchart.lampiran.rows import Entry, TableRow
from orgchart.lampiran.shapes import Box, Drawing, Label

COLUMNS = (
    ("NO", 0.04),
    ("STAF AHLI", 0.16),
    ("ASISTEN", 0.14),
    ("SEKRETARIAT DEWAN, INSPEKTORAT, DINAS, BADAN DAN UNIT KERJA LAIN", 0.32),
    ("BAGIAN", 0.19),
    ("URUSAN LAIN", 0.15),
)
# The headings as the published table prints them, over a row numbering its columns.
PUBLISHED_HEADINGS = (
    "NO",
    "STAF AHLI",
    "ASISTEN",
    "SEKRETARIAT DEWAN, INSPEKTORAT, DINAS DAN BADAN",
    "BAGIAN",
    "URUSAN LAIN",
)
STEP = 0.25


def _text(entry: Entry, number: int | None = None) -> str:
    prefix = f"{number}. " if number is not None else ""
    return f"{prefix}{entry.text}{superscript(entry.marks)}"


def _numbered(entries: tuple[Entry, ...], always: bool) -> list[tuple[str, int | None]]:
    """Lists of units are numbered in their cell; a cell of one Staf Ahli or Asisten is not."""
    if not always and len(entries) < 2:
        return [(_text(e), e.unit_id) for e in entries]
    return [(_text(e, n), e.unit_id) for n, e in enumerate(entries, start=1)]


def _cells(row: TableRow) -> list[list[tuple[str, int | None]]]:
    return [
        [(f"{row.number}.", None)],
        _numbered(row.staf_ahli, not row.published),
        _numbered(row.asisten, False),
        _numbered(row.units, True),
        _numbered(row.bagian, True),
        _numbered(row.other, True),
    ]


def column_titles(rows: list[TableRow]) -> tuple[str, ...]:
    """The six column headings the table prints over ``rows``."""
    return _headings(rows)[0]


def _headings(rows: list[TableRow]) -> tuple[tuple[str, ...], ...]:
    """The heading rows: the published table's own with its column numbers, or the portal's."""
    if rows and all(row.published for row in rows):
        return PUBLISHED_HEADINGS, tuple(str(n) for n in range(1, 7))
    return (tuple(title for title, _fraction in COLUMNS),)


def _flowed(
    entries: list[tuple[str, int | None]], width: float, size: float, flow: int
) -> list[tuple[float, float, tuple[str, ...], int | None]]:
    """(dx, dy, lines, unit) of each entry, the list flowed into ``flow`` sub-columns of
    about equal height, in reading order down each sub-column."""
    pad = size * 0.4
    sub_w = (width - 2 * pad - (flow - 1) * pad * 2) / flow
    wrapped = [(wrap(text, sub_w, size), unit) for text, unit in entries]
    heights = [len(lines) * size * LINE_HEIGHT for lines, _unit in wrapped]
    target = sum(heights) / flow
    placed, column, y = [], 0, 0.0
    for (lines, unit), height in zip(wrapped, heights, strict=True):
        if y > 0 and y + height > target + 1e-6 and column < flow - 1:
            column, y = column + 1, 0.0
        placed.append((pad + column * (sub_w + pad * 2), pad + y, lines, unit))
        y += height
    return placed


def _cell_height(entries: list, width: float, size: float, flow: int = 1) -> float:
    pad = size * 0.4
    if not entries:
        return size * LINE_HEIGHT + 2 * pad
    placed = _flowed(entries, width, size, flow)
    return max(dy + len(lines) * size * LINE_HEIGHT for _dx, dy, lines, _unit in placed) + pad


def _row_height(row: TableRow, widths: list[float], size: float, flows: tuple[int, ...]) -> float:
    return max(
        _cell_height(cells, w, size, flow)
        for cells, w, flow in zip(_cells(row), widths, flows, strict=True)
    )


Headings = tuple[tuple[str, ...], ...]


def _heading_heights(headings: Headings, widths: list[float], size: float) -> list[float]:
    pad = size * 0.4
    return [
        max(
            len(wrap(title, w - 2 * pad, size, True)) * size * LINE_HEIGHT + 2 * pad
            for title, w in zip(titles, widths, strict=True)
        )
        for titles in headings
    ]


def _draw(
    rows: list[TableRow],
    widths: list[float],
    size: float,
    flows: tuple[int, ...],
    headings: Headings,
) -> Drawing:
    """Header cells are boxes; the body is ruled with lines, its entries are texts that
    stand for their units (so the geometry check proves no text crosses a rule)."""
    width = sum(widths)
    drawing = Drawing(width=width)
    pad = size * 0.4
    y = 0.0
    for level, (titles, height) in enumerate(
        zip(headings, _heading_heights(headings, widths, size), strict=True)
    ):
        x = 0.0
        for title, w in zip(titles, widths, strict=True):
            lines = wrap(title, w - 2 * pad, size, True)
            key = f"th{level}-{x:.0f}"
            drawing.boxes.append(Box(key, x, y, w, height, lines, size, True, "group"))
            x += w
        y += height
    header_h = y
    for row in rows:
        x = 0.0
        for entries, w, flow in zip(_cells(row), widths, flows, strict=True):
            for dx, dy, lines, unit in _flowed(entries, w, size, flow):
                used = max(text_width(line, size) for line in lines)
                drawing.labels.append(Label(x + dx, y + dy, lines, size, w=used, unit_id=unit))
            x += w
        y += _row_height(row, widths, size, flows)
        drawing.line(0, y, width, y)
    x = 0.0
    for w in (0.0, *widths):
        x += w
        drawing.line(x, header_h, x, y)
    drawing.height = y
    return drawing


def _widths(rows: list[TableRow], total: float) -> list[float]:
    """The standard proportions, except that a column empty in every row keeps only the
    width its heading needs and gives the rest to the agencies."""
    widths = [total * fraction for _title, fraction in COLUMNS]
    for column in (1, 5):  # Staf Ahli, urusan lain
        if not any(_cells(row)[column] for row in rows):
            spare = widths[column] - total * 0.07
            widths[column] -= spare
            widths[3] += spare
    return widths


FLOWS = ((1, 1, 1, 1, 1, 1), (1, 1, 1, 2, 1, 1), (1, 1, 1, 2, 2, 1), (1, 1, 1, 3, 2, 1))


def lay_out_table(rows: list[TableRow], area: tuple[float, float]) -> ChartLayout:
    """The largest font, from 10 pt down to 6 pt, at which the table fits one page, letting
    long lists flow into sub-columns; at 6 pt, rows go on as many pages as they need, the
    header repeated on each."""
    widths = _widths(rows, area[0])
    headings = _headings(rows)
    expected = frozenset(
        unit for row in rows for cells in _cells(row) for _text, unit in cells if unit is not None
    )

    def height(chunk: list[TableRow], size: float, flows: tuple[int, ...]) -> float:
        return sum(_heading_heights(headings, widths, size)) + sum(
            _row_height(r, widths, size, flows) for r in chunk
        )

    def page(chunk: list[TableRow], size: float, flows: tuple[int, ...]) -> Page:
        return Page(_draw(chunk, widths, size, flows, headings), 1.0, font_size=size)

    size = MAX_FONT
    while size >= MIN_FONT:
        for flows in FLOWS:
            if height(rows, size, flows) <= area[1]:
                return ChartLayout((page(rows, size, flows),), expected)
        size -= STEP
    flows = FLOWS[-1]
    pages, chunk = [], []
    for row in rows:
        if chunk and height([*chunk, row], MIN_FONT, flows) > area[1]:
            pages.append(page(chunk, MIN_FONT, flows))
            chunk = []
        chunk.append(row)
    pages.append(page(chunk, MIN_FONT, flows))
    return ChartLayout(tuple(pages), expected)
