"""Lay out a Lampiran so that it fits its page: the arrangement of each chart, a search over
column counts and box widths for the largest font that fits, and, when even 6 pt does not
fit, a key page with one page per Asisten."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from orgchart.lampiran.content import ChartContent
from orgchart.lampiran.measure import text_width
from orgchart.lampiran.shapes import Arrow, Drawing, Label
from orgchart.lampiran.stack import Block, Item, Metrics, Placed, make_box, stack

NOMINAL = 8.0  # points: charts are built at this size and scaled to the page
MIN_FONT = 6.0
MAX_FONT = 10.0
BOX_WIDTHS = (10, 12, 14, 17, 21)  # unit box widths, in ems


@dataclass(frozen=True)
class Page:
    drawing: Drawing
    scale: float  # drawing units to points
    heading: str = ""  # for continuation pages: whose portfolio this is
    font_size: float = NOMINAL  # in drawing units

    @property
    def font(self) -> float:
        """The printed size of the text, in points."""
        return self.font_size * self.scale


@dataclass(frozen=True)
class ChartLayout:
    pages: tuple[Page, ...]
    expected: frozenset[int]


def _row(blocks: list[Placed], m: Metrics) -> tuple[Drawing, list[float]]:
    """Blocks side by side; returns the row and the x of each block's anchor."""
    row = Drawing()
    x, anchors = 0.0, []
    for placed in blocks:
        row.add(placed.drawing, x, 0)
        anchors.append(x + placed.anchor_x)
        x += placed.drawing.width + m.gap_x * 2
    return row, anchors


def _hang_row(
    drawing: Drawing,
    blocks: list[Placed],
    m: Metrics,
    trunk_x: float,
    from_y: float,
    top: float,
    dashed: Callable[[Placed], bool],
) -> None:
    """Hang a row of blocks at ``top`` from a trunk at ``trunk_x`` coming down from ``from_y``."""
    row, anchors = _row(blocks, m)
    x0 = trunk_x - row.width / 2
    drawing.add(row, x0, top)
    bus_y = top - m.level / 2
    if anchors:
        xs = [x0 + a for a in anchors]
        solid = any(not dashed(p) for p in blocks)
        drawing.line(trunk_x, from_y, trunk_x, bus_y, not solid)
        drawing.line(min([*xs, trunk_x]), bus_y, max([*xs, trunk_x]), bus_y, not solid)
        for placed, x in zip(blocks, xs, strict=True):
            drawing.line(x, bus_y, x, top, dashed(placed))


def _lead_dashed(placed: Placed, items: dict[str, Item]) -> bool:
    return items[placed.lead.key].dashed if placed.lead and placed.lead.key in items else False


def build_one(content: ChartContent, m: Metrics, rows: int) -> Drawing:
    """Lampiran I: Kepala Daerah and Wakil, the Sekda with the Staf Ahli left and other units
    right, then each Asisten's portfolio in columns."""
    drawing = Drawing()
    leads = {b.lead.key: b.lead for b in content.blocks if b.lead}
    blocks = [stack(block, rows, m) for block in content.blocks]
    row_w = _row(blocks, m)[0].width if blocks else 0
    head = make_box(content.head, 0, 0, m.box_w * 1.4, m, "head")
    deputies = [make_box(d, 0, 0, m.box_w * 1.2, m, "head") for d in content.deputies]
    sekda = make_box(content.sekda, 0, 0, m.box_w * 1.3, m, "head") if content.sekda else None
    left = (
        stack(content.advisers, 10**6, m) if content.advisers and content.advisers.items else None
    )
    right = stack(content.others, 10**6, m) if content.others and content.others.items else None
    inner = (sekda.w if sekda else head.w) / 2 + m.gap_x * 2
    deputies_w = sum(d.w + m.gap_x * 2 for d in deputies)
    reach_left = max(head.w / 2, inner + (left.drawing.width if left else 0), row_w / 2)
    reach_right = max(
        head.w / 2 + deputies_w, inner + (right.drawing.width if right else 0), row_w / 2
    )
    x = reach_left
    head = replace(head, x=x - head.w / 2)
    drawing.boxes.append(head)
    dx = head.right
    for deputy in deputies:
        deputy = replace(deputy, x=dx + m.gap_x * 2, y=0)
        drawing.boxes.append(deputy)
        drawing.line(dx, head.cy, deputy.x, head.cy)
        dx = deputy.right
    junction = max([head.bottom] + [d.bottom for d in deputies]) + m.level / 2
    bottom = junction
    if sekda:
        sekda = replace(sekda, x=x - sekda.w / 2, y=junction + m.level / 2)
        drawing.boxes.append(sekda)
        drawing.line(x, head.bottom, x, sekda.y)
        bottom = sekda.bottom
    for side, to_left in ((left, True), (right, False)):
        if side is None:
            continue
        side_x = x - inner - side.drawing.width if to_left else x + inner
        drawing.add(side.drawing, side_x, junction)
        drawing.line(
            x,
            junction,
            side_x + side.anchor_x,
            junction,
            not to_left and _all_dashed(content.others),
        )
        bottom = max(bottom, junction + side.drawing.height)
    if blocks:
        start = sekda.bottom if sekda else head.bottom
        _hang_row(drawing, blocks, m, x, start, bottom + m.level, lambda p: _lead_dashed(p, leads))
    drawing.width = max(drawing.width, reach_left + reach_right)
    drawing.enclose()
    return drawing


def _all_dashed(block: Block | None) -> bool:
    return bool(block) and all(item.dashed for item in block.items if item.depth == 0)


def build_two(content: ChartContent, m: Metrics, rows: int) -> Drawing:
    """Lampiran II: the Kepala Daerah above its coordination partners; every line dashed."""
    drawing = Drawing()
    blocks = [stack(Block(b.lead, b.items, b.lead_style), rows, m) for b in content.blocks]
    row_w = _row(blocks, m)[0].width if blocks else 0
    head = make_box(content.head, 0, 0, m.box_w * 1.4, m, "head")
    x = max(head.w, row_w) / 2
    head = replace(head, x=x - head.w / 2)
    drawing.boxes.append(head)
    if blocks:
        _hang_row(drawing, blocks, m, x, head.bottom, head.bottom + m.level, lambda p: True)
    else:
        text = "(tidak ada instansi vertikal dalam struktur)"
        width = text_width(text, m.size)
        x = max(x, width / 2 + m.gap_x)
        drawing.boxes[-1] = replace(head, x=x - head.w / 2)
        label = Label(x, head.bottom + m.level, (text,), m.size, anchor="middle", w=width)
        drawing.labels.append(label)
        drawing.height = label.y + label.h
    drawing.width = max(drawing.width, x * 2)
    drawing.enclose()
    return drawing


def build_three(content: ChartContent, m: Metrics, rows: int) -> Drawing:
    """Lampiran III: the chain of delegation down, the reporting path back up."""
    drawing = Drawing()
    blocks = [stack(block, rows, m) for block in content.blocks]
    row_w = _row(blocks, m)[0].width if blocks else 0
    chain = [make_box(content.head, 0, 0, m.box_w * 1.4, m, "head")]
    chain += [make_box(d, 0, 0, m.box_w * 1.3, m, "head") for d in content.deputies]
    chain += [make_box(content.sekda, 0, 0, m.box_w * 1.3, m, "head")] if content.sekda else []
    x = max(max(b.w for b in chain), row_w) / 2
    y, placed = 0.0, []
    for box in chain:
        box = replace(box, x=x - box.w / 2, y=y)
        if placed:
            drawing.line(x, placed[-1].bottom, x, box.y)
            drawing.arrows.append(Arrow(x, box.y, "down", m.size * 0.5))
        placed.append(box)
        y = box.bottom + m.level
    drawing.boxes += placed
    if blocks:
        _hang_row(drawing, blocks, m, x, placed[-1].bottom, y + m.level / 2, lambda p: False)
    drawing.enclose()
    text = "Laporan tertulis" + (f" ({'; '.join(content.reporting)})" if content.reporting else "")
    width = text_width(text, m.size)
    bottom = drawing.height + m.level / 2
    right = max(drawing.width, x * 2, width) + m.gap_x * 2  # the label ends left of the line
    drawing.line(m.gap_x, bottom, right, bottom, True)
    drawing.line(right, bottom, right, placed[0].cy, True)
    for box in (placed[0], placed[-1]) if len(placed) > 1 else placed[:1]:
        drawing.line(right, box.cy, box.right, box.cy, True)
        drawing.arrows.append(Arrow(box.right, box.cy, "left", m.size * 0.5))
    drawing.labels.append(
        Label(
            right - m.gap_x, bottom + m.gap_y, (text,), m.size, italic=True, anchor="end", w=width
        )
    )
    drawing.width = right + m.gap_x
    drawing.height = bottom + m.gap_y + m.line_h * 1.5
    return drawing


BUILDERS = {"I": build_one, "II": build_two, "III": build_three}


def _row_options(content: ChartContent) -> list[int]:
    longest = max((len(b.items) for b in content.blocks), default=1)
    options = sorted({max(1, round(longest / k)) for k in range(1, 13)} | {longest})
    return options


def fit(
    build: Callable[[Metrics, int], Drawing], rows: list[int], area: tuple[float, float]
) -> Page:
    """The arrangement with the largest font that fits ``area`` (width, height in points)."""
    best: Page | None = None
    for ems in BOX_WIDTHS:
        m = Metrics(NOMINAL, NOMINAL * ems)
        for count in rows:
            drawing = build(m, count)
            scale = _scale(drawing, area)
            if best is None or scale > best.scale + 1e-9:
                best = Page(drawing, scale)
    return best


def _scale(drawing: Drawing, area: tuple[float, float]) -> float:
    """The largest scale at which ``drawing`` fits ``area``, capped at 10 pt text. A drawing
    with no extent in one direction (a row of nothing) is limited by the other one only."""
    limits = [
        room / extent
        for room, extent in zip(area, (drawing.width, drawing.height), strict=True)
        if extent > 0
    ]
    return min([*limits, MAX_FONT / NOMINAL])


def lay_out(chart: str, content: ChartContent, area: tuple[float, float]) -> ChartLayout:
    """One page if the chart fits at 6 pt or more; else a key page and a page per block."""
    build = BUILDERS[chart]
    page = fit(lambda m, rows: build(content, m, rows), _row_options(content), area)
    if page.font >= MIN_FONT or not content.blocks:
        return ChartLayout((page,), frozenset(content.expected))
    return ChartLayout(tuple(_split(chart, content, area)), frozenset(content.expected))


def _split(chart: str, content: ChartContent, area: tuple[float, float]) -> list[Page]:
    """The key page names, under each lead, the page its units start on; a lead with no units
    (an Asisten whose portfolio is empty) stands on the key page alone, with no page of its
    own."""
    build = BUILDERS[chart]
    details = [
        _block_pages(Block(None, b.items), b.lead.text if b.lead else "", area) if b.items else []
        for b in content.blocks
    ]
    keyed, number = [], 2
    for index, (block, pages) in enumerate(zip(content.blocks, details, strict=True)):
        note = (Item(f"k{index}", f"rincian: halaman {number}", "note"),) if pages else ()
        keyed.append(Block(block.lead, note, block.lead_style))
        number += len(pages)
    key = replace(content, blocks=keyed)
    key_page = fit(lambda m, rows: build(key, m, rows), [1], area)
    if key_page.font < MIN_FONT:  # too many leads side by side: list them in columns instead
        listed = [
            item
            for block in keyed
            if block.lead
            for item in (block.lead, *(replace(note, depth=1) for note in block.items))
        ]
        compact = replace(content, blocks=[Block(None, tuple(listed))])
        key_page = fit(lambda m, rows: build(compact, m, rows), _row_options(compact), area)
    return [key_page, *(page for pages in details for page in pages)]


def _block_pages(block: Block, heading: str, area: tuple[float, float]) -> list[Page]:
    """A block alone; halved (between top-level units) until every part fits at 6 pt."""
    rows = sorted({max(1, round(len(block.items) / k)) for k in range(1, 25)})
    page = fit(lambda m, r: stack(block, r, m).drawing, rows, area)
    if page.font >= MIN_FONT or len(block.items) < 2:
        return [replace(page, heading=heading)]
    middle = len(block.items) // 2
    rest = block.items[middle:]
    if rest[0].depth > 0:  # split inside a unit's children: say whose they are
        parent = next(i for i in reversed(block.items[:middle]) if i.depth < rest[0].depth)
        rest = (Item(f"c{parent.key}-{middle}", f"{parent.text} (lanjutan)", "header"), *rest)
    first, second = Block(None, block.items[:middle]), Block(None, rest)
    continued = heading if heading.endswith("(lanjutan)") else f"{heading} (lanjutan)"
    return _block_pages(first, heading, area) + _block_pages(second, continued, area)
