"""Checks that a laid-out chart is legible: no two boxes overlap, no line runs through a box or
a text, nothing leaves the drawing, and every unit the chart is about appears exactly once."""

from __future__ import annotations

from collections import Counter

from orgchart.lampiran.shapes import Box, Drawing, Label, Segment

EPSILON = 0.01


def _label_rect(label: Label) -> tuple[float, float, float, float]:
    left = {"start": label.x, "middle": label.x - label.w / 2, "end": label.x - label.w}[
        label.anchor
    ]
    return left, label.y, left + label.w, label.y + label.h


def _box_rect(box: Box) -> tuple[float, float, float, float]:
    return box.x, box.y, box.right, box.bottom


def _overlap(a: tuple, b: tuple) -> bool:
    return (
        a[0] < b[2] - EPSILON
        and b[0] < a[2] - EPSILON
        and a[1] < b[3] - EPSILON
        and b[1] < a[3] - EPSILON
    )


def _crosses(segment: Segment, rect: tuple) -> bool:
    """Does an orthogonal segment pass through the open interior of ``rect``?"""
    left, top, right, bottom = rect
    x1, x2 = sorted((segment.x1, segment.x2))
    y1, y2 = sorted((segment.y1, segment.y2))
    return (
        x1 < right - EPSILON
        and x2 > left + EPSILON
        and y1 < bottom - EPSILON
        and y2 > top + EPSILON
    )


def problems(
    drawing: Drawing,
    expected: set[int] | frozenset[int] | None = None,
    repeats_allowed: bool = False,
) -> list[str]:
    found: list[str] = []
    rects = [(f"box {b.key}", _box_rect(b)) for b in drawing.boxes]
    rects += [
        (f"text “{' '.join(label.lines)[:40]}”", _label_rect(label)) for label in drawing.labels
    ]
    ordered = sorted(rects, key=lambda item: item[1][0])
    for index, (name, rect) in enumerate(ordered):
        for other_name, other in ordered[index + 1 :]:
            if other[0] >= rect[2] - EPSILON:
                break
            if _overlap(rect, other):
                found.append(f"{name} overlaps {other_name}")
    for segment in drawing.segments:
        for name, rect in rects:
            if _crosses(segment, rect):
                found.append(f"line {segment} runs through {name}")
    for name, (left, top, right, bottom) in rects:
        if (
            left < -EPSILON
            or top < -EPSILON
            or right > drawing.width + EPSILON
            or bottom > drawing.height + EPSILON
        ):
            found.append(f"{name} leaves the drawing")
    if expected is not None:
        seen = Counter(b.unit_id for b in drawing.boxes if b.unit_id is not None)
        seen.update(label.unit_id for label in drawing.labels if label.unit_id is not None)
        missing = set(expected) - set(seen)
        if missing:
            found.append(f"units missing: {sorted(missing)}")
        twice = [unit for unit, count in seen.items() if count > 1]
        if twice and not repeats_allowed:
            found.append(f"units drawn more than once: {sorted(twice)}")
        extra = set(seen) - set(expected)
        if extra:
            found.append(f"units not expected on this chart: {sorted(extra)}")
    return found
