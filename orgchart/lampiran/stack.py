"""A lead box with the units under it stacked in columns, joined by a bus line, as printed
charts draw a long portfolio under its Asisten.

Lines are orthogonal and never cross a box: each column has a spine on its left, in the gap
left of every box; a unit's children hang from a spine that starts at the unit's own bottom
edge and runs in their indentation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from orgchart.lampiran.measure import LINE_HEIGHT, wrap
from orgchart.lampiran.shapes import Box, Drawing, Label


@dataclass(frozen=True)
class Metrics:
    """Every distance of a chart derives from its font size and its unit box width."""

    size: float
    box_w: float

    @property
    def line_h(self) -> float:
        return self.size * LINE_HEIGHT

    @property
    def pad(self) -> float:
        return self.size * 0.35

    @property
    def gap_y(self) -> float:
        return self.size * 0.5

    @property
    def indent(self) -> float:
        return self.size * 1.3

    @property
    def gap_x(self) -> float:
        return self.size * 1.4

    @property
    def level(self) -> float:
        return self.size * 2.4


@dataclass(frozen=True)
class Item:
    """One line of a stack: a unit box, or a heading or note printed as text."""

    key: str
    text: str
    kind: str = "unit"  # unit | header | note
    unit_id: int | None = None
    depth: int = 0
    dashed: bool = True
    bold: bool = False


@dataclass(frozen=True)
class Block:
    lead: Item | None
    items: tuple[Item, ...]
    lead_style: str = "unit"  # unit | group | head


@dataclass
class Placed:
    drawing: Drawing
    anchor_x: float  # where a line from above attaches, at y = 0
    lead: Box | None


def make_box(item: Item, x: float, y: float, w: float, m: Metrics, style: str = "unit") -> Box:
    lines = wrap(item.text, w - 2 * m.pad, m.size, item.bold)
    h = len(lines) * m.line_h + 2 * m.pad
    return Box(item.key, x, y, w, h, lines, m.size, item.bold, style, item.unit_id)


def _groups(items: tuple[Item, ...]) -> list[list[Item]]:
    """A unit at depth 0 with its descendants, or a heading, never split across columns."""
    groups: list[list[Item]] = []
    for item in items:
        if item.depth == 0 or not groups:
            groups.append([item])
        else:
            groups[-1].append(item)
    return groups


def _pieces(groups: list[list[Item]], target: int) -> list[list[Item]]:
    """Groups no longer than ``target``: a unit with more children than a column holds goes on
    in the next column under a heading that names it."""
    pieces: list[list[Item]] = []
    for group in groups:
        if len(group) <= target or target < 2:
            pieces.append(group)
            continue
        head = group[0]
        for start in range(0, len(group), target):
            chunk = group[start : start + target]
            if start:
                chunk = [Item(f"c{head.key}-{start}", f"{head.text} (lanjutan)", "header"), *chunk]
            pieces.append(chunk)
    return pieces


def _partition(groups: list[list[Item]], columns: int) -> list[list[Item]]:
    total = sum(len(group) for group in groups)
    target = math.ceil(total / columns)
    result: list[list[Item]] = [[]]
    for group in _pieces(groups, target):
        current = result[-1]
        if current and len(current) + len(group) > target and len(result) < columns:
            # a heading stays with what follows it
            if current[-1].kind == "header":
                result.append([current.pop(), *group])
                continue
            result.append(list(group))
        else:
            current.extend(group)
    return [column for column in result if column]


def _column(
    items: list[Item], m: Metrics, x0: float, y0: float, drawing: Drawing
) -> list[tuple[Box, bool]]:
    """Place one column's items from (x0, y0); return its depth-0 boxes (with their line style)
    for the caller's spine."""
    y = y0
    top_level: list[tuple[Box, bool]] = []
    last_at_depth: dict[int, Box] = {}
    children: dict[str, list[tuple[Box, bool]]] = {}
    for item in items:
        if item.kind == "header":  # no spine runs through a heading: what follows starts anew
            last_at_depth.clear()
        if item.kind in {"header", "note"}:
            width = m.box_w + m.indent * item.depth
            lines = wrap(item.text, width, m.size, item.kind == "header")
            label = Label(
                x0 + m.indent,
                y,
                lines,
                m.size,
                bold=item.kind == "header",
                italic=item.kind == "note",
                w=width,
            )
            drawing.labels.append(label)
            y += label.h + m.gap_y
            continue
        box = make_box(item, x0 + m.indent * (item.depth + 1), y, m.box_w, m)
        drawing.boxes.append(box)
        y += box.h + m.gap_y
        parent = last_at_depth.get(item.depth - 1) if item.depth else None
        if parent is None:  # depth 0, or a continuation whose parent is on the previous page
            top_level.append((box, item.dashed))
        else:
            children.setdefault(parent.key, []).append((box, item.dashed))
        last_at_depth[item.depth] = box
    by_key = {box.key: box for box in drawing.boxes}
    for parent_key, kids in children.items():
        parent = by_key[parent_key]
        spine = parent.x + m.indent * 0.5
        previous = parent.bottom
        for box, dashed in kids:
            drawing.line(spine, previous, spine, box.cy, dashed)
            drawing.line(spine, box.cy, box.x, box.cy, dashed)
            previous = box.cy
    drawing.height = max(drawing.height, y - m.gap_y)
    return top_level


def stack(block: Block, rows: int, m: Metrics) -> Placed:
    """Lay out ``block`` with at most about ``rows`` items per column."""
    drawing = Drawing()
    items = block.items
    max_depth = max((item.depth for item in items), default=0)
    col_w = m.indent * (max_depth + 1) + m.box_w
    columns = (
        _partition(_groups(items), max(1, math.ceil(len(items) / max(rows, 1)))) if items else []
    )
    cols_w = len(columns) * col_w + max(len(columns) - 1, 0) * m.gap_x
    lead = None
    if block.lead is not None:
        lead_w = max(m.box_w, min(cols_w, m.box_w * 1.5))
        lead = make_box(block.lead, 0, 0, lead_w, m, block.lead_style)
    width = max(lead.w if lead else 0, cols_w, m.box_w)
    if lead is not None:
        lead = Box(
            lead.key,
            (width - lead.w) / 2,
            0,
            lead.w,
            lead.h,
            lead.lines,
            lead.size,
            lead.bold,
            lead.style,
            lead.unit_id,
        )
        drawing.boxes.append(lead)
    bus_y = lead.bottom + m.level / 2 if lead else 0.0
    cols_y = bus_y + (m.level / 2 if lead else m.gap_y * 2)
    x = (width - cols_w) / 2
    spines = []
    for column in columns:
        top = _column(column, m, x, cols_y, drawing)
        spine = x + m.indent * 0.5
        spines.append(spine)
        previous = bus_y
        for box, dashed in top:
            drawing.line(spine, previous, spine, box.cy, dashed)
            drawing.line(spine, box.cy, box.x, box.cy, dashed)
            previous = box.cy
        x += col_w + m.gap_x
    solid = any(not item.dashed for item in items if item.depth == 0 and item.kind == "unit")
    if lead is not None and spines and any(item.kind == "unit" for item in items):
        drawing.line(lead.cx, lead.bottom, lead.cx, bus_y, not solid)
        drawing.line(min([*spines, lead.cx]), bus_y, max([*spines, lead.cx]), bus_y, not solid)
    drawing.width = width
    drawing.height = max(drawing.height, lead.bottom if lead else 0)
    anchor = lead.cx if lead else (spines[0] if spines else width / 2)
    return Placed(drawing, anchor, lead)
