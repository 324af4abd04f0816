"""A laid-out page as SVG, byte for byte the same for the same data."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from orgchart.lampiran.measure import FONT_FAMILY, LINE_HEIGHT
from orgchart.lampiran.shapes import Arrow, Box, Label, Segment

ASCENT = 0.93  # of the em, for DejaVu Sans Condensed: from the top of a line to its baseline
DASH = "3 2"
FONTS = f"{FONT_FAMILY}, DejaVu Sans Condensed, DejaVu Sans, sans-serif"
PAD = 1.0  # points around the drawing, so that strokes on its edge are not clipped


def num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def _text(x: float, y: float, size: float, text: str, anchor: str, bold: bool, italic: bool) -> str:
    attrs = [f'x="{num(x)}"', f'y="{num(y)}"', f'font-size="{num(size)}"']
    if anchor != "start":
        attrs.append(f'text-anchor="{anchor}"')
    if bold:
        attrs.append('font-weight="bold"')
    if italic:
        attrs.append('font-style="italic"')
    return f"<text {' '.join(attrs)}>{escape(text)}</text>"


def _box(box: Box) -> str:
    stroke = {"head": "1.1", "group": "0.8"}.get(box.style, "0.6")
    fill = "#f1f3f6" if box.style == "group" else "#fff"
    data = f' data-unit="{box.unit_id}"' if box.unit_id is not None else ""
    parts = [
        f'<g class="box {box.style}"{data}>',
        f'<rect x="{num(box.x)}" y="{num(box.y)}" width="{num(box.w)}" height="{num(box.h)}" '
        f'fill="{fill}" stroke="#000" stroke-width="{stroke}"/>',
    ]
    pad = (box.h - len(box.lines) * box.size * LINE_HEIGHT) / 2
    for index, line in enumerate(box.lines):
        baseline = box.y + pad + box.size * (LINE_HEIGHT * index + ASCENT)
        parts.append(_text(box.cx, baseline, box.size, line, "middle", box.bold, False))
    parts.append("</g>")
    return "".join(parts)


def _segment(segment: Segment) -> str:
    dash = f' stroke-dasharray="{DASH}"' if segment.dashed else ""
    return (
        f'<line x1="{num(segment.x1)}" y1="{num(segment.y1)}" x2="{num(segment.x2)}" '
        f'y2="{num(segment.y2)}" stroke="#000" stroke-width="0.6"{dash}/>'
    )


def _label(label: Label) -> str:
    parts = []
    for index, line in enumerate(label.lines):
        baseline = label.y + label.size * (LINE_HEIGHT * index + ASCENT)
        parts.append(
            _text(label.x, baseline, label.size, line, label.anchor, label.bold, label.italic)
        )
    data = f' data-unit="{label.unit_id}"' if label.unit_id is not None else ""
    return f'<g class="label"{data}>{"".join(parts)}</g>'


def _arrow(arrow: Arrow) -> str:
    s, x, y = arrow.size, arrow.x, arrow.y
    tips = {
        "down": [(x, y), (x - s / 2, y - s), (x + s / 2, y - s)],
        "up": [(x, y), (x - s / 2, y + s), (x + s / 2, y + s)],
        "left": [(x, y), (x + s, y - s / 2), (x + s, y + s / 2)],
        "right": [(x, y), (x - s, y - s / 2), (x - s, y + s / 2)],
    }[arrow.direction]
    points = " ".join(f"{num(px)},{num(py)}" for px, py in tips)
    return f'<polygon points="{points}" fill="#000"/>'


def to_svg(drawing, scale: float, title: str = "") -> str:
    """The drawing at ``scale``: width and height in points, coordinates unscaled (viewBox)."""
    pad = PAD / scale
    width, height = drawing.width + 2 * pad, drawing.height + 2 * pad
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(width * scale)}pt" '
        f'height="{num(height * scale)}pt" '
        f'viewBox="{num(-pad)} {num(-pad)} {num(width)} {num(height)}" '
        f"font-family={quoteattr(FONTS)} "
        f'role="img"' + (f" aria-label={quoteattr(title)}" if title else "") + ">"
    )
    body = [head]
    if title:
        body.append(f"<title>{escape(title)}</title>")
    body += [_segment(s) for s in drawing.segments]
    body += [_box(b) for b in drawing.boxes]
    body += [_label(label) for label in drawing.labels]
    body += [_arrow(a) for a in drawing.arrows]
    body.append("</svg>")
    return "\n".join(body) + "\n"
